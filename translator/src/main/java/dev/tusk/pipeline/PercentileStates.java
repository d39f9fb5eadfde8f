package dev.tusk.pipeline;

import dev.tusk.expr.QuantileArgs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDouble;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** $percentile and $median over the numeric values (as doubles; NaN is ignored), computed as {@link QuantileArgs#percentile}. */
final class PercentileStates {
    private PercentileStates() {}

    static final class Percentile implements AccumulatorState.Removable, AccumulatorState.MergedAsValues {
        private final double[] ps;
        private final boolean median;
        private final boolean removable;
        private double[] sorted = new double[16];
        private int size;
        private boolean ordered = true;

        /**
         * median: a single value (null when empty) instead of an array of one per p. A removable
         * state (a sliding window) keeps its values sorted as they come; a $group's state sorts them
         * once, when asked for the result (inserting in order would cost a shift per value).
         */
        Percentile(double[] ps, boolean median, boolean removable) {
            this.ps = ps.clone();
            this.median = median;
            this.removable = removable;
        }

        private static Double number(BsonValue v) {
            if (!SumStates.isNumber(v)) {
                return null;
            }
            double d = StatisticsStates.toDouble(v);
            return Double.isNaN(d) ? null : d;
        }

        @Override
        public void add(BsonValue v) {
            Double d = number(v);
            if (d == null) {
                return;
            }
            if (size == sorted.length) {
                sorted = Arrays.copyOf(sorted, size * 2);
            }
            if (!removable) {
                sorted[size++] = d;
                ordered = false;
                return;
            }
            int at = Arrays.binarySearch(sorted, 0, size, d);
            at = at < 0 ? -at - 1 : at;
            System.arraycopy(sorted, at, sorted, at + 1, size - at);
            sorted[at] = d;
            size++;
        }

        @Override
        public long bytes() {
            return (long) size * Double.BYTES;
        }

        @Override
        public void remove(BsonValue v) {
            Double d = number(v);
            if (d == null) {
                return;
            }
            int at = Arrays.binarySearch(sorted, 0, size, d);
            if (at >= 0) {
                System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
                size--;
            }
        }

        /** The numeric values seen. */
        @Override
        public BsonValue partial() {
            List<BsonValue> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(new BsonDouble(sorted[i]));
            }
            return new BsonArray(values);
        }

        private BsonValue at(double p) {
            if (size == 0) {
                return BsonNull.VALUE;
            }
            if (!ordered) {
                Arrays.sort(sorted, 0, size);
                ordered = true;
            }
            return new BsonDouble(QuantileArgs.percentile(sorted, size, p));
        }

        @Override
        public BsonValue result() {
            if (median) {
                return at(0.5);
            }
            List<BsonValue> out = new ArrayList<>(ps.length);
            for (double p : ps) {
                out.add(at(p));
            }
            return new BsonArray(out);
        }
    }
}
