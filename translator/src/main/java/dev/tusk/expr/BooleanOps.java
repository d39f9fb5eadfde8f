package dev.tusk.expr;

import java.util.List;
import org.bson.BsonValue;

/** $and $or (short-circuiting, any number of arguments) and $not. */
final class BooleanOps {
    private BooleanOps() {}

    static Expr and(String name, BsonValue arg, ParseContext cx) {
        return new Expr.Call(name, Args.parse(arg, cx), (args, ecx) -> {
            for (Expr e : args) {
                if (!Values.truthy(e.evaluate(ecx))) {
                    return Values.FALSE;
                }
            }
            return Values.TRUE;
        });
    }

    static Expr or(String name, BsonValue arg, ParseContext cx) {
        return new Expr.Call(name, Args.parse(arg, cx), (args, ecx) -> {
            for (Expr e : args) {
                if (Values.truthy(e.evaluate(ecx))) {
                    return Values.TRUE;
                }
            }
            return Values.FALSE;
        });
    }

    static Expr not(String name, BsonValue arg, ParseContext cx) {
        List<Expr> args = Args.exactly(name, arg, cx, 1);
        return Args.eager(name, args, v -> Values.bool(!Values.truthy(v.get(0))));
    }
}
