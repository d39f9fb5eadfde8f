package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import java.util.ArrayDeque;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * $integral over a window by the trapezoidal rule on [sortBy value, input] points: the sum of
 * (y1 + y2) * (x2 - x1) / 2 over neighbouring points, dates counting in milliseconds (divided by
 * the unit when there is one). NaN anywhere in the window makes NaN.
 */
final class IntegralState implements AccumulatorState.Removable {
    private final Optional<Long> unitMillis;
    private final ArrayDeque<BsonArray> points = new ArrayDeque<>();
    private final SumStates.WindowSum integral = new SumStates.WindowSum(false);
    private int nans;

    IntegralState(Optional<Long> unitMillis) {
        this.unitMillis = unitMillis;
    }

    private BsonArray point(BsonValue v) {
        if (v == null || !v.isArray() || v.asArray().size() != 2 || !SumStates.isNumber(v.asArray().get(1))
                || !(SumStates.isNumber(v.asArray().get(0)) || isDate(v.asArray().get(0)))) {
            throw ErrorCode.LOCATION_5423900.error("The input value of $integral window function must be a vector of 2 value, the first "
                    + "value must be numeric or date type and the second must be numeric.");
        }
        BsonArray xy = v.asArray();
        if (unitMillis.isPresent() && !isDate(xy.get(0))) {
            throw ErrorCode.LOCATION_5423901.error("$integral with 'unit' expects the sortBy field to be a Date");
        }
        if (unitMillis.isEmpty() && !SumStates.isNumber(xy.get(0))) {
            throw ErrorCode.LOCATION_5423902.error("$integral (with no 'unit') expects the sortBy field to be numeric");
        }
        return xy;
    }

    private static boolean isDate(BsonValue v) {
        return v.getBsonType() == BsonType.DATE_TIME;
    }

    private static boolean isNaN(BsonValue v) {
        return SumStates.isNumber(v) && Double.isNaN(StatisticsStates.toDouble(v));
    }

    private static boolean hasNaN(BsonArray xy) {
        return isNaN(xy.get(0)) || isNaN(xy.get(1));
    }

    private static BsonValue trapezoid(BsonArray left, BsonArray right) {
        if (hasNaN(left) || hasNaN(right)) {
            return new BsonInt32(0);
        }
        BsonValue width = ValueOperators.subtract(right.get(0), left.get(0));
        BsonValue heights = ValueOperators.add(right.get(1), left.get(1));
        return ValueOperators.divide(ValueOperators.multiply(heights, width), new BsonDouble(2.0));
    }

    @Override
    public void add(BsonValue v) {
        BsonArray xy = point(v);
        nans += hasNaN(xy) ? 1 : 0;
        if (!points.isEmpty()) {
            integral.add(trapezoid(points.peekLast(), xy));
        }
        points.addLast(xy);
    }

    @Override
    public void remove(BsonValue v) {
        BsonArray xy = point(v);
        nans -= hasNaN(xy) ? 1 : 0;
        points.pollFirst();
        if (!points.isEmpty()) {
            integral.remove(trapezoid(xy, points.peekFirst()));
        }
    }

    @Override
    public BsonValue result() {
        if (points.isEmpty()) {
            return BsonNull.VALUE;
        }
        if (nans > 0) {
            return new BsonDouble(Double.NaN);
        }
        return unitMillis.isPresent() ? ValueOperators.divide(integral.result(), new BsonInt64(unitMillis.get())) : integral.result();
    }
}
