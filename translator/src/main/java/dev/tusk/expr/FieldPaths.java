package dev.tusk.expr;

import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * An aggregation field path's value: through documents, and over arrays element by element
 * ({@code $a.b} on {@code {a: [{b: 1}, {b: 2}, {}, 3]}} is {@code [1, 2]}); numeric components are
 * field names here, never array indexes. Missing is Java null.
 */
public final class FieldPaths {
    private FieldPaths() {}

    public static BsonValue get(BsonValue current, List<String> parts) {
        return get(current, parts, 0);
    }

    private static BsonValue get(BsonValue current, List<String> parts, int i) {
        if (i == parts.size()) {
            return current;
        }
        if (current instanceof BsonDocument d) {
            BsonValue next = d instanceof org.bson.RawBsonDocument raw
                    ? dev.tusk.bson.RawFields.get(raw, parts.get(i)) : d.get(parts.get(i));
            return next == null ? null : get(next, parts, i + 1);
        }
        if (current instanceof BsonArray a) {
            BsonArray out = new BsonArray();
            for (BsonValue element : a) {
                if (element.isDocument() || element.isArray()) {
                    BsonValue v = get(element, parts, i);
                    if (v != null) {
                        out.add(v);
                    }
                }
            }
            return out;
        }
        return null;
    }
}
