package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import dev.tusk.query.SortBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonValue;

/**
 * $sample: up to size documents chosen uniformly at random (reservoir sampling), in random order. A
 * reservoir past 100 MiB (it still holds every document seen) becomes, with allowDiskUse, a spilling
 * sort of all documents by a random key, of which the first size are the sample.
 */
public record SampleStage(long size, boolean allowDiskUse) implements Stage {
    private static final String KEY = "r";
    private static final String DOC = "d";


    static SampleStage parse(BsonValue spec, boolean allowDiskUse) {
        if (!spec.isDocument() || !spec.asDocument().containsKey("size")) {
            throw ErrorCode.LOCATION_28749.error("$sample stage must specify a size");
        }
        BsonValue size = spec.asDocument().get("size");
        if (!size.isNumber() || size.asNumber().longValue() < 0) {
            throw ErrorCode.LOCATION_28747.error("size argument to $sample must not be negative");
        }
        return new SampleStage(size.asNumber().longValue(), allowDiskUse);
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        List<BsonDocument> reservoir = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long seen = 0;
        long bytes = 0;
        while (input.hasNext()) {
            BsonDocument d = input.next();
            seen++;
            if (reservoir.size() < size) {
                bytes += MemoryLimit.sizeOf(d);
                reservoir.add(d);
                if (bytes > MemoryLimit.BYTES) {
                    if (!allowDiskUse) {
                        throw MemoryLimit.exceeded("$sample");
                    }
                    return byRandomKey(reservoir, input, random);
                }
            } else {
                long j = random.nextLong(seen);
                if (j < size) {
                    reservoir.set((int) j, d);
                }
            }
        }
        Collections.shuffle(reservoir, random);
        return reservoir.iterator();
    }

    /** Every document (those held, then the rest) sorted by a random key on disk; the first size of them. */
    private Iterator<BsonDocument> byRandomKey(List<BsonDocument> held, Iterator<BsonDocument> rest, ThreadLocalRandom random) {
        SortBuffer buffer = new SortBuffer(Comparator.comparingDouble(e -> e.getDouble(KEY).getValue()), MemoryLimit.BYTES, true,
                MemoryLimit::sizeOf, () -> MemoryLimit.exceeded("$sample"));
        held.forEach(d -> buffer.add(new BsonDocument(KEY, new BsonDouble(random.nextDouble())).append(DOC, d)));
        held.clear();
        rest.forEachRemaining(d -> buffer.add(new BsonDocument(KEY, new BsonDouble(random.nextDouble())).append(DOC, d)));
        Iterator<BsonDocument> sorted = buffer.sorted();
        return new Iterator<>() {
            private long returned;

            @Override
            public boolean hasNext() {
                if (returned < size && sorted.hasNext()) {
                    return true;
                }
                buffer.close();
                return false;
            }

            @Override
            public BsonDocument next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                returned++;
                return sorted.next().getDocument(DOC);
            }
        };
    }
}
