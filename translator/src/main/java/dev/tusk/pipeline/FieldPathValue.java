package dev.tusk.pipeline;

import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * An aggregation field path's value: through documents, and over arrays element by element
 * ("$a.b" on {a: [{b: 1}, {b: 2}, {}]} is [1, 2]); numeric components are field names here.
 */
final class FieldPathValue {
    private FieldPathValue() {}

    static Optional<BsonValue> get(BsonValue current, String[] parts) {
        return get(current, parts, 0);
    }

    private static Optional<BsonValue> get(BsonValue current, String[] parts, int i) {
        if (i == parts.length) {
            return Optional.of(current);
        }
        if (current instanceof BsonDocument d) {
            BsonValue next = d.get(parts[i]);
            return next == null ? Optional.empty() : get(next, parts, i + 1);
        }
        if (current instanceof BsonArray a) {
            BsonArray out = new BsonArray();
            for (BsonValue element : a) {
                if (element.isDocument() || element.isArray()) {
                    get(element, parts, i).ifPresent(out::add);
                }
            }
            return Optional.of(out);
        }
        return Optional.empty();
    }
}
