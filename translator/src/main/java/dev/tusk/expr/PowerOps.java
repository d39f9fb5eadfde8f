package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.DoubleUnaryOperator;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonType;
import org.bson.BsonValue;

/** $exp $ln $log $log10 $pow $sqrt $round $trunc. */
final class PowerOps {
    private PowerOps() {}

    static Expr exp(String name, BsonValue arg, ParseContext cx) {
        return ArithmeticOps.unary(name, arg, cx, x -> x.getBsonType() == BsonType.DECIMAL128
                ? Num.decimalOf(Math.exp(Num.toDouble(x))) : new BsonDouble(Math.exp(Num.toDouble(x))));
    }

    static Expr sqrt(String name, BsonValue arg, ParseContext cx) {
        return ArithmeticOps.unary(name, arg, cx, x -> {
            if (x.getBsonType() == BsonType.DECIMAL128) {
                if (Num.nonFinite(x)) {
                    if (x.asDecimal128().getValue().isNegative() && !x.asDecimal128().getValue().isNaN()) {
                        throw ErrorCode.LOCATION_28714.error("$sqrt's argument must be greater than or equal to 0");
                    }
                    return x;
                }
                BigDecimal b = Num.toBigDecimal(x);
                if (b.signum() < 0) {
                    throw ErrorCode.LOCATION_28714.error("$sqrt's argument must be greater than or equal to 0");
                }
                return Num.decimalOf(b.sqrt(MathContext.DECIMAL128));
            }
            double d = Num.toDouble(x);
            if (d < 0) {
                throw ErrorCode.LOCATION_28714.error("$sqrt's argument must be greater than or equal to 0");
            }
            return new BsonDouble(Math.sqrt(d));
        });
    }

    static Expr ln(String name, BsonValue arg, ParseContext cx) {
        return ArithmeticOps.unary(name, arg, cx, x -> logarithm(x, Math::log, ErrorCode.LOCATION_28766, "$ln"));
    }

    static Expr log10(String name, BsonValue arg, ParseContext cx) {
        return ArithmeticOps.unary(name, arg, cx, x -> logarithm(x, Math::log10, ErrorCode.LOCATION_28761, "$log10"));
    }

    private static BsonValue logarithm(BsonValue x, DoubleUnaryOperator f, ErrorCode code, String name) {
        double d = Num.toDouble(x);
        if (!(d > 0 || Double.isNaN(d))) {
            throw code.error("%s's argument must be a positive number, but is %s", name, Num.doubleText(d));
        }
        double r = f.applyAsDouble(d);
        return x.getBsonType() == BsonType.DECIMAL128 ? Num.decimalOf(r) : new BsonDouble(r);
    }

    static Expr log(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 2), v -> {
            BsonValue x = v.get(0);
            BsonValue base = v.get(1);
            if (Values.nullish(x) || Values.nullish(base)) {
                return BsonNull.VALUE;
            }
            if (!Num.isNumber(x)) {
                throw ErrorCode.LOCATION_28756.error("$log's argument must be numeric, not " + Values.typeName(x));
            }
            if (!Num.isNumber(base)) {
                throw ErrorCode.LOCATION_28757.error("$log's base must be numeric, not " + Values.typeName(base));
            }
            double a = Num.toDouble(x);
            double b = Num.toDouble(base);
            if (!(a > 0 || Double.isNaN(a))) {
                throw ErrorCode.LOCATION_28758.error("$log's argument must be a positive number, but is " + Num.doubleText(a));
            }
            if (!((b > 0 && b != 1) || Double.isNaN(b))) {
                throw ErrorCode.LOCATION_28759.error("$log's base must be a positive number not equal to 1, but is " + Num.doubleText(b));
            }
            double r = Math.log(a) / Math.log(b);
            return Num.kind(x) == Num.DECIMAL || Num.kind(base) == Num.DECIMAL ? Num.decimalOf(r) : new BsonDouble(r);
        });
    }

    static Expr pow(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 2), v -> {
            BsonValue base = v.get(0);
            BsonValue exp = v.get(1);
            if (Values.nullish(base) || Values.nullish(exp)) {
                return BsonNull.VALUE;
            }
            if (!Num.isNumber(base)) {
                throw ErrorCode.LOCATION_28762.error("$pow's base must be numeric, not " + Values.typeName(base));
            }
            if (!Num.isNumber(exp)) {
                throw ErrorCode.LOCATION_28763.error("$pow's exponent must be numeric, not " + Values.typeName(exp));
            }
            double b = Num.toDouble(base);
            double e = Num.toDouble(exp);
            if (b == 0 && e < 0) {
                throw ErrorCode.LOCATION_28764.error("$pow cannot take a base of 0 and a negative exponent");
            }
            int kind = Math.max(Num.kind(base), Num.kind(exp));
            if (kind == Num.DECIMAL) {
                Long n = Num.asInt64(exp);
                if (!Num.nonFinite(base) && n != null && n >= 0 && n <= 9999) {
                    return Num.decimalOf(Num.toBigDecimal(base).pow(n.intValue(), MathContext.DECIMAL128));
                }
                return Num.decimalOf(Math.pow(b, e));
            }
            if (kind == Num.DOUBLE) {
                return new BsonDouble(Math.pow(b, e));
            }
            long bl = Num.toLong(base);
            long el = Num.toLong(exp);
            Long result = integerPower(bl, el);
            if (result == null) {
                return new BsonDouble(Math.pow(bl, el));
            }
            return kind == Num.LONG ? new BsonInt64(result) : Num.intOrLong(result);
        });
    }

    /** base^exp when it fits a long; null when the result needs a double. */
    private static Long integerPower(long base, long exp) {
        if (base == 0) {
            return exp == 0 ? 1L : 0L;
        }
        if (base == 1) {
            return 1L;
        }
        if (base == -1) {
            return exp % 2 == 0 ? 1L : -1L;
        }
        if (exp < 0 || exp > 63) {
            return null;
        }
        long result = 1;
        try {
            for (long i = 0; i < exp; i++) {
                result = Math.multiplyExact(result, base);
            }
        } catch (ArithmeticException overflow) {
            return null;
        }
        return result;
    }

    static Expr round(String name, BsonValue arg, ParseContext cx) {
        return roundOrTrunc(name, arg, cx, RoundingMode.HALF_EVEN);
    }

    static Expr trunc(String name, BsonValue arg, ParseContext cx) {
        return roundOrTrunc(name, arg, cx, RoundingMode.DOWN);
    }

    private static Expr roundOrTrunc(String name, BsonValue arg, ParseContext cx, RoundingMode mode) {
        return Args.eager(name, Args.range(name, arg, cx, 1, 2), v -> {
            BsonValue x = v.get(0);
            if (Values.nullish(x)) {
                return BsonNull.VALUE;
            }
            if (!Num.isNumber(x)) {
                throw ErrorCode.LOCATION_51081.error("%s only supports numeric types, not %s", name, Values.typeName(x));
            }
            long place = 0;
            if (v.size() > 1) {
                BsonValue p = v.get(1);
                if (Values.nullish(p)) {
                    return BsonNull.VALUE;
                }
                Long l = Num.asInt64(p);
                if (l == null) {
                    throw ErrorCode.LOCATION_51082.error("precision argument to  %s must be a integral value", name);
                }
                place = l;
                if (place < -20 || place > 100) {
                    throw ErrorCode.LOCATION_51083.error("cannot apply %s with precision value %d value must be in [-20, 100]", name, place);
                }
            }
            int scale = (int) place;
            return switch (x.getBsonType()) {
                case DECIMAL128 -> Num.nonFinite(x) ? x : Num.decimalOf(Num.toBigDecimal(x).setScale(scale, mode));
                case DOUBLE -> {
                    double d = x.asDouble().getValue();
                    yield Double.isFinite(d) ? new BsonDouble(new BigDecimal(d).setScale(scale, mode).doubleValue()) : x;
                }
                default -> {
                    if (place >= 0) {
                        yield x;
                    }
                    long out = BigDecimal.valueOf(Num.toLong(x)).setScale(scale, mode).setScale(0).longValueExact();
                    yield x.getBsonType() == BsonType.INT64 || out != (int) out ? new BsonInt64(out) : new BsonInt32((int) out);
                }
            };
        });
    }

}
