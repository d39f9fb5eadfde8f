package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.Expr;
import org.bson.BsonNull;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * $linearFill: a null or missing input between two known points (x1, y1) and (x2, y2) of the
 * partition becomes y1 + (x - x1) * (y2 - y1) / (x2 - x1), x being the single sortBy field
 * (numbers or dates, never repeated); before the first or after the last known point it stays null.
 */
record LinearFillFunction(Expr input, Expr sortField) implements WindowFunction {
    private static final int NONE = Integer.MAX_VALUE;

    @Override
    public Cursor open(WindowPartition partition) {
        BsonValue[] ys = partition.values(input);
        BsonValue[] xs = partition.values(sortField);
        return new Cursor() {
            private BsonValue previousX;
            private int known = -1;
            private int next = -1; // the next known point after a run of nulls; NONE when there is none

            @Override
            public BsonValue valueAt(int i) {
                BsonValue y = ys[i];
                BsonValue x = xs[i];
                if (!SumStates.isNumber(y) && !OrderStates.nullish(y)) {
                    throw ErrorCode.TYPE_MISMATCH.error("Value to be filled must be numeric or nullish, but found " + BsonText.typeName(y));
                }
                if (!SumStates.isNumber(x) && !dateLike(x)) {
                    throw ErrorCode.TYPE_MISMATCH.error("Value of the sortBy field must be numeric or a date, but found "
                            + (x == null ? "missing" : BsonText.typeName(x)));
                }
                if (previousX != null) {
                    if (BsonOrder.compare(x, previousX) == 0) {
                        throw ErrorCode.LOCATION_6050106.error("There can be no repeated values in the sort field");
                    }
                    if (dateLike(x) != dateLike(previousX)) {
                        throw ErrorCode.TYPE_MISMATCH.error("Conflicting sort value types, previously received type %s, but found %s",
                                BsonText.typeName(previousX), BsonText.typeName(x));
                    }
                }
                previousX = x;
                if (!OrderStates.nullish(y)) {
                    known = i;
                    return y;
                }
                if (known < 0) {
                    return BsonNull.VALUE;
                }
                if (next <= i) {
                    next = nextKnown(i);
                }
                if (next == NONE) {
                    return BsonNull.VALUE;
                }
                BsonValue slope = ValueOperators.divide(ValueOperators.subtract(ys[next], ys[known]),
                        ValueOperators.subtract(xs[next], xs[known]));
                return ValueOperators.add(ys[known], ValueOperators.multiply(ValueOperators.subtract(x, xs[known]), slope));
            }

            private int nextKnown(int i) {
                for (int j = i + 1; j < ys.length; j++) {
                    if (!OrderStates.nullish(ys[j]) && !OrderStates.nullish(xs[j])) {
                        return j;
                    }
                }
                return NONE;
            }
        };
    }

    private static boolean dateLike(BsonValue v) {
        return v != null && (v.getBsonType() == BsonType.DATE_TIME || v.getBsonType() == BsonType.TIMESTAMP
                || v.getBsonType() == BsonType.OBJECT_ID);
    }
}
