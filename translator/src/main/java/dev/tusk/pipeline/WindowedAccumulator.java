package dev.tusk.pipeline;

import dev.tusk.expr.Variables;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * An accumulator over a window. As in MongoDB, a window that starts at the partition's first
 * document feeds the $group accumulator (it only grows); any other window feeds the removable
 * state, which takes in the documents entering the window and gives back those leaving it. An
 * empty window gives the state's empty value ($sum 0, $avg null, $push [], ...).
 */
record WindowedAccumulator(Accumulator accumulator, WindowBounds bounds, Variables variables) implements WindowFunction {
    private static final BsonDocument NO_FIELDS = new BsonDocument();

    @Override
    public Cursor open(WindowPartition partition) {
        BsonValue[] values = partition.values(accumulator.argument());
        WindowBounds.Tracker tracker = bounds.tracker(partition);
        boolean removable = !bounds.leftUnbounded();
        return new Cursor() {
            private AccumulatorState state;
            private int first;
            private int last = -1;

            @Override
            public BsonValue valueAt(int i) {
                int[] window = tracker.at(i);
                if (window == null) {
                    state = null;
                    return newState().result();
                }
                if (state == null || window[0] < first || window[1] < last
                        || (window[0] > first && !(state instanceof AccumulatorState.Removable))) {
                    state = newState();
                    first = window[0];
                    last = window[0] - 1;
                }
                while (last < window[1]) {
                    state.add(values[++last]);
                }
                while (first < window[0]) {
                    ((AccumulatorState.Removable) state).remove(values[first++]);
                }
                return state.result();
            }

            private AccumulatorState newState() {
                return accumulator.newState(NO_FIELDS, variables, removable);
            }
        };
    }
}
