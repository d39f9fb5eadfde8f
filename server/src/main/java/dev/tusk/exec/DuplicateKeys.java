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

    public static MongoServerException onId(String namespace, BsonValue id) {
        BsonDocument keyValue = new BsonDocument("_id", id);
        String shown = keyValue.toJson(SHELL).replaceAll("^\\{\"_id\"", "{ _id").replaceAll("}$", " }");
        return ErrorCode.DUPLICATE_KEY.error("E11000 duplicate key error collection: %s index: _id_ dup key: %s",
                        namespace, shown)
                .withExtra("keyPattern", new BsonDocument("_id", new BsonInt32(1)))
                .withExtra("keyValue", keyValue);
    }
}
