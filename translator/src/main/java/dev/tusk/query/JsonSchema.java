package dev.tusk.query;

import dev.tusk.bson.BsonNumbers;
import dev.tusk.bson.BsonOrder;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * MongoDB's $jsonSchema dialect (draft 4 plus bsonType): a schema compiled into a predicate on a
 * value. Each keyword constrains only values of its own type ("minimum" ignores strings), as the
 * specification says; unknown keywords are rejected.
 */
public final class JsonSchema {
    private static final Set<String> IGNORED = Set.of("title", "description", "$schema", "id");
    private static final Map<String, Set<String>> JSON_TYPES = Map.of(
            "object", Set.of("object"), "array", Set.of("array"), "number", Set.of("double", "int", "long", "decimal"),
            "boolean", Set.of("bool"), "string", Set.of("string"), "null", Set.of("null"));

    private final Predicate<BsonValue> root;

    private JsonSchema(Predicate<BsonValue> root) {
        this.root = root;
    }

    public static JsonSchema parse(BsonValue spec) {
        return new JsonSchema(compile(spec, true));
    }

    public boolean matches(BsonValue doc) {
        return root.test(doc);
    }

    private static Predicate<BsonValue> compile(BsonValue spec, boolean topLevel) {
        if (!spec.isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("$jsonSchema must be an object");
        }
        List<Predicate<BsonValue>> all = new ArrayList<>();
        BsonDocument s = spec.asDocument();
        for (Map.Entry<String, BsonValue> e : s.entrySet()) {
            String k = e.getKey();
            BsonValue v = e.getValue();
            if (IGNORED.contains(k)) {
                continue;
            }
            all.add(switch (k) {
                case "bsonType" -> types(aliases(k, v), false);
                case "type" -> types(aliases(k, v), true);
                case "enum" -> {
                    if (!v.isArray() || v.asArray().isEmpty()) {
                        throw ErrorCode.FAILED_TO_PARSE.error("$jsonSchema keyword 'enum' must be a non-empty array");
                    }
                    List<BsonValue> options = v.asArray().getValues();
                    yield x -> options.stream().anyMatch(o -> BsonOrder.valuesEqual(o, x) && o.getBsonType() == x.getBsonType()
                            || BsonOrder.valuesEqual(o, x) && BsonNumbers.isNumber(o) && BsonNumbers.isNumber(x));
                }
                case "minimum", "maximum" -> {
                    BigDecimal bound = number(k, v);
                    boolean exclusive = s.getBoolean(k.equals("minimum") ? "exclusiveMinimum" : "exclusiveMaximum",
                            org.bson.BsonBoolean.FALSE).getValue();
                    boolean min = k.equals("minimum");
                    yield x -> BsonNumbers.exact(x).map(n -> {
                        int c = n.compareTo(bound);
                        return min ? (exclusive ? c > 0 : c >= 0) : (exclusive ? c < 0 : c <= 0);
                    }).orElse(!BsonNumbers.isNumber(x));
                }
                case "exclusiveMinimum", "exclusiveMaximum" -> x -> true;
                case "multipleOf" -> {
                    BigDecimal m = number(k, v);
                    yield x -> BsonNumbers.exact(x).map(n -> n.remainder(m).signum() == 0).orElse(!BsonNumbers.isNumber(x));
                }
                case "minLength", "maxLength" -> {
                    long n = count(k, v);
                    boolean min = k.equals("minLength");
                    yield x -> !x.isString() || (min ? codePoints(x) >= n : codePoints(x) <= n);
                }
                case "pattern" -> {
                    if (!v.isString()) {
                        throw ErrorCode.TYPE_MISMATCH.error("$jsonSchema keyword 'pattern' must be a string");
                    }
                    Pattern p = regex(v.asString().getValue());
                    yield x -> !x.isString() || p.matcher(x.asString().getValue()).find();
                }
                case "minItems", "maxItems" -> {
                    long n = count(k, v);
                    boolean min = k.equals("minItems");
                    yield x -> !x.isArray() || (min ? x.asArray().size() >= n : x.asArray().size() <= n);
                }
                case "uniqueItems" -> {
                    boolean on = v.isBoolean() && v.asBoolean().getValue();
                    yield x -> !on || !x.isArray() || unique(x.asArray());
                }
                case "items" -> items(v, s.get("additionalItems"));
                case "additionalItems" -> x -> true;
                case "minProperties", "maxProperties" -> {
                    long n = count(k, v);
                    boolean min = k.equals("minProperties");
                    yield x -> !x.isDocument() || (min ? x.asDocument().size() >= n : x.asDocument().size() <= n);
                }
                case "required" -> {
                    if (!v.isArray() || v.asArray().isEmpty() || !v.asArray().stream().allMatch(BsonValue::isString)) {
                        throw ErrorCode.FAILED_TO_PARSE.error("$jsonSchema keyword 'required' must be a non-empty array of strings");
                    }
                    List<String> names = v.asArray().stream().map(n -> n.asString().getValue()).toList();
                    yield x -> !x.isDocument() || names.stream().allMatch(x.asDocument()::containsKey);
                }
                case "properties", "patternProperties", "additionalProperties" -> properties(s);
                case "dependencies" -> dependencies(v);
                case "allOf", "anyOf", "oneOf" -> {
                    List<Predicate<BsonValue>> parts = schemas(k, v);
                    yield switch (k) {
                        case "allOf" -> x -> parts.stream().allMatch(p -> p.test(x));
                        case "anyOf" -> x -> parts.stream().anyMatch(p -> p.test(x));
                        default -> x -> parts.stream().filter(p -> p.test(x)).count() == 1;
                    };
                }
                case "not" -> {
                    Predicate<BsonValue> inner = compile(v, false);
                    yield inner.negate();
                }
                default -> throw ErrorCode.FAILED_TO_PARSE.error("Unknown $jsonSchema keyword: %s", k);
            });
        }
        if (topLevel && s.containsKey("bsonType") && !aliases("bsonType", s.get("bsonType")).contains("object")) {
            throw ErrorCode.FAILED_TO_PARSE.error("$jsonSchema keyword 'bsonType' must be 'object' at the top level");
        }
        return x -> all.stream().allMatch(p -> p.test(x));
    }

    /** A schema's regex (pattern, patternProperties) in PCRE syntax, as MongoDB reads it. */
    private static Pattern regex(String pcre) {
        try {
            return Pattern.compile(PcreSyntax.toJava(pcre));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw ErrorCode.LOCATION_51091.error("Regular expression is invalid: " + e.getDescription());
        }
    }

    /** Keywords on properties are compiled together: additionalProperties needs to know the others. */
    private static Predicate<BsonValue> properties(BsonDocument s) {
        Map<String, Predicate<BsonValue>> named = new java.util.LinkedHashMap<>();
        if (s.containsKey("properties")) {
            if (!s.isDocument("properties")) {
                throw ErrorCode.TYPE_MISMATCH.error("$jsonSchema keyword 'properties' must be an object");
            }
            s.getDocument("properties").forEach((name, sub) -> named.put(name, compile(sub, false)));
        }
        Map<Pattern, Predicate<BsonValue>> patterns = new java.util.LinkedHashMap<>();
        if (s.containsKey("patternProperties")) {
            if (!s.isDocument("patternProperties")) {
                throw ErrorCode.TYPE_MISMATCH.error("$jsonSchema keyword 'patternProperties' must be an object");
            }
            s.getDocument("patternProperties").forEach((re, sub) -> patterns.put(regex(re), compile(sub, false)));
        }
        Optional<Predicate<BsonValue>> additional = Optional.empty();
        BsonValue a = s.get("additionalProperties");
        if (a != null) {
            additional = Optional.of(a.isBoolean() ? (a.asBoolean().getValue() ? x -> true : x -> false) : compile(a, false));
        }
        Optional<Predicate<BsonValue>> rest = additional;
        return x -> {
            if (!x.isDocument()) {
                return true;
            }
            for (Map.Entry<String, BsonValue> f : x.asDocument().entrySet()) {
                boolean covered = false;
                Predicate<BsonValue> p = named.get(f.getKey());
                if (p != null) {
                    covered = true;
                    if (!p.test(f.getValue())) {
                        return false;
                    }
                }
                for (Map.Entry<Pattern, Predicate<BsonValue>> pp : patterns.entrySet()) {
                    if (pp.getKey().matcher(f.getKey()).find()) {
                        covered = true;
                        if (!pp.getValue().test(f.getValue())) {
                            return false;
                        }
                    }
                }
                if (!covered && rest.isPresent() && !rest.get().test(f.getValue())) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Predicate<BsonValue> items(BsonValue items, BsonValue additionalItems) {
        if (items.isDocument()) {
            Predicate<BsonValue> each = compile(items, false);
            return x -> !x.isArray() || x.asArray().stream().allMatch(each);
        }
        List<Predicate<BsonValue>> positional = schemas("items", items);
        Predicate<BsonValue> extra = additionalItems == null ? y -> true
                : additionalItems.isBoolean() ? (additionalItems.asBoolean().getValue() ? y -> true : y -> false)
                : compile(additionalItems, false);
        return x -> {
            if (!x.isArray()) {
                return true;
            }
            BsonArray array = x.asArray();
            for (int i = 0; i < array.size(); i++) {
                if (!(i < positional.size() ? positional.get(i) : extra).test(array.get(i))) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Predicate<BsonValue> dependencies(BsonValue v) {
        if (!v.isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("$jsonSchema keyword 'dependencies' must be an object");
        }
        List<Predicate<BsonValue>> rules = new ArrayList<>();
        v.asDocument().forEach((name, dep) -> {
            Predicate<BsonValue> then = dep.isArray()
                    ? x -> dep.asArray().stream().allMatch(n -> x.asDocument().containsKey(n.asString().getValue()))
                    : compile(dep, false);
            rules.add(x -> !x.isDocument() || !x.asDocument().containsKey(name) || then.test(x));
        });
        return x -> rules.stream().allMatch(r -> r.test(x));
    }

    private static List<Predicate<BsonValue>> schemas(String k, BsonValue v) {
        if (!v.isArray() || v.asArray().isEmpty()) {
            throw ErrorCode.FAILED_TO_PARSE.error("$jsonSchema keyword '%s' must be a non-empty array", k);
        }
        List<Predicate<BsonValue>> out = new ArrayList<>();
        v.asArray().forEach(sub -> out.add(compile(sub, false)));
        return out;
    }

    private static Set<String> aliases(String k, BsonValue v) {
        Set<String> out = new HashSet<>();
        List<BsonValue> names = v.isArray() ? v.asArray().getValues() : List.of(v);
        for (BsonValue n : names) {
            if (!n.isString()) {
                throw ErrorCode.TYPE_MISMATCH.error("$jsonSchema keyword '%s' must be a string or an array of strings", k);
            }
            String name = n.asString().getValue();
            if (k.equals("type")) {
                if (!JSON_TYPES.containsKey(name)) {
                    throw ErrorCode.BAD_VALUE.error("Unknown type name alias: %s", name);
                }
                out.addAll(JSON_TYPES.get(name));
            } else {
                if (!name.equals("number") && !ElementOps.TYPE_ALIASES.containsKey(name)) {
                    throw ErrorCode.BAD_VALUE.error("Unknown type name alias: %s", name);
                }
                out.add(name);
            }
        }
        return out;
    }

    private static Predicate<BsonValue> types(Set<String> names, boolean json) {
        return x -> {
            String t = BsonText.typeName(x);
            return names.contains(t) || names.contains("number") && BsonNumbers.isNumber(x);
        };
    }

    private static BigDecimal number(String k, BsonValue v) {
        return BsonNumbers.exact(v).orElseThrow(() -> ErrorCode.TYPE_MISMATCH.error("$jsonSchema keyword '%s' must be a number", k));
    }

    private static long count(String k, BsonValue v) {
        Optional<Long> n = BitOps.integral(v);
        if (n.isEmpty() || n.get() < 0) {
            throw ErrorCode.FAILED_TO_PARSE.error("$jsonSchema keyword '%s' must be a non-negative integer", k);
        }
        return n.get();
    }

    private static long codePoints(BsonValue x) {
        String s = x.asString().getValue();
        return s.codePointCount(0, s.length());
    }

    private static boolean unique(BsonArray array) {
        for (int i = 0; i < array.size(); i++) {
            for (int j = i + 1; j < array.size(); j++) {
                if (BsonOrder.valuesEqual(array.get(i), array.get(j))) {
                    return false;
                }
            }
        }
        return true;
    }
}
