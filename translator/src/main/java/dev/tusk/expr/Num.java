package dev.tusk.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * MongoDB's numeric model for expressions: int32 &lt; int64 &lt; double &lt; decimal by width, results
 * in the widest operand type, int results that overflow become long, long results that overflow
 * become double. Doubles become decimals with 15 significant digits (Decimal128(double)).
 */
final class Num {
    static final int INT = 0;
    static final int LONG = 1;
    static final int DOUBLE = 2;
    static final int DECIMAL = 3;
    private static final MathContext DIGITS_15 = new MathContext(15, RoundingMode.HALF_EVEN);

    private Num() {}

    static boolean isNumber(BsonValue v) {
        return v != null && switch (v.getBsonType()) {
            case INT32, INT64, DOUBLE, DECIMAL128 -> true;
            default -> false;
        };
    }

    /** 0 int, 1 long, 2 double, 3 decimal (callers guarantee a number). */
    static int kind(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32 -> INT;
            case INT64 -> LONG;
            case DOUBLE -> DOUBLE;
            default -> DECIMAL;
        };
    }

    static BsonValue intOrLong(long n) {
        return n == (int) n ? new BsonInt32((int) n) : new BsonInt64(n);
    }

    static double toDouble(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32 -> v.asInt32().getValue();
            case INT64 -> v.asInt64().getValue();
            case DOUBLE -> v.asDouble().getValue();
            default -> v.asDecimal128().getValue().doubleValue();
        };
    }

    /** Truncating conversion to long (saturating for huge doubles, as a C cast would not be trusted). */
    static long toLong(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32 -> v.asInt32().getValue();
            case INT64 -> v.asInt64().getValue();
            case DOUBLE -> (long) v.asDouble().getValue();
            default -> {
                Decimal128 d = v.asDecimal128().getValue();
                yield d.isFinite() ? decimal(d).setScale(0, RoundingMode.DOWN).longValue() : 0;
            }
        };
    }

    static boolean isZero(Decimal128 d) {
        return d.isFinite() && decimal(d).signum() == 0;
    }

    /** A finite Decimal128's value (-0 is 0). */
    static BigDecimal decimal(Decimal128 d) {
        try {
            return d.bigDecimalValue();
        } catch (ArithmeticException negativeZero) {
            return BigDecimal.ZERO;
        }
    }

    /** A finite number's exact BigDecimal; doubles go through 15 significant digits like MongoDB's Decimal128(double). */
    static BigDecimal toBigDecimal(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32 -> BigDecimal.valueOf(v.asInt32().getValue());
            case INT64 -> BigDecimal.valueOf(v.asInt64().getValue());
            case DOUBLE -> fromDouble(v.asDouble().getValue());
            default -> decimal(v.asDecimal128().getValue());
        };
    }

    static BigDecimal fromDouble(double d) {
        if (d == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal b = new BigDecimal(d).round(DIGITS_15);
        if (b.precision() < 15) {
            b = b.setScale(b.scale() + 15 - b.precision());
        }
        return b;
    }

    /** True for NaN and infinities of either floating type. */
    static boolean nonFinite(BsonValue v) {
        return switch (v.getBsonType()) {
            case DOUBLE -> !Double.isFinite(v.asDouble().getValue());
            case DECIMAL128 -> !v.asDecimal128().getValue().isFinite();
            default -> false;
        };
    }

    static BsonDecimal128 toDecimal(BsonValue v) {
        if (nonFinite(v)) {
            return decimalOf(toDouble(v));
        }
        return v.getBsonType() == BsonType.DECIMAL128 ? v.asDecimal128() : decimalOf(toBigDecimal(v));
    }

    static BsonDecimal128 decimalOf(BigDecimal b) {
        BigDecimal r = b.round(MathContext.DECIMAL128);
        try {
            return new BsonDecimal128(new Decimal128(r));
        } catch (NumberFormatException | AssertionError outOfRange) {
            if (r.signum() == 0 || r.abs().compareTo(BigDecimal.ONE) < 0) {
                return new BsonDecimal128(Decimal128.POSITIVE_ZERO);
            }
            return new BsonDecimal128(r.signum() > 0 ? Decimal128.POSITIVE_INFINITY : Decimal128.NEGATIVE_INFINITY);
        }
    }

    /** A double result expressed as a decimal (NaN and infinities map across; finite values via 15 digits). */
    static BsonDecimal128 decimalOf(double d) {
        if (Double.isNaN(d)) {
            return new BsonDecimal128(Decimal128.NaN);
        }
        if (Double.isInfinite(d)) {
            return new BsonDecimal128(d > 0 ? Decimal128.POSITIVE_INFINITY : Decimal128.NEGATIVE_INFINITY);
        }
        return decimalOf(fromDouble(d));
    }

    /** Applies a decimal operation, falling back to doubles when an operand is NaN or infinite. */
    static BsonValue decimalOp(BsonValue a, BsonValue b, BinaryOperator<BigDecimal> op, DoubleBinaryOperator special) {
        if (nonFinite(a) || nonFinite(b)) {
            return decimalOf(special.applyAsDouble(toDouble(a), toDouble(b)));
        }
        return decimalOf(op.apply(toBigDecimal(a), toBigDecimal(b)));
    }

    static BsonValue dbl(double d) {
        return new BsonDouble(d);
    }

    /** A whole number representable as int32 (any numeric type), or null. */
    static Integer asInt32(BsonValue v) {
        if (!isNumber(v) || nonFinite(v)) {
            return null;
        }
        BigDecimal b = v.getBsonType() == BsonType.DOUBLE ? new BigDecimal(v.asDouble().getValue()) : toBigDecimal(v);
        try {
            return b.intValueExact();
        } catch (ArithmeticException e) {
            try {
                return b.stripTrailingZeros().intValueExact();
            } catch (ArithmeticException e2) {
                return null;
            }
        }
    }

    /** A whole number representable as int64, or null. */
    static Long asInt64(BsonValue v) {
        if (!isNumber(v) || nonFinite(v)) {
            return null;
        }
        BigDecimal b = v.getBsonType() == BsonType.DOUBLE ? new BigDecimal(v.asDouble().getValue()) : toBigDecimal(v);
        try {
            return b.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** A double as MongoDB's string streams print it (C's %g: 6 significant digits, "1" not "1.0"). */
    static String doubleText(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal b = new BigDecimal(d).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exponent = b.precision() - b.scale() - 1;
        if (exponent >= -4 && exponent < 6) {
            String plain = b.setScale(Math.max(0, 5 - exponent), RoundingMode.HALF_EVEN).toPlainString();
            return plain.contains(".") ? plain.replaceAll("0+$", "").replaceAll("\\.$", "") : plain;
        }
        BigDecimal mantissa = b.movePointLeft(exponent);
        String m = mantissa.toPlainString();
        if (m.contains(".")) {
            m = m.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return m + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
}
