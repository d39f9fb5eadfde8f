package dev.tusk.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** $first, $last, $firstN and $lastN: values by position; missing counts as null. */
final class PositionStates {
    private PositionStates() {}

    static BsonValue orNull(BsonValue v) {
        return v == null ? BsonNull.VALUE : v;
    }

    static final class First implements AccumulatorState.MergedAsValue {
        private BsonValue value;

        @Override
        public void add(BsonValue v) {
            if (value == null) {
                value = orNull(v);
            }
        }


        @Override
        public BsonValue result() {
            return orNull(value);
        }
    }

    static final class Last implements AccumulatorState.MergedAsValue {
        private BsonValue value = BsonNull.VALUE;

        @Override
        public void add(BsonValue v) {
            value = orNull(v);
        }


        @Override
        public BsonValue result() {
            return value;
        }
    }

    /**
     * $firstN/$lastN: in $group only n values are kept ($firstN ignores the rest, $lastN drops the
     * oldest); over a window every value is kept so the oldest can leave.
     */
    static final class FirstLastN implements AccumulatorState.Removable, AccumulatorState.MergedAsValues {
        private final long n;
        private final boolean last;
        private final boolean window;
        private final ArrayDeque<BsonValue> values = new ArrayDeque<>();

        FirstLastN(long n, boolean last, boolean window) {
            this.n = n;
            this.last = last;
            this.window = window;
        }

        @Override
        public void add(BsonValue v) {
            if (!window && values.size() >= n) {
                if (!last) {
                    return;
                }
                values.pollFirst();
            }
            values.addLast(orNull(v));
        }

        @Override
        public void remove(BsonValue v) {
            values.pollFirst();
        }

        /** The values kept, in input order. */
        @Override
        public BsonValue partial() {
            return new BsonArray(new ArrayList<>(values));
        }

        @Override
        public BsonValue result() {
            List<BsonValue> all = new ArrayList<>(values);
            int take = (int) Math.min(n, all.size());
            return new BsonArray(last ? all.subList(all.size() - take, all.size()) : all.subList(0, take));
        }
    }
}
