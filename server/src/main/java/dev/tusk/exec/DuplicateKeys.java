package dev.tusk.exec;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/** MongoDB's E11000 error for a duplicate `_id`, with keyPattern and keyValue. */
public final class DuplicateKeys {
    private static final JsonWriterSettings SHELL = JsonWriterSettings.builder().outputMode(JsonMode.SHELL).build();

    private DuplicateKeys() {}

    /** A key value as MongoDB prints it in E11000 messages: { a: 1, b: "x" }. */
    static String shellText(BsonDocument keyValue) {
        StringBuilder out = new StringBuilder("{ ");
        boolean first = true;
        for (var e : keyValue.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            String value = new BsonDocument("v", e.getValue()).toJson(SHELL);
            out.append(e.getKey()).append(": ").append(value.substring(value.indexOf(':') + 1, value.length() - 1).strip());
        }
        return out.append(" }").toString();
    }

    public static MongoServerException onId(String namespace, BsonValue id) {
        BsonDocument keyValue = new BsonDocument("_id", id);
        String shown = shellText(keyValue);
        return ErrorCode.DUPLICATE_KEY.error("E11000 duplicate key error collection: %s index: _id_ dup key: %s",
                        namespace, shown)
                .withExtra("keyPattern", new BsonDocument("_id", new BsonInt32(1)))
                .withExtra("keyValue", keyValue);
    }
}
