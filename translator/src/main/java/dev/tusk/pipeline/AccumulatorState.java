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
     * A $group state that a spilling $group writes to disk and reads back: MongoDB's partial
     * ("to be merged") value and its merging mode.
     */
    interface Mergeable extends AccumulatorState {
        /** What the state holds, as one value that {@link #merge} folds into another state of the same accumulator. */
        BsonValue partial();

        /** Folds in a partial of the same accumulator made from input that came after everything this state saw. */
        void merge(BsonValue partial);
    }

    /** A mergeable state whose result is its partial, merged by adding it as one more value ($first, $last, $min, $max, $mergeObjects). */
    interface MergedAsValue extends Mergeable {
        @Override
        default BsonValue partial() {
            return result();
        }

        @Override
        default void merge(BsonValue partial) {
            add(partial);
        }
    }

    /** A mergeable state whose partial is an array of the values it kept, merged by adding them in turn. */
    interface MergedAsValues extends Mergeable {
        @Override
        default void merge(BsonValue partial) {
            partial.asArray().forEach(this::add);
        }
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
