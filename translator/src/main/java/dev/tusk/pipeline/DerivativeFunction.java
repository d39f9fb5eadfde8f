package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.expr.Expr;
import java.util.Optional;
import org.bson.BsonInt64;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * $derivative: (input at the window's last document - input at its first) / (sortBy value at the
 * last - at the first); with a unit the sortBy values are dates and the rate is per unit. A window
 * whose two ends have the same sortBy value (one document) gives null.
 */
record DerivativeFunction(Expr input, Expr sortField, WindowBounds bounds, Optional<Long> unitMillis) implements WindowFunction {
    @Override
    public Cursor open(WindowPartition partition) {
        BsonValue[] positions = partition.values(input);
        BsonValue[] times = partition.values(sortField);
        WindowBounds.Tracker tracker = bounds.tracker(partition);
        return i -> {
            int[] window = tracker.at(i);
            return window == null ? org.bson.BsonNull.VALUE
                    : rate(times[window[0]], times[window[1]], positions[window[0]], positions[window[1]]);
        };
    }

    private BsonValue rate(BsonValue leftTime, BsonValue rightTime, BsonValue leftPosition, BsonValue rightPosition) {
        if (unitMillis.isPresent()) {
            if (!isDate(leftTime) || !isDate(rightTime)) {
                throw ErrorCode.LOCATION_5624900.error("$derivative with 'unit' expects the sortBy field to be a Date");
            }
        } else {
            if (isDate(leftTime) || isDate(rightTime)) {
                throw ErrorCode.LOCATION_5624901.error("$derivative where the sortBy is a Date requires an 'unit'");
            }
            if (!SumStates.isNumber(leftTime) || !SumStates.isNumber(rightTime)) {
                throw ErrorCode.LOCATION_5624902.error("$derivative (with no 'unit') expects the sortBy field to be numeric");
            }
        }
        BsonValue run = ValueOperators.subtract(rightTime, leftTime);
        BsonValue rise = ValueOperators.subtract(rightPosition, leftPosition);
        if (OrderStates.nullish(rise)) {
            throw ErrorCode.LOCATION_5624903.error("$derivative input must not be null or missing");
        }
        BsonValue result;
        try {
            result = ValueOperators.divide(rise, run);
        } catch (MongoServerException e) {
            if (e.code() == ErrorCode.BAD_VALUE) {
                return org.bson.BsonNull.VALUE; // a run of zero: one document, or equal sortBy values
            }
            throw e;
        }
        return unitMillis.isPresent() ? ValueOperators.multiply(result, new BsonInt64(unitMillis.get())) : result;
    }

    private static boolean isDate(BsonValue v) {
        return v != null && v.getBsonType() == BsonType.DATE_TIME;
    }
}
