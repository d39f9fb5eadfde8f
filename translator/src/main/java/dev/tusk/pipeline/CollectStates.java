package dev.tusk.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** $push, $addToSet and $mergeObjects: missing values are skipped. */
final class CollectStates {
    private CollectStates() {}

    static final class Push implements AccumulatorState.Removable, AccumulatorState.MergedAsValues {
        private final ArrayDeque<BsonValue> values = new ArrayDeque<>();
        private long bytes;

        @Override
        public void add(BsonValue v) {
            if (v != null) {
                values.addLast(v);
                bytes += MemoryLimit.sizeOf(v);
            }
        }

        @Override
        public void remove(BsonValue v) {
            if (v != null) {
                BsonValue oldest = values.pollFirst();
                bytes -= oldest == null ? 0 : MemoryLimit.sizeOf(oldest);
            }
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public BsonValue result() {
            return new BsonArray(new ArrayList<>(values));
        }

        @Override
        public BsonValue partial() {
            return result();
        }
    }

    /** Distinct values in BSON order (MongoDB leaves the order unspecified). */
    static final class AddToSet implements AccumulatorState.Removable, AccumulatorState.MergedAsValues {
        private final ValueMultiset values = new ValueMultiset();
        private long bytes;

        @Override
        public void add(BsonValue v) {
            if (v != null && values.add(v)) {
                bytes += MemoryLimit.sizeOf(v);
            }
        }

        @Override
        public void remove(BsonValue v) {
            if (v != null && values.remove(v)) {
                bytes -= MemoryLimit.sizeOf(v);
            }
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public BsonValue result() {
            return new BsonArray(values.distinct());
        }

        @Override
        public BsonValue partial() {
            return result();
        }
    }

    /** Fields of each document in turn; a later value wins but keeps the field's first position. */
    static final class MergeObjects implements AccumulatorState.MergedAsValue {
        private BsonValue merged = new BsonDocument();

        @Override
        public void add(BsonValue v) {
            merged = ValueOperators.mergeObjects(merged, v);
        }

        @Override
        public BsonValue result() {
            return merged;
        }

    }
}
