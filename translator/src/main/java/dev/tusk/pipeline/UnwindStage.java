package dev.tusk.pipeline;

import dev.tusk.text.ScoredDocument;

import dev.tusk.bson.BsonCopy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * $unwind: one output document per array element. Missing, null and empty arrays produce nothing
 * unless preserveNullAndEmptyArrays; a non-array value is treated as a one-element array.
 */
public record UnwindStage(String path, Optional<String> includeArrayIndex, boolean preserveNullAndEmptyArrays)
        implements Stage {
    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        String[] parts = path.split("\\.", -1);
        return Iterators.flatMap(input, d -> unwind(d, parts).stream().map(u -> ScoredDocument.carry(d, u)).iterator());
    }

    private List<BsonDocument> unwind(BsonDocument d, String[] parts) {
        Optional<BsonValue> value = lookup(d, parts);
        List<BsonDocument> out = new ArrayList<>();
        if (value.isPresent() && value.get().isArray() && !value.get().asArray().isEmpty()) {
            long i = 0;
            for (BsonValue element : value.get().asArray()) {
                BsonDocument copy = BsonCopy.document(d);
                set(copy, parts, element);
                final long index = i++;
                includeArrayIndex.ifPresent(f -> copy.put(f, new BsonInt64(index)));
                out.add(copy);
            }
        } else if (value.isPresent() && !value.get().isArray() && !value.get().isNull()) {
            BsonDocument copy = BsonCopy.document(d);
            includeArrayIndex.ifPresent(f -> copy.put(f, BsonNull.VALUE));
            out.add(copy);
        } else if (preserveNullAndEmptyArrays) {
            BsonDocument copy = BsonCopy.document(d);
            if (value.isPresent() && value.get().isArray()) {
                remove(copy, parts);
            }
            includeArrayIndex.ifPresent(f -> copy.put(f, BsonNull.VALUE));
            out.add(copy);
        }
        return out;
    }

    private static Optional<BsonValue> lookup(BsonDocument d, String[] parts) {
        BsonValue current = d;
        for (String p : parts) {
            if (!current.isDocument() || !current.asDocument().containsKey(p)) {
                return Optional.empty();
            }
            current = current.asDocument().get(p);
        }
        return Optional.of(current);
    }

    private static void set(BsonDocument d, String[] parts, BsonValue v) {
        BsonDocument current = d;
        for (int i = 0; i < parts.length - 1; i++) {
            current = current.getDocument(parts[i]);
        }
        current.put(parts[parts.length - 1], v);
    }

    private static void remove(BsonDocument d, String[] parts) {
        BsonDocument current = d;
        for (int i = 0; i < parts.length - 1; i++) {
            current = current.getDocument(parts[i]);
        }
        current.remove(parts[parts.length - 1]);
    }
}
