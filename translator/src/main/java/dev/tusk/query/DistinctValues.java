package dev.tusk.query;

import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The values `distinct` collects from one document for a dotted path: arrays met on the way are
 * walked element by element, and an array at the end contributes its elements (not itself).
 * {@code {a: [{b: 1}, {b: [2, 3]}]}} gives 1, 2, 3 for "a.b".
 */
public final class DistinctValues {
    private DistinctValues() {}

    public static List<BsonValue> of(BsonDocument doc, String path) {
        List<BsonValue> out = new ArrayList<>();
        collect(doc, path.split("\\.", -1), 0, out);
        return out;
    }

    private static void collect(BsonValue current, String[] parts, int i, List<BsonValue> out) {
        if (i == parts.length) {
            if (current.isArray()) {
                out.addAll(current.asArray());
            } else {
                out.add(current);
            }
            return;
        }
        String part = parts[i];
        if (current.isDocument()) {
            BsonValue next = current.asDocument().get(part);
            if (next != null) {
                collect(next, parts, i + 1, out);
            }
        } else if (current.isArray()) {
            BsonArray array = current.asArray();
            if (isIndex(part)) {
                int index = Integer.parseInt(part);
                if (index < array.size()) {
                    collect(array.get(index), parts, i + 1, out);
                }
                return;
            }
            for (BsonValue element : array) {
                if (element.isDocument()) {
                    collect(element, parts, i, out);
                }
            }
        }
    }

    private static boolean isIndex(String part) {
        return !part.isEmpty() && part.length() < 10 && part.chars().allMatch(Character::isDigit);
    }
}
