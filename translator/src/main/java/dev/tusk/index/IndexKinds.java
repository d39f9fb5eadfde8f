package dev.tusk.index;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * MongoDB 7.0's rules for hashed and wildcard key patterns and the options they allow, checked when
 * an index is specified (before any document is read).
 */
final class IndexKinds {
    private IndexKinds() {}

    static void check(BsonDocument key, BsonDocument spec) {
        checkHashed(key, spec);
        Optional<String> wildcard = WildcardKeys.wildcardField(key);
        for (String field : key.keySet()) {
            FieldPath path = FieldPath.parse(field);
            for (int i = 0; i < path.size(); i++) {
                boolean wildcardTerm = path.get(i).equals("$**") && i == path.size() - 1 && key.get(field).isNumber();
                if (path.get(i).startsWith("$") && !wildcardTerm && !isDbRefPart(path, i) && !isTextTerm(field, key.get(field))) {
                    throw ErrorCode.CANNOT_CREATE_INDEX.error("Index key contains an illegal field name: field name starts with '$'.");
                }
            }
        }
        if (spec.containsKey("wildcardProjection")) {
            checkProjectionAllowed(key, spec.get("wildcardProjection"), wildcard);
        }
        if (wildcard.isPresent()) {
            checkWildcard(key, spec);
        }
    }

    private static void checkHashed(BsonDocument key, BsonDocument spec) {
        long hashed = key.values().stream().filter(v -> v.isString() && v.asString().getValue().equals("hashed")).count();
        if (hashed > 1) {
            throw ErrorCode.LOCATION_31303.error("A maximum of one index field is allowed to be hashed but found %d for 'key' %s",
                    hashed, shown(key));
        }
        if (hashed == 1 && truthy(spec.get("unique"))) {
            throw ErrorCode.LOCATION_16764.error("Currently hashed indexes cannot guarantee uniqueness. Use a regular index.");
        }
    }

    private static void checkProjectionAllowed(BsonDocument key, BsonValue projection, Optional<String> wildcard) {
        if (wildcard.isEmpty()) {
            throw ErrorCode.BAD_VALUE.error("The field 'wildcardProjection' is only allowed in 'wildcard' indexes");
        }
        if (!projection.isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("The field 'wildcardProjection' must be a non-empty object, but got %s",
                    projection.getBsonType().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!key.containsKey("$**")) {
            throw ErrorCode.FAILED_TO_PARSE.error("The field 'wildcardProjection' is only allowed when 'key' is {\"$**\": ±1} "
                    + "or {\"$**\": \"columnstore\"}");
        }
        if (projection.asDocument().isEmpty()) {
            throw ErrorCode.FAILED_TO_PARSE.error("The 'wildcardProjection' field can't be an empty object");
        }
        WildcardProjection.of("$**", Optional.of(projection.asDocument()));
    }

    private static void checkWildcard(BsonDocument key, BsonDocument spec) {
        for (String option : new String[] {"sparse", "unique"}) {
            if (truthy(spec.get(option))) {
                throw ErrorCode.CANNOT_CREATE_INDEX.error("Index type 'wildcard' does not support the '%s' option", option);
            }
        }
        if (spec.containsKey("expireAfterSeconds")) {
            throw ErrorCode.CANNOT_CREATE_INDEX.error("cannot make a TTL index :: caused by :: "
                    + "Index type 'wildcard' does not support the 'expireAfterSeconds' option");
        }
        if (key.size() > 1) {
            throw ErrorCode.NOT_IMPLEMENTED.error("compound wildcard indexes are not supported by Tusk yet");
        }
    }

    private static boolean isDbRefPart(FieldPath path, int i) {
        return i > 0 && (path.get(i).equals("$db") || path.get(i).equals("$id") || path.get(i).equals("$ref"));
    }

    private static boolean isTextTerm(String field, BsonValue v) {
        return field.equals("$**") && v.isString() && v.asString().getValue().equals("text");
    }

    private static boolean truthy(BsonValue v) {
        return v != null && (v.isBoolean() ? v.asBoolean().getValue() : v.isNumber() && v.asNumber().doubleValue() != 0);
    }

    /** A key pattern as MongoDB's messages print it: { a: "hashed", b: 1 }. */
    private static String shown(BsonDocument key) {
        StringBuilder out = new StringBuilder("{ ");
        for (Map.Entry<String, BsonValue> e : key.entrySet()) {
            if (out.length() > 2) {
                out.append(", ");
            }
            BsonValue v = e.getValue();
            out.append(e.getKey()).append(": ").append(v.isString() ? "\"" + v.asString().getValue() + "\"" : v.isNumber()
                    ? String.valueOf(v.isDouble() ? (Object) v.asDouble().getValue() : v.asNumber().longValue()) : v.toString());
        }
        return out.append(" }").toString();
    }
}
