package dev.tusk.query;

import dev.tusk.bson.FieldPath;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * Every value the query language's path traversal reaches for a path (arrays at the end and their
 * elements alike), with "missing" as null. An index holding a key for each of these values can
 * serve any comparison on the path without missing a match: the evaluator compares exactly these.
 */
public final class ReachedValues {
    private ReachedValues() {}

    public static List<BsonValue> of(BsonDocument doc, FieldPath path) {
        List<BsonValue> out = new ArrayList<>();
        PathValues.anyMatch(doc, path, true, v -> {
            out.add(v == null ? BsonNull.VALUE : v);
            return false;
        });
        return out;
    }

    /** The values the path reaches with arrays at the end kept whole (not also their elements); missing as null. */
    public static List<BsonValue> unexpanded(BsonDocument doc, FieldPath path) {
        List<BsonValue> out = new ArrayList<>();
        PathValues.anyMatch(doc, path, false, v -> {
            out.add(v == null ? BsonNull.VALUE : v);
            return false;
        });
        return out;
    }
}
