package dev.tusk.index;

import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterParser;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * createIndexes specifications: validated as MongoDB 7.0 validates them and normalised to the shape
 * listIndexes shows ({v: 2, key, name, ...options}).
 */
public final class IndexSpecs {
    private static final Set<String> OPTIONS = Set.of("key", "name", "v", "unique", "sparse", "partialFilterExpression",
            "expireAfterSeconds", "hidden", "collation", "background", "storageEngine", "weights", "default_language",
            "language_override", "textIndexVersion", "2dsphereIndexVersion", "bits", "min", "max", "wildcardProjection",
            "dropDups", "ns", "bucketSize", "clustered", "prepareUnique", "columnstoreProjection");
    /** Options that change which documents or keys an index holds: two specs differing here are different indexes. */
    private static final Set<String> COMPARED = Set.of("unique", "sparse", "partialFilterExpression", "expireAfterSeconds",
            "collation", "weights", "default_language", "language_override", "wildcardProjection", "hidden");

    private IndexSpecs() {}

    public static BsonDocument normalise(BsonValue raw) {
        if (!raw.isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("Each element of the 'indexes' array must be an object");
        }
        BsonDocument spec = raw.asDocument();
        for (String field : spec.keySet()) {
            if (!OPTIONS.contains(field)) {
                throw ErrorCode.INVALID_INDEX_SPECIFICATION_OPTION.error(
                        "The field '%s' is not valid for an index specification. Specification: %s", field, spec.toJson());
            }
        }
        BsonValue keyValue = spec.get("key");
        if (keyValue == null) {
            throw ErrorCode.FAILED_TO_PARSE.error("The 'key' field is a required property of an index specification");
        }
        if (!keyValue.isDocument() || keyValue.asDocument().isEmpty()) {
            throw ErrorCode.CANNOT_CREATE_INDEX.error("Index keys cannot be an empty field.");
        }
        BsonDocument key = keyValue.asDocument();
        for (Map.Entry<String, BsonValue> e : key.entrySet()) {
            checkKeyField(e.getKey(), e.getValue());
        }
        if (!TextIndexSpecs.isText(key)) { // text indexes have their own rules ({"$**": "text"} is not a wildcard index)
            IndexKinds.check(key, spec);
        }
        GeoIndexSpec.check(key, spec);
        String name = spec.containsKey("name") ? nameOf(spec.get("name")) : defaultName(key);
        BsonDocument out = new BsonDocument("v", new BsonInt32(2)).append("key", key).append("name", new BsonString(name));
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            switch (e.getKey()) {
                case "key", "name", "v", "background", "ns", "dropDups" -> { }
                case "unique", "sparse", "hidden", "prepareUnique" -> {
                    if (!e.getValue().isBoolean() && !e.getValue().isNumber()) {
                        throw ErrorCode.TYPE_MISMATCH.error("The field '%s' must be a boolean, but got %s", e.getKey(),
                                e.getValue().getBsonType().name().toLowerCase(java.util.Locale.ROOT));
                    }
                    boolean on = e.getValue().isBoolean() ? e.getValue().asBoolean().getValue() : e.getValue().asNumber().doubleValue() != 0;
                    if (on) {
                        out.append(e.getKey(), org.bson.BsonBoolean.TRUE);
                    }
                }
                case "partialFilterExpression" -> {
                    if (!e.getValue().isDocument()) {
                        throw ErrorCode.TYPE_MISMATCH.error("The field 'partialFilterExpression' must be an object, but got %s",
                                e.getValue().getBsonType().name().toLowerCase(java.util.Locale.ROOT));
                    }
                    PartialFilters.check(e.getValue().asDocument(), FilterParser.parse(e.getValue().asDocument()));
                    out.append(e.getKey(), e.getValue());
                }
                case "expireAfterSeconds" -> {
                    if (!e.getValue().isNumber()) {
                        throw ErrorCode.CANNOT_CREATE_INDEX.error("TTL index 'expireAfterSeconds' option must be numeric, but received a type of '%s'",
                                e.getValue().getBsonType().name().toLowerCase(java.util.Locale.ROOT));
                    }
                    out.append(e.getKey(), e.getValue());
                }
                case "collation" -> {
                    if (!e.getValue().isDocument() || !"simple".equals(e.getValue().asDocument().getString("locale", new BsonString("")).getValue())) {
                        throw ErrorCode.NOT_IMPLEMENTED.error("indexes with a non-simple collation are not supported by Tusk yet");
                    }
                }
                default -> out.append(e.getKey(), e.getValue());
            }
        }
        if (out.containsKey("sparse") && out.containsKey("partialFilterExpression")) {
            throw ErrorCode.CANNOT_CREATE_INDEX.error("cannot mix \"partialFilterExpression\" and \"sparse\" options");
        }
        if (TextIndexSpecs.isText(key)) {
            return TextIndexSpecs.normalise(key, out);
        }
        if (key.containsValue(new BsonString("2dsphere")) && !out.containsKey("2dsphereIndexVersion")) {
            out.append("2dsphereIndexVersion", new BsonInt32(3)); // listIndexes shows the version MongoDB 7.0 builds
        }
        if (key.containsKey("_id") && key.size() == 1 && !name.equals("_id_") && out.containsKey("unique")) {
            throw ErrorCode.INVALID_INDEX_SPECIFICATION_OPTION.error("The field 'unique' is not valid for an _id index specification. Specification: %s", spec.toJson());
        }
        return out;
    }

    private static void checkKeyField(String field, BsonValue v) {
        if (field.isEmpty()) {
            throw ErrorCode.CANNOT_CREATE_INDEX.error("Index keys cannot be an empty field.");
        }
        if (v.isNumber() || v.isDecimal128()) {
            double d = v.isDecimal128() ? v.asDecimal128().getValue().doubleValue() : v.asNumber().doubleValue();
            if (d == 0 || Double.isNaN(d)) {
                throw ErrorCode.CANNOT_CREATE_INDEX.error("Values in the index key pattern can't be 0 or NaN: %s: %s", field, v);
            }
            return;
        }
        if (v.isString()) {
            String kind = v.asString().getValue();
            if (kind.equals("text") || kind.equals("hashed") || kind.equals("2dsphere") || kind.equals("2d")) {
                return;
            }
            if (Set.of("geoHaystack", "columnstore").contains(kind)) {
                throw ErrorCode.NOT_IMPLEMENTED.error("'%s' indexes are not supported by Tusk yet", kind);
            }
            throw ErrorCode.CANNOT_CREATE_INDEX.error("Unknown index plugin '%s'", kind);
        }
        throw ErrorCode.CANNOT_CREATE_INDEX.error("Values in v:2 index key pattern cannot be of type %s. Only numbers > 0, "
                + "numbers < 0, and strings are allowed.", v.getBsonType().name().toLowerCase(java.util.Locale.ROOT));
    }

    private static String nameOf(BsonValue v) {
        if (!v.isString()) {
            throw ErrorCode.TYPE_MISMATCH.error("The field 'name' must be a string, but got %s",
                    v.getBsonType().name().toLowerCase(java.util.Locale.ROOT));
        }
        String name = v.asString().getValue();
        if (name.isEmpty()) {
            throw ErrorCode.CANNOT_CREATE_INDEX.error("The index name cannot be empty");
        }
        if (name.equals("*")) {
            throw ErrorCode.BAD_VALUE.error("The index name '*' is not valid.");
        }
        return name;
    }

    /** MongoDB's default index name: field_value pairs joined by underscores ({a: 1, b: -1} → a_1_b_-1). */
    public static String defaultName(BsonDocument key) {
        StringBuilder name = new StringBuilder();
        for (Map.Entry<String, BsonValue> e : key.entrySet()) {
            if (!name.isEmpty()) {
                name.append('_');
            }
            name.append(e.getKey()).append('_');
            BsonValue v = e.getValue();
            if (v.isInt32() || v.isInt64()) {
                name.append(v.asNumber().longValue());
            } else if (v.isDouble()) {
                double d = v.asDouble().getValue();
                name.append(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d));
            } else if (v.isString()) {
                name.append(v.asString().getValue());
            } else {
                name.append(v);
            }
        }
        return name.toString();
    }

    /** The options that make two specs with the same key pattern different indexes. */
    public static BsonDocument comparedOptions(BsonDocument spec) {
        BsonDocument out = new BsonDocument();
        for (String option : COMPARED) {
            if (spec.containsKey(option) && !option.equals("hidden")) {
                out.append(option, spec.get(option));
            }
        }
        return out;
    }

    /** True when the two key patterns are the same fields, order and directions (1 and 1.0 are the same). */
    public static boolean sameKey(BsonDocument a, BsonDocument b) {
        if (a.size() != b.size()) {
            return false;
        }
        var ia = a.entrySet().iterator();
        var ib = b.entrySet().iterator();
        while (ia.hasNext()) {
            var x = ia.next();
            var y = ib.next();
            if (!x.getKey().equals(y.getKey()) || !dev.tusk.bson.BsonOrder.valuesEqual(x.getValue(), y.getValue())) {
                return false;
            }
        }
        return true;
    }
}
