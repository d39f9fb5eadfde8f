package dev.tusk.pipeline;

import dev.tusk.expr.Expr;
import org.bson.BsonValue;

/**
 * $first and $last over a window, and $shift (the window [by, by]): the input evaluated on the
 * window's first or last document (missing stays missing), or the default when the window is empty.
 */
record EndpointFunction(Expr input, WindowBounds bounds, boolean last, BsonValue whenEmpty) implements WindowFunction {
    @Override
    public Cursor open(WindowPartition partition) {
        BsonValue[] values = partition.values(input);
        WindowBounds.Tracker tracker = bounds.tracker(partition);
        return i -> {
            int[] window = tracker.at(i);
            return window == null ? whenEmpty : values[last ? window[1] : window[0]];
        };
    }
}
