package dev.tusk.exec;

import dev.tusk.error.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * The rules a document must meet to be stored: `_id` present and first, of an allowed type, and size.
 * Field names may start with `$` (MongoDB 5.0+ stores them on insert), except inside `_id`.
 */
public final class NewDocuments {
    public static final int MAX_BSON_SIZE = 16 * 1024 * 1024;

    private NewDocuments() {}

    /** The document as it will be stored: `_id` generated if absent and moved to the front. */
    public static BsonDocument prepare(BsonDocument doc) {
        BsonValue id = doc.get("_id");
        if (id != null) {
            checkId(id);
        }
        BsonDocument out;
        if (id != null && doc.getFirstKey().equals("_id")) {
            out = doc;
        } else {
            out = new BsonDocument("_id", id != null ? id : new BsonObjectId());
            for (var e : doc.entrySet()) {
                if (!e.getKey().equals("_id")) {
                    out.append(e.getKey(), e.getValue());
                }
            }
        }
        return out;
    }

    public static void checkId(BsonValue id) {
        BsonType t = id.getBsonType();
        switch (t) {
            case ARRAY -> throw ErrorCode.INVALID_ID_FIELD.error("The '_id' value cannot be of type array");
            case REGULAR_EXPRESSION -> throw ErrorCode.BAD_VALUE.error("can't use a regex for _id");
            case UNDEFINED -> throw ErrorCode.BAD_VALUE.error("can't use a undefined for _id");
            case DOCUMENT -> checkNoDollarNames(id.asDocument());
            default -> { }
        }
    }

    private static void checkNoDollarNames(BsonValue v) {
        if (v instanceof BsonDocument d) {
            for (var e : d.entrySet()) {
                if (e.getKey().startsWith("$")) {
                    throw ErrorCode.DOLLAR_PREFIXED_FIELD_NAME.error(
                            "_id fields may not contain '$'-prefixed fields: %s is not valid for storage.", e.getKey());
                }
                checkNoDollarNames(e.getValue());
            }
        } else if (v instanceof org.bson.BsonArray a) {
            a.forEach(NewDocuments::checkNoDollarNames);
        }
    }

    public static void checkSize(byte[] bson) {
        if (bson.length > MAX_BSON_SIZE) {
            throw ErrorCode.BSON_OBJECT_TOO_LARGE.error("object to insert too large. size in bytes: %d, max size: %d",
                    bson.length, MAX_BSON_SIZE);
        }
    }
}
