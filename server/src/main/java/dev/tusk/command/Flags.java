package dev.tusk.command;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Boolean fields inside nested statement documents (update/delete entries), typed as MongoDB checks them. */
final class Flags {
    private Flags() {}

    static boolean bool(BsonDocument d, String field, String context) {
        BsonValue v = d.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean().getValue();
        }
        if (v.isNumber()) {
            return v.asNumber().doubleValue() != 0;
        }
        throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s.%s' is the wrong type '%s', expected type 'bool'",
                context, field, BsonText.typeName(v));
    }
}
