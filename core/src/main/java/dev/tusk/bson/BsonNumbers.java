package dev.tusk.bson;

import java.math.BigDecimal;
import java.util.Optional;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * The four BSON number types (int32, int64, double, Decimal128) as one ordered domain: exact
 * comparison across types, NaN lowest, -0 equal to 0.
 */
public final class BsonNumbers {
    private BsonNumbers() {}

    public static boolean isNumber(BsonValue v) {
        return v instanceof BsonInt32 || v instanceof BsonInt64 || v instanceof BsonDouble || v instanceof BsonDecimal128;
    }

    public static boolean isNaN(BsonValue v) {
        return switch (v) {
            case BsonDouble d -> Double.isNaN(d.getValue());
            case BsonDecimal128 d -> d.getValue().isNaN();
            default -> false;
        };
    }

    /** +1 for +Infinity, -1 for -Infinity, 0 otherwise (finite, NaN or not a number). */
    public static int infinitySign(BsonValue v) {
        return switch (v) {
            case BsonDouble d when Double.isInfinite(d.getValue()) -> d.getValue() > 0 ? 1 : -1;
            case BsonDecimal128 d when d.getValue().isInfinite() -> d.getValue().isNegative() ? -1 : 1;
            default -> 0;
        };
    }

    /** The exact value of a finite number; empty for NaN, infinities and non-numbers. -0 gives 0. */
    public static Optional<BigDecimal> exact(BsonValue v) {
        return switch (v) {
            case BsonInt32 i -> Optional.of(BigDecimal.valueOf(i.getValue()));
            case BsonInt64 l -> Optional.of(BigDecimal.valueOf(l.getValue()));
            case BsonDouble d -> Double.isFinite(d.getValue())
                    ? Optional.of(d.getValue() == 0 ? BigDecimal.ZERO : new BigDecimal(d.getValue()))
                    : Optional.empty();
            case BsonDecimal128 d -> decimalExact(d.getValue());
            default -> Optional.empty();
        };
    }

    /**
     * {@link #exact} without trailing zeros (1E+2, not 100), computed without BigInteger division
     * where possible: integers strip in long arithmetic, and a double with a fraction has an exact
     * decimal expansion ending in 5, so it has no trailing zeros to strip.
     */
    public static Optional<BigDecimal> exactStripped(BsonValue v) {
        return switch (v) {
            case BsonInt32 i -> Optional.of(BigDecimal.valueOf(i.getValue()).stripTrailingZeros());
            case BsonInt64 l -> Optional.of(BigDecimal.valueOf(l.getValue()).stripTrailingZeros());
            case BsonDouble d when !Double.isFinite(d.getValue()) -> Optional.empty();
            case BsonDouble d when d.getValue() == 0 -> Optional.of(BigDecimal.ZERO);
            case BsonDouble d when d.getValue() == Math.rint(d.getValue()) && Math.abs(d.getValue()) < 0x1p62 ->
                    Optional.of(BigDecimal.valueOf((long) d.getValue()).stripTrailingZeros());
            case BsonDouble d when d.getValue() != Math.rint(d.getValue()) -> Optional.of(new BigDecimal(d.getValue()));
            default -> exact(v).map(BigDecimal::stripTrailingZeros);
        };
    }

    private static Optional<BigDecimal> decimalExact(Decimal128 d) {
        if (!d.isFinite()) {
            return Optional.empty();
        }
        try {
            BigDecimal value = d.bigDecimalValue();
            return Optional.of(value.signum() == 0 ? BigDecimal.ZERO : value);
        } catch (ArithmeticException negativeZero) { // bigDecimalValue() refuses -0
            return Optional.of(BigDecimal.ZERO);
        }
    }

    /** Compares two numbers (callers guarantee both are numbers): NaN < -Inf < finite < +Inf. */
    public static int compare(BsonValue a, BsonValue b) {
        if (a instanceof BsonInt32 || a instanceof BsonInt64) {
            if (b instanceof BsonInt32 || b instanceof BsonInt64) {
                return Long.compare(((org.bson.BsonNumber) a).longValue(), ((org.bson.BsonNumber) b).longValue());
            }
        }
        if (a instanceof BsonDouble da && b instanceof BsonDouble db) {
            return compareDoubles(da.getValue(), db.getValue());
        }
        int ra = rank(a);
        int rb = rank(b);
        if (ra != 1 || rb != 1) {
            return Integer.compare(ra, rb);
        }
        return exact(a).orElseThrow().compareTo(exact(b).orElseThrow());
    }

    /** 0 NaN, 1 finite, -1 and 2 the infinities arranged so that NaN < -Inf < finite < +Inf. */
    private static int rank(BsonValue v) {
        if (isNaN(v)) {
            return -2;
        }
        return switch (infinitySign(v)) {
            case 1 -> 2;
            case -1 -> -1;
            default -> 1;
        };
    }

    private static int compareDoubles(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Double.isNaN(x) ? (Double.isNaN(y) ? 0 : -1) : 1;
        }
        return x < y ? -1 : x > y ? 1 : 0;
    }
}
