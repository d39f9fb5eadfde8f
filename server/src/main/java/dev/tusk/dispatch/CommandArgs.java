package dev.tusk.dispatch;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Strict access to a command's own fields: unknown fields are rejected as MongoDB does
 * (40415 "BSON field 'find.foo' is an unknown field."), and each accessor checks the type.
 */
public final class CommandArgs {
    private final CommandRequest request;

    public CommandArgs(CommandRequest request, Set<String> known) {
        this.request = request;
        for (String key : request.body().keySet()) {
            if (key.equals(request.name()) || known.contains(key) || GenericArguments.NAMES.contains(key)) {
                continue;
            }
            throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field '%s.%s' is an unknown field.", request.name(), key);
        }
    }

    /** The collection named by the command's first field. */
    public String collection() {
        BsonValue v = request.commandValue();
        if (!v.isString()) {
            throw ErrorCode.INVALID_NAMESPACE.error("collection name has invalid type %s", BsonText.typeName(v));
        }
        String name = v.asString().getValue();
        if (name.isEmpty()) {
            throw ErrorCode.INVALID_NAMESPACE.error("Invalid namespace specified '%s.'", request.database());
        }
        return name;
    }

    public String namespace() {
        return request.database() + "." + collection();
    }

    public Optional<BsonValue> value(String field) {
        return Optional.ofNullable(request.body().get(field)).filter(v -> !v.isNull());
    }

    public Optional<BsonDocument> document(String field) {
        return value(field).map(v -> {
            if (!v.isDocument()) {
                throw wrongType(field, v, "object");
            }
            return v.asDocument();
        });
    }

    public Optional<BsonArray> array(String field) {
        return value(field).map(v -> {
            if (!v.isArray()) {
                throw wrongType(field, v, "array");
            }
            return v.asArray();
        });
    }

    public Optional<String> string(String field) {
        return value(field).map(v -> {
            if (!v.isString()) {
                throw wrongType(field, v, "string");
            }
            return v.asString().getValue();
        });
    }

    /** An integral number field (int, long, or a double/decimal with an integral value). */
    public Optional<Long> integer(String field) {
        return value(field).map(v -> {
            if (!v.isNumber() && !v.isDecimal128()) {
                throw ErrorCode.TYPE_MISMATCH.error(
                        "BSON field '%s.%s' is the wrong type '%s', expected types '[long, int, decimal, double]'",
                        request.name(), field, BsonText.typeName(v));
            }
            double d = v.isDecimal128() ? v.asDecimal128().doubleValue() : v.asNumber().doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw ErrorCode.FAILED_TO_PARSE.error("Expected field %s to have integral value but found %s", field, v);
            }
            return (long) d;
        });
    }

    /** A non-negative integral field, with MongoDB's 51024 error for negatives. */
    public long nonNegative(String field, long defaultValue) {
        long n = integer(field).orElse(defaultValue);
        if (n < 0) {
            throw ErrorCode.LOCATION_51024.error("BSON field '%s' value must be >= 0, actual value '%d'", field, n);
        }
        return n;
    }

    /** A boolean field; numbers are accepted as MongoDB does (non-zero = true). */
    public boolean bool(String field, boolean defaultValue) {
        return value(field).map(v -> {
            if (v.isBoolean()) {
                return v.asBoolean().getValue();
            }
            if (v.isNumber()) {
                return v.asNumber().doubleValue() != 0;
            }
            throw wrongType(field, v, "bool");
        }).orElse(defaultValue);
    }

    private RuntimeException wrongType(String field, BsonValue v, String expected) {
        return ErrorCode.TYPE_MISMATCH.error("BSON field '%s.%s' is the wrong type '%s', expected type '%s'",
                request.name(), field, BsonText.typeName(v), expected);
    }
}
