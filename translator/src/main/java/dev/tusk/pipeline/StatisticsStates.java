package dev.tusk.pipeline;

import org.bson.BsonArray;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/** $stdDevPop, $stdDevSamp ($group and windows) and $covariancePop, $covarianceSamp (windows only). */
final class StatisticsStates {
    private StatisticsStates() {}

    static boolean finite(BsonValue n) {
        return n.isDecimal128() ? n.asDecimal128().getValue().isFinite() : Double.isFinite(n.asNumber().doubleValue());
    }

    static double toDouble(BsonValue v) {
        return v.isDecimal128() ? v.asDecimal128().getValue().doubleValue() : v.asNumber().doubleValue();
    }

    /** $group's standard deviation: Welford's online algorithm over the numeric values, a double. */
    static final class StdDev implements AccumulatorState.Mergeable {
        private final boolean sample;
        private long count;
        private double mean;
        private double m2;

        StdDev(boolean sample) {
            this.sample = sample;
        }

        @Override
        public void add(BsonValue v) {
            if (!SumStates.isNumber(v)) {
                return;
            }
            double x = toDouble(v);
            count++;
            double delta = x - mean;
            mean += delta / count;
            m2 += delta * (x - mean);
        }

        @Override
        public BsonValue result() {
            long divisor = sample ? count - 1 : count;
            return divisor <= 0 ? BsonNull.VALUE : new BsonDouble(Math.sqrt(m2 / divisor));
        }

        @Override
        public BsonValue partial() {
            return new BsonDocument("count", new BsonInt64(count)).append("mean", new BsonDouble(mean)).append("m2", new BsonDouble(m2));
        }

        /** Chan et al.'s pairwise combination of two (count, mean, M2) summaries. */
        @Override
        public void merge(BsonValue partial) {
            BsonDocument p = partial.asDocument();
            long otherCount = p.getInt64("count").getValue();
            if (otherCount == 0) {
                return;
            }
            double otherMean = p.getDouble("mean").getValue();
            long total = count + otherCount;
            double delta = otherMean - mean;
            m2 += p.getDouble("m2").getValue() + delta * delta * ((double) count * otherCount / total);
            mean += delta * otherCount / total;
            count = total;
        }
    }

    /**
     * A window's standard deviation, as MongoDB's removable one: running sums of x and of the
     * squared differences, any NaN or infinity in the window makes NaN, and a population of one
     * (or a rounding-negative sum of squares) is the int 0.
     */
    static final class WindowStdDev implements AccumulatorState.Signed {
        private final boolean sample;
        private NumericSum sum = new NumericSum();
        private NumericSum m2 = new NumericSum();
        private long count;
        private long nonFinite;

        WindowStdDev(boolean sample) {
            this.sample = sample;
        }

        @Override
        public void update(BsonValue v, int quantity) {
            if (!SumStates.isNumber(v)) {
                return;
            }
            double x = toDouble(v);
            if (!finite(v)) {
                nonFinite += quantity;
                count += quantity;
                return;
            }
            if (count == 0) {
                count++;
                sum.add(new BsonDouble(x));
                return;
            }
            if (count + quantity == 0) {
                sum = new NumericSum();
                m2 = new NumericSum();
                count = 0;
                nonFinite = 0;
                return;
            }
            double scaled = count * x - toDouble(sum.result());
            count += quantity;
            sum.add(new BsonDouble(x * quantity));
            m2.add(new BsonDouble(scaled * scaled * quantity / (count * (double) (count - quantity))));
        }

        @Override
        public BsonValue result() {
            if (nonFinite > 0) {
                return new BsonDouble(Double.NaN);
            }
            long divisor = sample ? count - 1 : count;
            if (divisor <= 0) {
                return BsonNull.VALUE;
            }
            double squares = toDouble(m2.result());
            if (squares < 0 || (!sample && count == 1)) {
                return new BsonInt32(0);
            }
            return new BsonDouble(Math.sqrt(squares / divisor));
        }
    }

    /**
     * $covariancePop/$covarianceSamp over [x, y] pairs (anything else is ignored), by the online
     * co-moment algorithm with running means; NaN and infinities go straight into the co-moment.
     */
    static final class Covariance implements AccumulatorState.Removable {
        private final boolean sample;
        private SumStates.WindowSum meanX = new SumStates.WindowSum(true);
        private SumStates.WindowSum meanY = new SumStates.WindowSum(true);
        private SumStates.WindowSum comoment = new SumStates.WindowSum(false);
        private long count;

        Covariance(boolean sample) {
            this.sample = sample;
        }

        private static boolean pair(BsonValue v) {
            return v != null && v.isArray() && v.asArray().size() == 2 && SumStates.isNumber(v.asArray().get(0))
                    && SumStates.isNumber(v.asArray().get(1));
        }

        /** The NaN or infinity a pair with a non-finite member adds to the co-moment. */
        private static BsonValue nonFinite(BsonArray pair) {
            boolean decimal = false;
            boolean nan = false;
            int positive = 0;
            int negative = 0;
            for (BsonValue n : pair) {
                decimal |= n.isDecimal128();
                double d = toDouble(n);
                nan |= Double.isNaN(d);
                positive += d == Double.POSITIVE_INFINITY ? 1 : 0;
                negative += d == Double.NEGATIVE_INFINITY ? 1 : 0;
            }
            if (nan || positive * negative > 0) {
                return decimal ? new BsonDecimal128(Decimal128.NaN) : new BsonDouble(Double.NaN);
            }
            if (decimal) {
                return new BsonDecimal128(positive > 0 ? Decimal128.POSITIVE_INFINITY : Decimal128.NEGATIVE_INFINITY);
            }
            return new BsonDouble(positive > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
        }

        @Override
        public void add(BsonValue v) {
            if (!pair(v)) {
                return;
            }
            BsonArray xy = v.asArray();
            if (!finite(xy.get(0)) || !finite(xy.get(1))) {
                comoment.add(nonFinite(xy));
                return;
            }
            count++;
            BsonValue dx = ValueOperators.subtract(xy.get(0), meanX.result());
            meanX.add(xy.get(0));
            meanY.add(xy.get(1));
            BsonValue dy = ValueOperators.subtract(xy.get(1), meanY.result());
            comoment.add(ValueOperators.multiply(dx, dy));
        }

        @Override
        public void remove(BsonValue v) {
            if (!pair(v)) {
                return;
            }
            BsonArray xy = v.asArray();
            if (!finite(xy.get(0)) || !finite(xy.get(1))) {
                comoment.remove(nonFinite(xy));
                return;
            }
            if (--count == 0) {
                meanX = new SumStates.WindowSum(true);
                meanY = new SumStates.WindowSum(true);
                comoment = new SumStates.WindowSum(false);
                return;
            }
            meanX.remove(xy.get(0));
            BsonValue dx = ValueOperators.subtract(xy.get(0), meanX.result());
            BsonValue dy = ValueOperators.subtract(xy.get(1), meanY.result());
            comoment.remove(ValueOperators.multiply(dx, dy));
            meanY.remove(xy.get(1));
        }

        @Override
        public BsonValue result() {
            if (count == 1 && !sample) {
                return new BsonDouble(0.0);
            }
            long divisor = sample ? count - 1 : count;
            if (divisor <= 0) {
                return BsonNull.VALUE;
            }
            BsonValue c = comoment.result();
            if (c.isDecimal128()) {
                return ValueOperators.divide(c, new BsonDouble(divisor));
            }
            return new BsonDouble(toDouble(c) / divisor);
        }
    }
}
