package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** $cond (array and document forms), $ifNull, $switch, and the variable operators $let and $literal. */
final class ConditionalOps {
    private ConditionalOps() {}

    static Expr cond(String name, BsonValue arg, ParseContext cx) {
        List<Expr> args;
        if (arg instanceof BsonDocument d) {
            for (String k : d.keySet()) {
                if (!k.equals("if") && !k.equals("then") && !k.equals("else")) {
                    throw ErrorCode.LOCATION_17083.error("Unrecognized parameter to $cond: " + k);
                }
            }
            Args.require(d, "if", ErrorCode.LOCATION_17080, "Missing 'if' parameter to $cond");
            Args.require(d, "then", ErrorCode.LOCATION_17081, "Missing 'then' parameter to $cond");
            Args.require(d, "else", ErrorCode.LOCATION_17082, "Missing 'else' parameter to $cond");
            args = List.of(ExprParser.parse(d.get("if"), cx), ExprParser.parse(d.get("then"), cx),
                    ExprParser.parse(d.get("else"), cx));
        } else {
            args = Args.exactly(name, arg, cx, 3);
        }
        return new Expr.Call(name, args, (a, ecx) ->
                Values.truthy(a.get(0).evaluate(ecx)) ? a.get(1).evaluate(ecx) : a.get(2).evaluate(ecx));
    }

    static Expr ifNull(String name, BsonValue arg, ParseContext cx) {
        List<Expr> args = Args.parse(arg, cx);
        if (args.size() < 2) {
            throw ErrorCode.LOCATION_1257300.error("$ifNull needs at least two arguments, had: " + args.size());
        }
        return new Expr.Call(name, args, (a, ecx) -> {
            for (int i = 0; i < a.size() - 1; i++) {
                BsonValue v = a.get(i).evaluate(ecx);
                if (!Values.nullish(v)) {
                    return v;
                }
            }
            return a.get(a.size() - 1).evaluate(ecx);
        });
    }

    static Expr switchOp(String name, BsonValue arg, ParseContext cx) {
        if (!(arg instanceof BsonDocument d)) {
            throw ErrorCode.LOCATION_40060.error("$switch requires an object as an argument, found: " + Values.typeName(arg));
        }
        List<Expr> args = new ArrayList<>(); // case, then, case, then, ..., [default]
        Expr defaultExpr = null;
        boolean sawBranches = false;
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            switch (e.getKey()) {
                case "branches" -> {
                    sawBranches = true;
                    if (!(e.getValue() instanceof BsonArray branches)) {
                        throw ErrorCode.LOCATION_40061.error("$switch expected an array for 'branches', found: "
                                + Values.typeName(e.getValue()));
                    }
                    for (BsonValue b : branches) {
                        if (!(b instanceof BsonDocument branch)) {
                            throw ErrorCode.LOCATION_40062.error("$switch expected each branch to be an object, found: " + Values.typeName(b));
                        }
                        for (String k : branch.keySet()) {
                            if (!k.equals("case") && !k.equals("then")) {
                                throw ErrorCode.LOCATION_40063.error("$switch found an unknown argument to a branch: " + k);
                            }
                        }
                        Args.require(branch, "case", ErrorCode.LOCATION_40064, "$switch requires each branch have a 'case' expression");
                        Args.require(branch, "then", ErrorCode.LOCATION_40065, "$switch requires each branch have a 'then' expression.");
                        args.add(ExprParser.parse(branch.get("case"), cx));
                        args.add(ExprParser.parse(branch.get("then"), cx));
                    }
                }
                case "default" -> defaultExpr = ExprParser.parse(e.getValue(), cx);
                default -> throw ErrorCode.LOCATION_40067.error("$switch found an unknown argument: " + e.getKey());
            }
        }
        if (!sawBranches || args.isEmpty()) {
            throw ErrorCode.LOCATION_40068.error("$switch requires at least one branch");
        }
        int pairs = args.size();
        boolean hasDefault = defaultExpr != null;
        if (hasDefault) {
            args.add(defaultExpr);
        }
        return new Expr.Call(name, args, (a, ecx) -> {
            for (int i = 0; i < pairs; i += 2) {
                if (Values.truthy(a.get(i).evaluate(ecx))) {
                    return a.get(i + 1).evaluate(ecx);
                }
            }
            if (!hasDefault) {
                throw ErrorCode.LOCATION_40066.error("$switch could not find a matching branch for an input, and no default was specified.");
            }
            return a.get(pairs).evaluate(ecx);
        });
    }

    static Expr let(String name, BsonValue arg, ParseContext cx) {
        if (!(arg instanceof BsonDocument d)) {
            throw ErrorCode.LOCATION_16874.error("$let only supports an object as its argument");
        }
        for (String k : d.keySet()) {
            if (!k.equals("vars") && !k.equals("in")) {
                throw ErrorCode.LOCATION_16875.error("Unrecognized parameter to $let: " + k);
            }
        }
        Args.require(d, "vars", ErrorCode.LOCATION_16876, "Missing 'vars' parameter to $let");
        Args.require(d, "in", ErrorCode.LOCATION_16877, "Missing 'in' parameter to $let");
        if (!d.get("vars").isDocument()) {
            throw ErrorCode.LOCATION_10065.error("invalid parameter: expected an object (vars)");
        }
        BsonDocument vars = d.getDocument("vars");
        List<String> names = new ArrayList<>();
        List<Expr> args = new ArrayList<>();
        for (Map.Entry<String, BsonValue> e : vars.entrySet()) {
            ExprParser.validateVariableName(e.getKey());
            names.add(e.getKey());
            args.add(ExprParser.parse(e.getValue(), cx));
        }
        args.add(ExprParser.parse(d.get("in"), cx.bind(names.toArray(String[]::new))));
        return new Expr.Call(name, args, (a, ecx) -> {
            EvalContext inner = ecx;
            for (int i = 0; i < names.size(); i++) {
                inner = inner.bind(names.get(i), a.get(i).evaluate(ecx));
            }
            return a.get(names.size()).evaluate(inner);
        });
    }

    static Expr literal(String name, BsonValue arg, ParseContext cx) {
        return new Expr.Constant(arg);
    }
}
