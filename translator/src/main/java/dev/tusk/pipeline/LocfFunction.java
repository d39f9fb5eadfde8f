package dev.tusk.pipeline;

import dev.tusk.expr.Expr;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** $locf: the last non-null value of the input so far in the partition (null before the first). */
record LocfFunction(Expr input) implements WindowFunction {
    @Override
    public Cursor open(WindowPartition partition) {
        BsonValue[] values = partition.values(input);
        return new Cursor() {
            private BsonValue last = BsonNull.VALUE;

            @Override
            public BsonValue valueAt(int i) {
                if (!OrderStates.nullish(values[i])) {
                    last = values[i];
                }
                return last;
            }
        };
    }
}
