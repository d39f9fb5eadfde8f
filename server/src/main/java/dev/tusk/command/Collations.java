package dev.tusk.command;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import java.util.Optional;
import org.bson.BsonValue;

/**
 * The `collation` argument of commands, statements and index specs. Tusk compares strings by their
 * binary (UTF-8) order, MongoDB's "simple" collation; any other collation is refused with an error
 * rather than silently ignored, since ignoring it would change which documents match.
 */
final class Collations {
    private Collations() {}

    static void requireSimple(Optional<BsonValue> collation, String field) {
        if (collation.isEmpty()) {
            return;
        }
        BsonValue c = collation.get();
        if (!c.isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s' is the wrong type '%s', expected type 'object'",
                    field, BsonText.typeName(c));
        }
        BsonValue locale = c.asDocument().get("locale");
        if (locale == null) {
            throw ErrorCode.LOCATION_40414.error("BSON field 'locale' is missing but a required field");
        }
        if (!locale.isString()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'locale' is the wrong type '%s', expected type 'string'",
                    BsonText.typeName(locale));
        }
        if (!locale.asString().getValue().equals("simple")) {
            throw ErrorCode.NOT_IMPLEMENTED.error(
                    "collation with locale '%s' is not supported by Tusk yet: only the simple (binary) collation is",
                    locale.asString().getValue());
        }
    }
}
