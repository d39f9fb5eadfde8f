package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** $mergeObjects $getField $setField $unsetField $bsonSize $binarySize. */
final class ObjectOps {
    private ObjectOps() {}

    /** The size of a document encoded as BSON; null for null or missing. */
    static Expr bsonSize(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            if (Values.nullish(v.get(0))) {
                return BsonNull.VALUE;
            }
            if (!v.get(0).isDocument()) {
                throw ErrorCode.LOCATION_31393.error("$bsonSize requires a document input, found: " + Values.typeName(v.get(0)));
            }
            return new org.bson.BsonInt32((int) dev.tusk.bson.DocumentSizes.of(v.get(0).asDocument()));
        });
    }

    /** The bytes of a string (UTF-8) or of binary data; null for null or missing. */
    static Expr binarySize(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            BsonValue x = v.get(0);
            if (Values.nullish(x)) {
                return BsonNull.VALUE;
            }
            if (x.isString()) {
                return new org.bson.BsonInt32(x.asString().getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            }
            if (x.isBinary()) {
                return new org.bson.BsonInt32(x.asBinary().getData().length);
            }
            throw ErrorCode.LOCATION_51276.error("$binarySize requires a string or BinData argument, found: " + Values.typeName(x));
        });
    }

    static Expr mergeObjects(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.parse(arg, cx), values -> {
            BsonDocument out = new BsonDocument();
            for (BsonValue v : values) {
                if (Values.nullish(v)) {
                    continue;
                }
                if (!v.isDocument()) {
                    throw ErrorCode.LOCATION_40400.error("$mergeObjects requires object inputs, but input %s is of type %s",
                            Values.text(v), Values.typeName(v));
                }
                for (Map.Entry<String, BsonValue> e : v.asDocument().entrySet()) {
                    out.put(e.getKey(), e.getValue());
                }
            }
            return out;
        });
    }

    /** The constant field name of $getField/$setField/$unsetField (a string, or {$literal: string}). */
    private static String fieldName(String name, BsonValue field, ErrorCode code) {
        BsonValue f = field;
        if (f.isDocument() && f.asDocument().size() == 1 && f.asDocument().containsKey("$literal")) {
            f = f.asDocument().get("$literal");
        }
        if (!f.isString()) {
            throw code.error("%s requires 'field' to evaluate to type String, but got %s", name, Values.typeName(f));
        }
        if (f.asString().getValue().startsWith("$") && field.isString()) {
            throw ErrorCode.LOCATION_5654602.error("A string that starts with '$' as the 'field' argument of %s must be wrapped in a "
                    + "$literal, found: %s", name, f.asString().getValue());
        }
        return f.asString().getValue();
    }

    static Expr getField(String name, BsonValue arg, ParseContext cx) {
        BsonValue field;
        Expr input;
        if (arg instanceof BsonDocument d && !(d.size() == 1 && d.containsKey("$literal"))) {
            for (String k : d.keySet()) {
                if (!k.equals("field") && !k.equals("input")) {
                    throw ErrorCode.LOCATION_3041701.error("$getField found an unknown argument: " + k);
                }
            }
            Args.require(d, "field", ErrorCode.LOCATION_3041702, "$getField requires 'field' to be specified");
            field = d.get("field");
            input = d.containsKey("input") ? ExprParser.parse(d.get("input"), cx) : new Expr.FieldRef("CURRENT", List.of());
        } else {
            field = arg;
            input = new Expr.FieldRef("CURRENT", List.of());
        }
        String f = fieldName(name, field, ErrorCode.LOCATION_3041704);
        return Args.eager(name, List.of(input), v -> {
            BsonValue in = v.get(0);
            if (in == null) {
                return null;
            }
            if (Values.nullish(in)) {
                return BsonNull.VALUE;
            }
            if (!in.isDocument()) {
                throw ErrorCode.LOCATION_3041705.error("$getField requires 'input' to evaluate to type Object, but got " + Values.typeName(in));
            }
            return in.asDocument().get(f);
        });
    }

    static Expr setField(String name, BsonValue arg, ParseContext cx) {
        return setOrUnset(name, arg, cx, true);
    }

    static Expr unsetField(String name, BsonValue arg, ParseContext cx) {
        return setOrUnset(name, arg, cx, false);
    }

    private static Expr setOrUnset(String name, BsonValue arg, ParseContext cx, boolean set) {
        List<String> allowed = set ? List.of("field", "input", "value") : List.of("field", "input");
        BsonDocument d = Args.named(arg, ErrorCode.LOCATION_4161100, name + " only supports an object as its argument",
                allowed, ErrorCode.LOCATION_4161101, name + " found an unknown argument: ");
        Args.require(d, "field", ErrorCode.LOCATION_4161102, name + " requires 'field' to be specified");
        Args.require(d, "input", ErrorCode.LOCATION_4161103, name + " requires 'input' to be specified");
        if (set) {
            Args.require(d, "value", ErrorCode.LOCATION_4161104, name + " requires 'value' to be specified");
        }
        String f = fieldName(name, d.get("field"), ErrorCode.LOCATION_4161106);
        Expr input = ExprParser.parse(d.get("input"), cx);
        Expr value = set ? ExprParser.parse(d.get("value"), cx) : new Expr.FieldRef("REMOVE", List.of());
        return new Expr.Call(name, List.of(input, value), (a, ecx) -> {
            BsonValue in = a.get(0).evaluate(ecx);
            if (Values.nullish(in)) {
                return BsonNull.VALUE;
            }
            if (!in.isDocument()) {
                throw ErrorCode.LOCATION_4161105.error("%s requires 'input' to evaluate to type Object", name);
            }
            BsonDocument out = new BsonDocument();
            in.asDocument().forEach(out::append);
            BsonValue v = a.get(1).evaluate(ecx);
            if (v == null) {
                out.remove(f);
            } else {
                out.put(f, v);
            }
            return out;
        });
    }
}
