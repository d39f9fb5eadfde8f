package dev.tusk.pipeline;

import org.bson.BsonValue;

/**
 * The running state of one accumulator: for one $group group, or for one window of
 * $setWindowFields. Values are the argument evaluated per document, Java {@code null} for missing
 * (as in the expression engine).
 */
interface AccumulatorState {
    void add(BsonValue value);

    /** The accumulated value; also defined before anything was added (the empty-window value). */
    BsonValue result();

    /** About how many bytes the state holds, for the 100 MiB limit of blocking stages: 0 when it stays small. */
    default long bytes() {
        return 0;
    }

    /**
     * A state that can also take back the oldest value it was given, so a sliding window moves in
     * constant work per document instead of re-adding the whole window.
     */
    interface Removable extends AccumulatorState {
        /** Undoes the oldest {@link #add} of an equal value (windows remove in the order they added). */
        void remove(BsonValue value);
    }

    /** A removable state where taking a value back is adding it with the opposite sign (running sums). */
    interface Signed extends Removable {
        /** quantity: 1 to add the value, -1 to remove it. */
        void update(BsonValue value, int quantity);

        @Override
        default void add(BsonValue value) {
            update(value, 1);
        }

        @Override
        default void remove(BsonValue value) {
            update(value, -1);
        }
    }
}
