package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.Expr;
import java.math.BigDecimal;
import java.math.MathContext;
import org.bson.BsonDecimal128;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * The documents of a range window, as MongoDB finds them in a partition sorted ascending by the
 * sortBy field: the lower end is the first document whose value is not below current + lower, the
 * upper end the last one not above current + upper; "unbounded" stops at the first and last
 * document holding a number (or date, with a unit), "current" is the current document itself.
 * Scans start from the previous window's ends, since both only move forward.
 */
final class RangeTracker implements WindowBounds.Tracker {
    private final WindowBounds.Range range;
    private final BsonValue[] values;
    private final Expr dateAdd;
    private int[] previous;

    RangeTracker(WindowBounds.Range range, BsonValue[] values) {
        this.range = range;
        this.values = values;
        this.dateAdd = range.unit().map(ValueOperators::dateAdd).orElse(null);
    }

    @Override
    public int[] at(int i) {
        BsonValue base = values[i];
        check(base);
        Integer lower = lower(i, base);
        Integer upper = lower == null ? null : upper(i, base, lower);
        previous = upper == null ? null : new int[] {lower, upper};
        return previous;
    }

    private void check(BsonValue base) {
        String type = base == null ? "missing" : BsonText.typeName(base);
        if (range.unit().isPresent()) {
            if (base == null || base.getBsonType() != BsonType.DATE_TIME) {
                throw ErrorCode.LOCATION_5429513.error("Invalid range: Expected the sortBy field to be a Date, but it was " + type);
            }
        } else {
            if (base != null && base.getBsonType() == BsonType.DATE_TIME) {
                throw ErrorCode.LOCATION_5429413.error(
                        "Invalid range: For windows that involve date or time ranges, a unit must be provided.");
            }
            if (!SumStates.isNumber(base)) {
                throw ErrorCode.LOCATION_5429414.error("Invalid range: Expected the sortBy field to be a number, but it was " + type);
            }
        }
    }

    private boolean expectedType(BsonValue v) {
        return range.unit().isPresent() ? v != null && v.getBsonType() == BsonType.DATE_TIME : SumStates.isNumber(v);
    }

    private static boolean less(BsonValue a, BsonValue b) {
        return BsonOrder.compare(a == null ? org.bson.BsonNull.VALUE : a, b) < 0;
    }

    private Integer lower(int i, BsonValue base) {
        WindowBounds.Bound bound = range.lower();
        int start = previous == null ? 0 : previous[0];
        return switch (bound.kind()) {
            case CURRENT -> i;
            case UNBOUNDED -> {
                for (int j = start; j < values.length; j++) {
                    if (expectedType(values[j])) {
                        yield j;
                    }
                }
                yield null;
            }
            case OFFSET -> {
                BsonValue threshold = plus(base, bound.offset());
                for (int j = start; j < values.length; j++) {
                    if (!less(values[j], threshold)) {
                        yield expectedType(values[j]) ? j : null;
                    }
                }
                yield null;
            }
        };
    }

    private Integer upper(int i, BsonValue base, int lower) {
        WindowBounds.Bound bound = range.upper();
        return switch (bound.kind()) {
            case CURRENT -> i;
            case UNBOUNDED -> {
                int start = Math.max(Math.max(i, lower), previous == null ? 0 : previous[1]);
                int j = start;
                while (j < values.length && expectedType(values[j])) {
                    j++;
                }
                yield j - 1;
            }
            case OFFSET -> {
                BsonValue threshold = plus(base, bound.offset());
                int start = Math.max(lower, previous == null ? 0 : previous[1]);
                for (int j = start; j < values.length; j++) {
                    if (less(threshold, values[j])) {
                        yield j == start ? null : j - 1;
                    }
                }
                yield values.length - 1;
            }
        };
    }

    /** base + offset: dates by the unit, numbers as decimals (doubles through 15 digits, as MongoDB). */
    private BsonValue plus(BsonValue base, BsonValue offset) {
        if (dateAdd != null) {
            return ValueOperators.apply(dateAdd, base, offset);
        }
        if (!StatisticsStates.finite(base) || !StatisticsStates.finite(offset)) {
            return ValueOperators.add(base, offset);
        }
        BigDecimal sum = NumericSum.coerceToDecimal(base).add(NumericSum.coerceToDecimal(offset), MathContext.DECIMAL128);
        return new BsonDecimal128(new Decimal128(sum));
    }
}
