package dev.tusk.update;

import dev.tusk.bson.BsonCopy;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonValue;

/** Builds the seed document of an upsert from a filter's equality predicates. */
final class UpsertSeed {
    private UpsertSeed() {}

    static BsonDocument of(BsonDocument filter) {
        BsonDocument seed = new BsonDocument();
        collect(filter, seed);
        return seed;
    }

    private static void collect(BsonDocument filter, BsonDocument seed) {
        for (Map.Entry<String, BsonValue> e : filter.entrySet()) {
            String name = e.getKey();
            BsonValue v = e.getValue();
            if (name.equals("$and") && v instanceof BsonArray clauses) {
                for (BsonValue clause : clauses) {
                    if (clause instanceof BsonDocument d) {
                        collect(d, seed);
                    }
                }
                continue;
            }
            if (name.startsWith("$")) {
                continue; // $or/$nor/...: no single equality to take
            }
            equality(v).ifPresent(value -> put(seed, name, value));
        }
    }

    private static java.util.Optional<BsonValue> equality(BsonValue v) {
        if (v instanceof BsonRegularExpression) {
            return java.util.Optional.empty();
        }
        if (v instanceof BsonDocument d && !d.isEmpty() && d.getFirstKey().startsWith("$")) {
            if (d.containsKey("$ref") && d.containsKey("$id")) {
                return java.util.Optional.of(v);
            }
            BsonValue eq = d.get("$eq");
            return eq == null ? java.util.Optional.empty() : java.util.Optional.of(eq);
        }
        return java.util.Optional.of(v);
    }

    private static void put(BsonDocument seed, String dotted, BsonValue value) {
        FieldPath path = FieldPath.parse(dotted);
        if (DocumentPaths.get(seed, path).isPresent()) {
            return;
        }
        try {
            DocumentPaths.set(seed, path, BsonCopy.deep(value));
        } catch (dev.tusk.error.MongoServerException e) {
            throw ErrorCode.NOT_SINGLE_VALUE_FIELD.error("cannot infer query fields to set, path '" + dotted
                    + "' is matched twice");
        }
    }
}
