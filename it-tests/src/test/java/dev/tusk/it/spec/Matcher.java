package dev.tusk.it.spec;

import java.util.HexFormat;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * The unified format's "Evaluating Matches": expected values with $$ operators against actual
 * values. Root-level documents may have extra fields, nested ones may not; int/long/double
 * compare by value; key order never matters. A mismatch throws {@link AssertionError} with the path.
 */
final class Matcher {
    private static final Map<String, BsonType> TYPES = Map.ofEntries(
            Map.entry("double", BsonType.DOUBLE), Map.entry("string", BsonType.STRING),
            Map.entry("object", BsonType.DOCUMENT), Map.entry("array", BsonType.ARRAY),
            Map.entry("binData", BsonType.BINARY), Map.entry("undefined", BsonType.UNDEFINED),
            Map.entry("objectId", BsonType.OBJECT_ID), Map.entry("bool", BsonType.BOOLEAN),
            Map.entry("date", BsonType.DATE_TIME), Map.entry("null", BsonType.NULL),
            Map.entry("regex", BsonType.REGULAR_EXPRESSION), Map.entry("dbPointer", BsonType.DB_POINTER),
            Map.entry("javascript", BsonType.JAVASCRIPT), Map.entry("symbol", BsonType.SYMBOL),
            Map.entry("javascriptWithScope", BsonType.JAVASCRIPT_WITH_SCOPE), Map.entry("int", BsonType.INT32),
            Map.entry("timestamp", BsonType.TIMESTAMP), Map.entry("long", BsonType.INT64),
            Map.entry("decimal", BsonType.DECIMAL128), Map.entry("minKey", BsonType.MIN_KEY),
            Map.entry("maxKey", BsonType.MAX_KEY));

    private final EntityMap entities;

    Matcher(EntityMap entities) {
        this.entities = entities;
    }

    /** Matches a whole value; {@code root} says whether a document there may carry extra fields. */
    void assertMatches(BsonValue expected, BsonValue actual, boolean root) {
        match(expected, actual, root, "$");
    }

    /** An operation result: for iterable results each element is a root-level document. */
    void assertResult(BsonValue expected, BsonValue actual, boolean rootElements) {
        if (rootElements && expected.isArray() && actual != null && actual.isArray()) {
            var e = expected.asArray();
            var a = actual.asArray();
            check(e.size() == a.size(), "$", "expected " + e.size() + " elements, got " + a.size(), expected, actual);
            for (int i = 0; i < e.size(); i++) {
                match(e.get(i), a.get(i), true, "$[" + i + "]");
            }
            return;
        }
        match(expected, actual, true, "$");
    }

    static boolean isOperator(BsonValue v) {
        return v.isDocument() && v.asDocument().size() == 1 && v.asDocument().getFirstKey().startsWith("$$");
    }

    /** {@code actual} is null when the field is missing. */
    private void match(BsonValue expected, BsonValue actual, boolean root, String path) {
        if (isOperator(expected)) {
            operator(expected.asDocument(), actual, root, path);
            return;
        }
        check(actual != null, path, "missing", expected, null);
        if (expected.isDocument()) {
            check(actual.isDocument(), path, "not a document", expected, actual);
            BsonDocument e = expected.asDocument();
            BsonDocument a = actual.asDocument();
            for (var entry : e.entrySet()) {
                match(entry.getValue(), a.get(entry.getKey()), false, path + "." + entry.getKey());
            }
            if (!root) {
                for (String k : a.keySet()) {
                    check(e.containsKey(k), path + "." + k, "unexpected field", expected, actual);
                }
            }
        } else if (expected.isArray()) {
            check(actual.isArray(), path, "not an array", expected, actual);
            var e = expected.asArray();
            var a = actual.asArray();
            check(e.size() == a.size(), path, "expected " + e.size() + " elements, got " + a.size(), expected, actual);
            for (int i = 0; i < e.size(); i++) {
                match(e.get(i), a.get(i), false, path + "[" + i + "]");
            }
        } else {
            check(sameValue(expected, actual), path, "different value", expected, actual);
        }
    }

    private void operator(BsonDocument op, BsonValue actual, boolean root, String path) {
        String name = op.getFirstKey();
        BsonValue arg = op.get(name);
        switch (name) {
            case "$$exists" -> check(arg.asBoolean().getValue() == (actual != null), path,
                    arg.asBoolean().getValue() ? "missing" : "should not exist", op, actual);
            case "$$unsetOrMatches" -> {
                if (actual != null) {
                    match(arg, actual, root, path);
                }
            }
            case "$$type" -> {
                check(actual != null, path, "missing", op, null);
                boolean ok = arg.isArray() ? arg.asArray().stream().anyMatch(t -> isType(t.asString().getValue(), actual))
                        : isType(arg.asString().getValue(), actual);
                check(ok, path, "wrong type " + actual.getBsonType(), op, actual);
            }
            case "$$matchesEntity" -> match(entities.value(arg.asString().getValue()), actual, root, path);
            case "$$matchesHexBytes" -> {
                check(actual != null, path, "missing", op, null);
                byte[] want = HexFormat.of().parseHex(arg.asString().getValue().toLowerCase(java.util.Locale.ROOT));
                byte[] got = actual.isBinary() ? actual.asBinary().getData()
                        : actual.isString() ? actual.asString().getValue().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1) : null;
                check(got != null && java.util.Arrays.equals(want, got), path, "different bytes", op, actual);
            }
            case "$$sessionLsid" -> {
                BsonDocument lsid = entities.session(arg.asString().getValue()).lsid();
                check(actual != null && lsid.equals(actual), path, "not the session's lsid " + lsid.toJson(), op, actual);
            }
            case "$$lte" -> {
                check(actual != null && actual.isNumber() && arg.isNumber(), path, "not a number", op, actual);
                check(actual.asNumber().doubleValue() <= arg.asNumber().doubleValue(), path, "greater", op, actual);
            }
            case "$$matchAsDocument" -> {
                check(actual != null && actual.isString(), path, "not a JSON string", op, actual);
                match(arg, BsonDocument.parse(actual.asString().getValue()), false, path);
            }
            case "$$matchAsRoot" -> match(arg, actual, true, path);
            default -> throw new RunnerException("unsupported match operator " + name);
        }
    }

    private static boolean isType(String type, BsonValue actual) {
        if (type.equals("number")) {
            return actual.isNumber() || actual.isDecimal128();
        }
        BsonType t = TYPES.get(type);
        if (t == null) {
            throw new RunnerException("unknown $$type " + type);
        }
        return actual.getBsonType() == t;
    }

    /** Equality of non-container values (and, recursively, containers) with flexible numerics. */
    static boolean sameValue(BsonValue e, BsonValue a) {
        if (e.isNumber() && a.isNumber()) {
            if (e.isDouble() || a.isDouble()) {
                return e.asNumber().doubleValue() == a.asNumber().doubleValue();
            }
            return e.asNumber().longValue() == a.asNumber().longValue();
        }
        return e.equals(a);
    }

    /** Exact equality (types included) ignoring key order: the rule for test outcomes. */
    static boolean sameExactly(BsonValue e, BsonValue a) {
        if (e.isDocument() && a.isDocument()) {
            BsonDocument x = e.asDocument();
            BsonDocument y = a.asDocument();
            return x.size() == y.size() && x.entrySet().stream()
                    .allMatch(en -> y.containsKey(en.getKey()) && sameExactly(en.getValue(), y.get(en.getKey())));
        }
        if (e.isArray() && a.isArray()) {
            var x = e.asArray();
            var y = a.asArray();
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameExactly(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return e.equals(a);
    }

    private static void check(boolean ok, String path, String what, BsonValue expected, BsonValue actual) {
        if (!ok) {
            throw new AssertionError("mismatch at " + path + ": " + what + "; expected " + Json.of(expected)
                    + ", actual " + (actual == null ? "(missing)" : Json.of(actual)));
        }
    }
}
