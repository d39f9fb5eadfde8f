package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** $sample: up to size documents chosen uniformly at random (reservoir sampling), in random order. */
public record SampleStage(long size) implements Stage {

    static SampleStage parse(BsonValue spec) {
        if (!spec.isDocument() || !spec.asDocument().containsKey("size")) {
            throw ErrorCode.LOCATION_28749.error("$sample stage must specify a size");
        }
        BsonValue size = spec.asDocument().get("size");
        if (!size.isNumber() || size.asNumber().longValue() < 0) {
            throw ErrorCode.LOCATION_28747.error("size argument to $sample must not be negative");
        }
        return new SampleStage(size.asNumber().longValue());
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        List<BsonDocument> reservoir = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long seen = 0;
        MemoryLimit limit = new MemoryLimit("$sample");
        while (input.hasNext()) {
            BsonDocument d = input.next();
            seen++;
            if (reservoir.size() < size) {
                limit.add(d);
                reservoir.add(d);
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
}
