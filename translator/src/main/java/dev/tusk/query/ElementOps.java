package dev.tusk.query;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterNode.Exists;
import dev.tusk.query.FilterNode.Not;
import dev.tusk.query.FilterNode.TypeIs;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.bson.BsonValue;

/** $exists and $type. */
final class ElementOps {
    /** The aliases of $type, with their BSON type numbers ("number" is handled apart). */
    static final Map<String, Integer> TYPE_ALIASES = Map.ofEntries(
            Map.entry("double", 1), Map.entry("string", 2), Map.entry("object", 3), Map.entry("array", 4),
            Map.entry("binData", 5), Map.entry("undefined", 6), Map.entry("objectId", 7), Map.entry("bool", 8),
            Map.entry("date", 9), Map.entry("null", 10), Map.entry("regex", 11), Map.entry("dbPointer", 12),
            Map.entry("javascript", 13), Map.entry("symbol", 14), Map.entry("javascriptWithScope", 15),
            Map.entry("int", 16), Map.entry("timestamp", 17), Map.entry("long", 18), Map.entry("decimal", 19),
            Map.entry("minKey", -1), Map.entry("maxKey", 127));

    static final Set<Integer> NUMBER_TYPES = Set.of(1, 16, 18, 19);

    private ElementOps() {}

    /** {@code $exists: <truthy>} → Exists; anything falsy (false, 0, null) → NOT Exists. */
    static FilterNode exists(FieldPath path, BsonValue arg) {
        Exists exists = new Exists(path);
        return isTruthy(arg) ? exists : new Not(exists);
    }

    static boolean isTruthy(BsonValue v) {
        return switch (v.getBsonType()) {
            case BOOLEAN -> v.asBoolean().getValue();
            case INT32 -> v.asInt32().getValue() != 0;
            case INT64 -> v.asInt64().getValue() != 0;
            case DOUBLE -> v.asDouble().getValue() != 0;
            case DECIMAL128 -> !v.asDecimal128().getValue().isFinite()
                    || v.asDecimal128().getValue().bigDecimalValue().signum() != 0;
            case NULL, UNDEFINED -> false;
            default -> true;
        };
    }

    static FilterNode type(FieldPath path, BsonValue arg) {
        Set<Integer> types = new HashSet<>();
        if (arg.isArray()) {
            for (BsonValue v : arg.asArray()) {
                addType(types, v);
            }
        } else {
            addType(types, arg);
        }
        if (types.isEmpty()) {
            throw ErrorCode.FAILED_TO_PARSE.error(path.dotted() + " must match at least one type");
        }
        return new TypeIs(path, types);
    }

    private static void addType(Set<Integer> types, BsonValue v) {
        if (v.isNumber() || v.isDecimal128()) {
            double d = v.isDecimal128() ? v.asDecimal128().doubleValue() : v.asNumber().doubleValue();
            int code = (int) d;
            if (code != d || !(code == -1 || code == 127 || (code >= 1 && code <= 19))) {
                throw ErrorCode.BAD_VALUE.error("Invalid numerical type code: " + dev.tusk.bson.BsonText.value(v));
            }
            types.add(code);
        } else if (v.isString()) {
            String alias = v.asString().getValue();
            if (alias.equals("number")) {
                types.addAll(NUMBER_TYPES);
            } else if (TYPE_ALIASES.containsKey(alias)) {
                types.add(TYPE_ALIASES.get(alias));
            } else {
                throw ErrorCode.BAD_VALUE.error("Unknown type name alias: " + alias);
            }
        } else {
            throw ErrorCode.TYPE_MISMATCH.error("type must be represented as a number or a string");
        }
    }
}
