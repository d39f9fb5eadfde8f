package dev.tusk.pipeline;

import java.math.BigDecimal;
import java.math.MathContext;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/** $sum, $avg and $count: $group's running sum, and the window sum that can take values back. */
final class SumStates {
    private SumStates() {}

    static boolean isNumber(BsonValue v) {
        return v != null && (v.isNumber() || v.isDecimal128());
    }

    /** $group's $sum/$avg: int while it fits, then long, then double; any double makes a double, any decimal a decimal. */
    static final class Sum implements AccumulatorState.Mergeable {
        private final boolean average;
        private final NumericSum sum = new NumericSum();
        private long count;

        Sum(boolean average) {
            this.average = average;
        }

        @Override
        public void add(BsonValue v) {
            if (isNumber(v)) {
                sum.add(v);
                count++;
            }
        }

        @Override
        public BsonValue result() {
            if (!average) {
                return sum.result();
            }
            return count == 0 ? BsonNull.VALUE : sum.average(count);
        }

        @Override
        public BsonValue partial() {
            return new BsonDocument("sum", sum.partial()).append("count", new BsonInt64(count));
        }

        @Override
        public void merge(BsonValue partial) {
            sum.merge(partial.asDocument().getDocument("sum"));
            count += partial.asDocument().getInt64("count").getValue();
        }
    }

    /**
     * MongoDB's removable window sum: a $group sum of the values added and the negated values
     * removed, whose type then follows what is in the window now (a decimal makes a decimal, else a
     * double makes a double, else int or long by size; NaN and infinities are counted apart), so a
     * double that left the window no longer makes the sum a double.
     */
    static final class WindowSum implements AccumulatorState.Signed {
        private final boolean average;
        private final NumericSum finite = new NumericSum();
        private long count;
        private long doubles;
        private long decimals;
        private long nans;
        private long positiveInfinities;
        private long negativeInfinities;

        WindowSum(boolean average) {
            this.average = average;
        }

        @Override
        public void update(BsonValue v, int quantity) {
            if (!isNumber(v)) {
                return;
            }
            count += quantity;
            switch (v.getBsonType()) {
                case INT32, INT64 -> {
                    long n = v.asNumber().longValue();
                    if (quantity < 0 && n == Long.MIN_VALUE) {
                        finite.add(new BsonInt64(Long.MAX_VALUE));
                        finite.add(new BsonInt32(1));
                    } else {
                        finite.add(v.isInt32() ? new BsonInt32((int) (n * quantity)) : new BsonInt64(n * quantity));
                    }
                }
                case DOUBLE -> {
                    doubles += quantity;
                    double d = v.asDouble().getValue();
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        special(Double.isNaN(d), d > 0, quantity);
                    } else {
                        finite.add(new BsonDouble(d * quantity));
                    }
                }
                default -> {
                    decimals += quantity;
                    Decimal128 d = v.asDecimal128().getValue();
                    if (d.isNaN() || d.isInfinite()) {
                        special(d.isNaN(), !d.isNegative(), quantity);
                    } else {
                        finite.add(quantity > 0 ? v : new BsonDecimal128(new Decimal128(NumericSum.exact(d).negate())));
                    }
                }
            }
        }

        private void special(boolean nan, boolean positive, int quantity) {
            if (nan) {
                nans += quantity;
            } else if (positive) {
                positiveInfinities += quantity;
            } else {
                negativeInfinities += quantity;
            }
        }

        @Override
        public BsonValue result() {
            return average ? average() : sum();
        }

        private BsonValue sum() {
            if (nans > 0 || (positiveInfinities > 0 && negativeInfinities > 0)) {
                return decimals > 0 ? new BsonDecimal128(Decimal128.NaN) : new BsonDouble(Double.NaN);
            }
            if (positiveInfinities > 0 || negativeInfinities > 0) {
                boolean positive = positiveInfinities > 0;
                return decimals > 0 ? new BsonDecimal128(positive ? Decimal128.POSITIVE_INFINITY : Decimal128.NEGATIVE_INFINITY)
                        : new BsonDouble(positive ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
            }
            BsonValue total = finite.result();
            if (total.isDecimal128() && decimals == 0) {
                BigDecimal exact = NumericSum.exact(total.asDecimal128().getValue());
                if (doubles > 0) {
                    return new BsonDouble(exact.doubleValue());
                }
                try {
                    return intOrLong(exact.longValueExact());
                } catch (ArithmeticException notALong) {
                    return new BsonDouble(exact.doubleValue());
                }
            }
            if (total.isDouble() && doubles == 0 && Math.abs(total.asDouble().getValue()) < 0x1p63) {
                return intOrLong(Math.round(total.asDouble().getValue()));
            }
            return total.isInt64() ? intOrLong(total.asInt64().getValue()) : total;
        }

        private static BsonValue intOrLong(long n) {
            return n == (int) n ? new BsonInt32((int) n) : new BsonInt64(n);
        }

        private BsonValue average() {
            if (count == 0) {
                return BsonNull.VALUE;
            }
            BsonValue sum = sum();
            return switch (sum.getBsonType()) {
                case INT32, INT64 -> new BsonDouble(sum.asNumber().doubleValue() / count);
                case DOUBLE -> Double.isFinite(sum.asDouble().getValue()) ? new BsonDouble(sum.asDouble().getValue() / count) : sum;
                default -> sum.asDecimal128().getValue().isFinite()
                        ? new BsonDecimal128(new Decimal128(NumericSum.exact(sum.asDecimal128().getValue())
                                .divide(BigDecimal.valueOf(count), MathContext.DECIMAL128)))
                        : sum;
            };
        }
    }
}
