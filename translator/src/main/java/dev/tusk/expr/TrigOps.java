package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import java.util.function.DoubleUnaryOperator;
import org.bson.BsonDouble;
import org.bson.BsonNull;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * $sin $cos $tan $asin $acos $atan $atan2 $sinh $cosh $tanh $asinh $acosh $atanh
 * $degreesToRadians $radiansToDegrees: doubles in, doubles out; decimals in, decimals out
 * (computed in double precision).
 */
final class TrigOps {
    private TrigOps() {}

    /** A trigonometric operator whose input must lie in [lo, hi] (open at infinite ends). */
    static Expr bounded(String name, BsonValue arg, ParseContext cx, DoubleUnaryOperator f, double lo, double hi, String range) {
        return ArithmeticOps.unary(name, arg, cx, x -> {
            double d = Num.toDouble(x);
            if (Double.isNaN(d)) {
                return x.getBsonType() == BsonType.DECIMAL128 || x.getBsonType() == BsonType.DOUBLE ? x : new BsonDouble(d);
            }
            if (d < lo || d > hi || (Double.isInfinite(d) && Double.isInfinite(lo) && Double.isInfinite(hi))) {
                throw ErrorCode.LOCATION_50989.error("cannot apply %s to %s, value must be in %s", name, Values.text(x), range);
            }
            return result(x, f.applyAsDouble(d));
        });
    }

    private static BsonValue result(BsonValue input, double r) {
        return input.getBsonType() == BsonType.DECIMAL128 ? Num.decimalOf(r) : new BsonDouble(r);
    }

    static Expr unbounded(String name, BsonValue arg, ParseContext cx, DoubleUnaryOperator f) {
        return ArithmeticOps.unary(name, arg, cx, x -> result(x, f.applyAsDouble(Num.toDouble(x))));
    }

    static Expr sin(String name, BsonValue arg, ParseContext cx) {
        return bounded(name, arg, cx, Math::sin, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "(-inf,inf)");
    }

    static Expr cos(String name, BsonValue arg, ParseContext cx) {
        return bounded(name, arg, cx, Math::cos, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "(-inf,inf)");
    }

    static Expr tan(String name, BsonValue arg, ParseContext cx) {
        return bounded(name, arg, cx, Math::tan, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "(-inf,inf)");
    }

    static Expr asin(String name, BsonValue arg, ParseContext cx) {
        return bounded(name, arg, cx, Math::asin, -1, 1, "[-1,1]");
    }

    static Expr acos(String name, BsonValue arg, ParseContext cx) {
        return bounded(name, arg, cx, Math::acos, -1, 1, "[-1,1]");
    }

    static Expr atan(String name, BsonValue arg, ParseContext cx) {
        return unbounded(name, arg, cx, Math::atan);
    }

    static Expr sinh(String name, BsonValue arg, ParseContext cx) {
        return unbounded(name, arg, cx, Math::sinh);
    }

    static Expr cosh(String name, BsonValue arg, ParseContext cx) {
        return unbounded(name, arg, cx, Math::cosh);
    }

    static Expr tanh(String name, BsonValue arg, ParseContext cx) {
        return unbounded(name, arg, cx, Math::tanh);
    }

    static Expr asinh(String name, BsonValue arg, ParseContext cx) {
        return unbounded(name, arg, cx, x -> Double.isInfinite(x) ? x : Math.log(x + Math.sqrt(x * x + 1)));
    }

    static Expr acosh(String name, BsonValue arg, ParseContext cx) {
        return bounded(name, arg, cx, x -> Math.log(x + Math.sqrt(x * x - 1)), 1, Double.POSITIVE_INFINITY, "[1,inf]");
    }

    static Expr atanh(String name, BsonValue arg, ParseContext cx) {
        return bounded(name, arg, cx, x -> 0.5 * Math.log((1 + x) / (1 - x)), -1, 1, "[-1,1]");
    }

    static Expr degreesToRadians(String name, BsonValue arg, ParseContext cx) {
        return unbounded(name, arg, cx, x -> x * (Math.PI / 180.0));
    }

    static Expr radiansToDegrees(String name, BsonValue arg, ParseContext cx) {
        return unbounded(name, arg, cx, x -> x * (180.0 / Math.PI));
    }

    static Expr atan2(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 2), v -> {
            BsonValue y = v.get(0);
            if (Values.nullish(y)) {
                return BsonNull.VALUE;
            }
            if (!Num.isNumber(y)) {
                throw ErrorCode.LOCATION_51044.error("%s only supports numeric types, not %s", name, Values.typeName(y));
            }
            BsonValue x = v.get(1);
            if (Values.nullish(x)) {
                return BsonNull.VALUE;
            }
            if (!Num.isNumber(x)) {
                throw ErrorCode.LOCATION_51045.error("%s only supports numeric types, not %s", name, Values.typeName(x));
            }
            double r = Math.atan2(Num.toDouble(y), Num.toDouble(x));
            return Num.kind(y) == Num.DECIMAL || Num.kind(x) == Num.DECIMAL ? Num.decimalOf(r) : new BsonDouble(r);
        });
    }
}
