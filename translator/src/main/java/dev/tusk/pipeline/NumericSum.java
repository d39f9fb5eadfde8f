package dev.tusk.pipeline;

import java.math.BigDecimal;
import java.math.MathContext;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * MongoDB's $sum arithmetic: ints stay int while they fit, then long, then double; any double
 * makes the result double, any decimal makes it decimal.
 */
final class NumericSum {
    private enum Kind { INT, LONG, DOUBLE, DECIMAL }

    private Kind kind = Kind.INT;
    private long longSum;
    private double doubleSum;
    private BigDecimal decimalSum = BigDecimal.ZERO;
    private boolean decimalSpecial;
    private double special;

    void add(BsonValue v) {
        switch (v.getBsonType()) {
            case INT32, INT64 -> addLong(v.asNumber().longValue(), v.isInt64());
            case DOUBLE -> {
                if (kind.ordinal() < Kind.DOUBLE.ordinal()) {
                    doubleSum = longSum;
                    kind = Kind.DOUBLE;
                }
                doubleSum += v.asDouble().getValue();
            }
            case DECIMAL128 -> {
                Decimal128 d = v.asDecimal128().getValue();
                if (kind != Kind.DECIMAL) {
                    decimalSum = kind == Kind.DOUBLE ? new BigDecimal(doubleSum) : BigDecimal.valueOf(longSum);
                    kind = Kind.DECIMAL;
                }
                if (d.isNaN() || d.isInfinite()) {
                    decimalSpecial = true;
                    special += d.isNaN() ? Double.NaN : d.isNegative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                } else {
                    decimalSum = decimalSum.add(d.bigDecimalValue(), MathContext.DECIMAL128);
                }
            }
            default -> { }
        }
    }

    private void addLong(long n, boolean isLong) {
        switch (kind) {
            case INT, LONG -> {
                try {
                    longSum = Math.addExact(longSum, n);
                    if (isLong || longSum != (int) longSum) {
                        kind = Kind.LONG;
                    }
                } catch (ArithmeticException overflow) {
                    doubleSum = (double) longSum + n;
                    kind = Kind.DOUBLE;
                }
            }
            case DOUBLE -> doubleSum += n;
            case DECIMAL -> decimalSum = decimalSum.add(BigDecimal.valueOf(n), MathContext.DECIMAL128);
        }
    }

    BsonValue result() {
        return switch (kind) {
            case INT -> new BsonInt32((int) longSum);
            case LONG -> new BsonInt64(longSum);
            case DOUBLE -> new BsonDouble(doubleSum);
            case DECIMAL -> decimalSpecial ? new BsonDecimal128(special != special ? Decimal128.NaN
                    : special > 0 ? Decimal128.POSITIVE_INFINITY : Decimal128.NEGATIVE_INFINITY)
                    : new BsonDecimal128(new Decimal128(decimalSum.round(MathContext.DECIMAL128)));
        };
    }

    BsonValue average(long count) {
        return switch (kind) {
            case INT, LONG -> new BsonDouble((double) longSum / count);
            case DOUBLE -> new BsonDouble(doubleSum / count);
            case DECIMAL -> decimalSpecial ? result()
                    : new BsonDecimal128(new Decimal128(decimalSum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128)));
        };
    }
}
