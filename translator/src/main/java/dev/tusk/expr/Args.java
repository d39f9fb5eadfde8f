package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Argument handling shared by the operator families: MongoDB's "array or single value" argument
 * lists, arity checks with MongoDB's messages, eager evaluation and named-argument documents.
 */
final class Args {
    private Args() {}

    /** {@code [a, b]} is two arguments, anything else is one (so {@code {$size: [1, 2]}} has two). */
    static List<Expr> parse(BsonValue arg, ParseContext cx) {
        List<Expr> out = new ArrayList<>();
        if (arg instanceof BsonArray a) {
            for (BsonValue v : a) {
                out.add(ExprParser.parse(v, cx));
            }
        } else {
            out.add(ExprParser.parse(arg, cx));
        }
        return out;
    }

    static List<Expr> exactly(String name, BsonValue arg, ParseContext cx, int n) {
        List<Expr> args = parse(arg, cx);
        if (args.size() != n) {
            throw ErrorCode.LOCATION_16020.error("Expression %s takes exactly %d arguments. %d were passed in.", name, n, args.size());
        }
        return args;
    }

    static List<Expr> range(String name, BsonValue arg, ParseContext cx, int min, int max) {
        List<Expr> args = parse(arg, cx);
        if (args.size() < min || args.size() > max) {
            throw ErrorCode.LOCATION_28667.error("Expression %s takes at least %d arguments, and at most %d, but %d were passed in.",
                    name, min, max, args.size());
        }
        return args;
    }

    static List<Expr> atLeast(String name, BsonValue arg, ParseContext cx, int min) {
        List<Expr> args = parse(arg, cx);
        if (args.size() < min) {
            throw ErrorCode.LOCATION_16020.error("Expression %s takes at least %d arguments. %d were passed in.", name, min, args.size());
        }
        return args;
    }

    /** An operator that evaluates all its arguments first (missing stays null in the list). */
    static Expr eager(String name, List<Expr> args, Function<List<BsonValue>, BsonValue> f) {
        return new Expr.Call(name, args, (a, cx) -> f.apply(evalAll(a, cx)));
    }

    static List<BsonValue> evalAll(List<Expr> args, EvalContext cx) {
        List<BsonValue> values = new ArrayList<>(args.size());
        for (Expr e : args) {
            values.add(e.evaluate(cx));
        }
        return values;
    }

    /**
     * The named arguments of an object-form operator ({@code {$filter: {input, as, cond}}}),
     * with MongoDB's errors for a non-object, an unknown name or a missing required one.
     */
    static BsonDocument named(BsonValue arg, ErrorCode notObjectCode, String notObject,
            List<String> allowed, ErrorCode unknownCode, String unknownPrefix) {
        if (!(arg instanceof BsonDocument d)) {
            throw notObjectCode.error(notObject);
        }
        for (String k : d.keySet()) {
            if (!allowed.contains(k)) {
                throw unknownCode.error(unknownPrefix + k);
            }
        }
        return d;
    }

    static void require(BsonDocument d, String field, ErrorCode code, String message) {
        if (!d.containsKey(field)) {
            throw code.error(message);
        }
    }

    static Expr optional(BsonDocument d, String field, ParseContext cx) {
        BsonValue v = d.get(field);
        return v == null ? null : ExprParser.parse(v, cx);
    }
}
