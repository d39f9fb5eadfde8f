package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import org.bson.BsonArray;
import org.bson.BsonNull;
import org.bson.BsonType;
import org.bson.BsonValue;

/** $min, $max, $minN and $maxN: null, undefined and missing values are ignored. */
final class OrderStates {
    private OrderStates() {}

    static boolean nullish(BsonValue v) {
        return v == null || v.isNull() || v.getBsonType() == BsonType.UNDEFINED;
    }

    /** $group's $min/$max: only the best value so far. */
    static final class MinMax implements AccumulatorState.MergedAsValue {
        private final int sign;
        private BsonValue best;

        MinMax(boolean max) {
            this.sign = max ? 1 : -1;
        }

        @Override
        public void add(BsonValue v) {
            if (!nullish(v) && (best == null || sign * BsonOrder.compare(v, best) > 0)) {
                best = v;
            }
        }

        @Override
        public BsonValue result() {
            return best == null ? BsonNull.VALUE : best;
        }

    }

    /**
     * $minN/$maxN (n values: the smallest ascending, the largest descending), and a window's
     * $min/$max (single: n = 1, the value itself or null). In $group it keeps only n values; over
     * a window it keeps them all so the best can leave the window.
     */
    static final class Extremes implements AccumulatorState.Removable, AccumulatorState.MergedAsValues {
        private final long n;
        private final boolean max;
        private final boolean window;
        private final boolean single;
        private final ValueMultiset values = new ValueMultiset();

        Extremes(long n, boolean max, boolean window, boolean single) {
            this.n = n;
            this.max = max;
            this.window = window;
            this.single = single;
        }

        @Override
        public void add(BsonValue v) {
            if (nullish(v)) {
                return;
            }
            values.add(v);
            if (!window && values.size() > n) {
                values.remove(max ? values.first() : values.last());
            }
        }

        @Override
        public void remove(BsonValue v) {
            if (!nullish(v)) {
                values.remove(v);
            }
        }

        /** The values kept, ascending (in $group at most n). */
        @Override
        public BsonValue partial() {
            return new BsonArray(values.take(values.size(), false));
        }

        @Override
        public BsonValue result() {
            if (single) {
                return values.isEmpty() ? BsonNull.VALUE : max ? values.last() : values.first();
            }
            return new BsonArray(values.take(n, max));
        }
    }
}
