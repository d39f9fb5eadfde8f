package dev.tusk.expr;

import java.util.function.IntPredicate;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/** $cmp $eq $ne $gt $gte $lt $lte: BSON order across types (core's BsonOrder), missing below null. */
final class ComparisonOps {
    private ComparisonOps() {}

    static Expr cmp(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 2),
                v -> new BsonInt32(Integer.signum(Values.compare(v.get(0), v.get(1)))));
    }

    static Expr eq(String name, BsonValue arg, ParseContext cx) {
        return compare(name, arg, cx, c -> c == 0);
    }

    static Expr ne(String name, BsonValue arg, ParseContext cx) {
        return compare(name, arg, cx, c -> c != 0);
    }

    static Expr gt(String name, BsonValue arg, ParseContext cx) {
        return compare(name, arg, cx, c -> c > 0);
    }

    static Expr gte(String name, BsonValue arg, ParseContext cx) {
        return compare(name, arg, cx, c -> c >= 0);
    }

    static Expr lt(String name, BsonValue arg, ParseContext cx) {
        return compare(name, arg, cx, c -> c < 0);
    }

    static Expr lte(String name, BsonValue arg, ParseContext cx) {
        return compare(name, arg, cx, c -> c <= 0);
    }

    private static Expr compare(String name, BsonValue arg, ParseContext cx, IntPredicate test) {
        return Args.eager(name, Args.exactly(name, arg, cx, 2), v -> Values.bool(test.test(Values.compare(v.get(0), v.get(1)))));
    }
}
