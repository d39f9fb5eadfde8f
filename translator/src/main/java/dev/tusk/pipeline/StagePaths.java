package dev.tusk.pipeline;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** The field paths stages take as arguments (`as`, outputs, densify's field): validated and written as MongoDB does. */
final class StagePaths {
    private StagePaths() {}

    /** A path MongoDB's FieldPath accepts: not empty, no empty component, no component starting with '$'. */
    static FieldPath validate(String field) {
        if (field.isEmpty()) {
            throw ErrorCode.LOCATION_40352.error("FieldPath cannot be constructed with empty string");
        }
        FieldPath path = FieldPath.parse(field);
        if (path.hasEmptyComponent()) {
            throw ErrorCode.LOCATION_15998.error("FieldPath field names may not be empty strings.");
        }
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i).startsWith("$")) {
                throw ErrorCode.LOCATION_16410.error("FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }
        }
        return path;
    }

    /** Sets a dotted path in doc, replacing whatever is not a document on the way by one. */
    static void set(BsonDocument doc, String dotted, BsonValue value) {
        set(doc, dotted.split("\\."), 0, value);
    }

    private static void set(BsonDocument doc, String[] path, int i, BsonValue value) {
        if (i == path.length - 1) {
            doc.put(path[i], value);
            return;
        }
        BsonValue next = doc.get(path[i]);
        BsonDocument sub = next instanceof BsonDocument d ? d : new BsonDocument();
        doc.put(path[i], sub);
        set(sub, path, i + 1, value);
    }
}
