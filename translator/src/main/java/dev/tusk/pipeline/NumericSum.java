package dev.tusk.pipeline;

import java.math.BigDecimal;
import java.math.MathContext;
import org.bson.BsonBoolean;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * MongoDB's $sum arithmetic: ints stay int while they fit, then long, then double; any double
 * makes the result double, any decimal makes it decimal. Doubles are summed in double-double
 * precision (hi + lo), as MongoDB's DoubleDoubleSummation does, so long sums of doubles round once.
 */
final class NumericSum {
    private static final MathContext DIGITS_15 = new MathContext(15, java.math.RoundingMode.HALF_EVEN);
    private enum Kind { INT, LONG, DOUBLE, DECIMAL }

    private Kind kind = Kind.INT;
    private long longSum;
    private double hi;
    private double lo;
    private boolean doubleSpecial;
    private double special;
    private BigDecimal decimalSum = BigDecimal.ZERO;
    private boolean decimalSpecial;

    void add(BsonValue v) {
        switch (v.getBsonType()) {
            case INT32, INT64 -> addLong(v.asNumber().longValue(), v.isInt64());
            case DOUBLE -> {
                if (kind.ordinal() < Kind.DOUBLE.ordinal()) {
                    startDouble();
                }
                if (kind == Kind.DECIMAL) {
                    addDecimal(v.asDouble().getValue());
                } else {
                    addDouble(v.asDouble().getValue());
                }
            }
            case DECIMAL128 -> {
                startDecimal();
                Decimal128 d = v.asDecimal128().getValue();
                if (d.isNaN() || d.isInfinite()) {
                    decimalSpecial = true;
                    special += d.isNaN() ? Double.NaN : d.isNegative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                } else {
                    decimalSum = decimalSum.add(exact(d), MathContext.DECIMAL128);
                }
            }
            default -> { }
        }
    }

    /** A finite Decimal128's exact value (negative zero, which BigDecimal cannot hold, is zero). */
    static BigDecimal exact(Decimal128 d) {
        try {
            return d.bigDecimalValue();
        } catch (ArithmeticException negativeZero) {
            return BigDecimal.ZERO;
        }
    }

    /**
     * A finite number as MongoDB's Value::coerceToDecimal makes it: doubles become decimals of 15
     * significant digits (Decimal128(double)), integers and decimals stay exact.
     */
    static BigDecimal coerceToDecimal(BsonValue number) {
        return switch (number.getBsonType()) {
            case INT32, INT64 -> BigDecimal.valueOf(number.asNumber().longValue());
            case DOUBLE -> {
                double d = number.asDouble().getValue();
                if (d == 0) {
                    yield BigDecimal.ZERO;
                }
                BigDecimal b = new BigDecimal(d).round(DIGITS_15);
                yield b.precision() < 15 ? b.setScale(b.scale() + 15 - b.precision()) : b;
            }
            default -> exact(number.asDecimal128().getValue());
        };
    }

    /** The whole state, for a spilled $group's run: {@link #merge} adds it to another sum. */
    BsonDocument partial() {
        return new BsonDocument("kind", new BsonInt32(kind.ordinal()))
                .append("long", new BsonInt64(longSum))
                .append("hi", new BsonDouble(hi))
                .append("lo", new BsonDouble(lo))
                .append("doubleSpecial", BsonBoolean.valueOf(doubleSpecial))
                .append("special", new BsonDouble(special))
                .append("decimal", new BsonString(decimalSum.toString()))
                .append("decimalSpecial", BsonBoolean.valueOf(decimalSpecial));
    }

    /** Adds a {@link #partial} of another sum, as if its values had been added here. */
    void merge(BsonDocument partial) {
        Kind other = Kind.values()[partial.getInt32("kind").getValue()];
        double otherSpecial = partial.getDouble("special").getValue();
        switch (other) {
            case INT, LONG -> addLong(partial.getInt64("long").getValue(), other == Kind.LONG);
            case DOUBLE -> {
                if (kind.ordinal() < Kind.DOUBLE.ordinal()) {
                    startDouble();
                }
                double[] parts = {partial.getDouble("hi").getValue(), partial.getDouble("lo").getValue()};
                for (double x : partial.getBoolean("doubleSpecial").getValue() ? new double[] {parts[0], parts[1], otherSpecial} : parts) {
                    if (kind == Kind.DECIMAL) {
                        addDecimal(x);
                    } else {
                        addDouble(x);
                    }
                }
            }
            case DECIMAL -> {
                startDecimal();
                decimalSum = decimalSum.add(new BigDecimal(partial.getString("decimal").getValue()), MathContext.DECIMAL128);
                if (partial.getBoolean("decimalSpecial").getValue()) {
                    decimalSpecial = true;
                    special += otherSpecial;
                }
            }
        }
    }

    private void startDecimal() {
        if (kind != Kind.DECIMAL) {
            decimalSum = kind == Kind.DOUBLE ? doubleDecimal() : BigDecimal.valueOf(longSum);
            decimalSpecial = kind == Kind.DOUBLE && doubleSpecial;
            kind = Kind.DECIMAL;
        }
    }

    private void startDouble() {
        hi = longSum;
        lo = BigDecimal.valueOf(longSum).subtract(new BigDecimal(hi)).doubleValue();
        kind = Kind.DOUBLE;
    }

    private BigDecimal doubleDecimal() {
        return doubleSpecial ? BigDecimal.ZERO : new BigDecimal(hi).add(new BigDecimal(lo));
    }

    private void addDouble(double x) {
        if (!Double.isFinite(x)) {
            doubleSpecial = true;
            special += x;
            return;
        }
        double s = hi + x;
        double bp = s - hi;
        double error = (hi - (s - bp)) + (x - bp);
        double low = lo + error;
        hi = s + low;
        lo = low - (hi - s);
    }

    private void addDecimal(double x) {
        if (!Double.isFinite(x)) {
            decimalSpecial = true;
            special += x;
        } else {
            decimalSum = decimalSum.add(new BigDecimal(x), MathContext.DECIMAL128);
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
                    startDouble();
                    addLongExactly(n);
                }
            }
            case DOUBLE -> addLongExactly(n);
            case DECIMAL -> decimalSum = decimalSum.add(BigDecimal.valueOf(n), MathContext.DECIMAL128);
        }
    }

    private void addLongExactly(long n) {
        double high = n;
        addDouble(high);
        addDouble(BigDecimal.valueOf(n).subtract(new BigDecimal(high)).doubleValue());
    }

    private double doubleValue() {
        return doubleSpecial ? special : hi + lo;
    }

    BsonValue result() {
        return switch (kind) {
            case INT -> new BsonInt32((int) longSum);
            case LONG -> new BsonInt64(longSum);
            case DOUBLE -> new BsonDouble(doubleValue());
            case DECIMAL -> decimalSpecial ? new BsonDecimal128(special != special ? Decimal128.NaN
                    : special > 0 ? Decimal128.POSITIVE_INFINITY : Decimal128.NEGATIVE_INFINITY)
                    : new BsonDecimal128(new Decimal128(decimalSum.round(MathContext.DECIMAL128)));
        };
    }

    BsonValue average(long count) {
        return switch (kind) {
            case INT, LONG -> new BsonDouble((double) longSum / count);
            case DOUBLE -> new BsonDouble(doubleValue() / count);
            case DECIMAL -> decimalSpecial ? result()
                    : new BsonDecimal128(new Decimal128(decimalSum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL128)));
        };
    }
}
