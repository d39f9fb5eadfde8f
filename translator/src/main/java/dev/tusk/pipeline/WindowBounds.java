package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprParser;
import java.util.Optional;
import java.util.function.Function;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * The window of a window function: documents [lower, upper] by position around the current
 * document, or range [lower, upper] of values of the single sortBy field around the current
 * document's (with a unit: dates). Bounds are "unbounded", "current" (the current document's
 * position, in both kinds) or a constant offset. Default: all documents of the partition.
 */
sealed interface WindowBounds {
    enum Kind { UNBOUNDED, CURRENT, OFFSET }

    record Bound(Kind kind, BsonValue offset) {
        static final Bound UNBOUNDED = new Bound(Kind.UNBOUNDED, null);
        static final Bound CURRENT = new Bound(Kind.CURRENT, null);

        static Bound offset(int n) {
            return new Bound(Kind.OFFSET, new BsonInt32(n));
        }
    }

    record Documents(Bound lower, Bound upper) implements WindowBounds {
        public Tracker tracker(WindowPartition partition) {
            int n = partition.size();
            return i -> {
                int lo = lower.kind() == Kind.UNBOUNDED ? 0 : i + offset(lower);
                int hi = upper.kind() == Kind.UNBOUNDED ? n - 1 : i + offset(upper);
                if (lo > n - 1 || hi < 0) {
                    return null;
                }
                return new int[] {Math.max(lo, 0), Math.min(hi, n - 1)};
            };
        }

        private static int offset(Bound b) {
            return b.kind() == Kind.CURRENT ? 0 : b.offset().asInt32().getValue();
        }
    }

    /** unit: a time unit when the sortBy values are dates; sortField: the sortBy field. */
    record Range(Bound lower, Bound upper, Optional<String> unit, Expr sortField) implements WindowBounds {
        public Tracker tracker(WindowPartition partition) {
            return new RangeTracker(this, partition.values(sortField));
        }
    }

    Documents ALL = new Documents(Bound.UNBOUNDED, Bound.UNBOUNDED);
    Documents UP_TO_CURRENT = new Documents(Bound.UNBOUNDED, Bound.CURRENT);

    /** Follows the window through one partition. */
    @FunctionalInterface
    interface Tracker {
        /** [first, last] index of the window of document i (asked for i = 0, 1, ...), or null when empty. */
        int[] at(int i);
    }

    Tracker tracker(WindowPartition partition);

    /** A window that starts at the partition's first document and so only grows. */
    default boolean leftUnbounded() {
        return this instanceof Documents d && d.lower().kind() == Kind.UNBOUNDED;
    }

    static WindowBounds parse(BsonValue window, WindowContext cx) {
        if (!window.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("'window' field must be an object");
        }
        BsonDocument d = window.asDocument();
        BsonValue documents = d.get("documents");
        BsonValue range = d.get("range");
        BsonValue unit = d.get("unit");
        if (documents != null && range != null) {
            throw ErrorCode.FAILED_TO_PARSE.error("Window bounds can specify either 'documents' or 'unit', not both.");
        }
        if (range == null && unit != null) {
            throw ErrorCode.FAILED_TO_PARSE.error("Window bounds can only specify 'unit' with range-based bounds.");
        }
        if (documents == null && range == null) {
            if (!d.isEmpty()) {
                throw ErrorCode.FAILED_TO_PARSE.error(
                        "'window' field can only contain 'documents' as the only argument or 'range' with an optional 'unit' field");
            }
            return ALL;
        }
        return documents != null ? documents(d, documents, cx) : range(d, range, unit, cx);
    }

    private static WindowBounds documents(BsonDocument window, BsonValue documents, WindowContext cx) {
        if (window.size() != 1) {
            throw ErrorCode.FAILED_TO_PARSE.error("'window' field that specifies documents cannot have other fields");
        }
        Bound[] bounds = pair("documents", documents, cx, v -> {
            if (!integral(v)) {
                throw ErrorCode.FAILED_TO_PARSE.error("Numeric document-based bounds must be an integer");
            }
            return new BsonInt32((int) StatisticsStates.toDouble(v));
        });
        Documents result = new Documents(bounds[0], bounds[1]);
        if (!result.equals(ALL) && cx.sortBy().isEmpty()) {
            throw ErrorCode.LOCATION_5339901.error("Document-based bounds require a sortBy");
        }
        return result;
    }

    private static WindowBounds range(BsonDocument window, BsonValue range, BsonValue unit, WindowContext cx) {
        Bound[] bounds;
        Optional<String> timeUnit = Optional.empty();
        if (unit != null) {
            if (window.size() != 2) {
                throw ErrorCode.FAILED_TO_PARSE.error("'window' field that specifies unit cannot have other fields besides 'range'");
            }
            if (!unit.isString()) {
                throw ErrorCode.FAILED_TO_PARSE.error("'unit' must be a string");
            }
            bounds = pair("range", range, cx, v -> {
                if (!integral(v)) {
                    throw ErrorCode.FAILED_TO_PARSE.error("With 'unit', range-based bounds must be an integer");
                }
                return v;
            });
            timeUnit = Optional.of(TimeUnits.parse(unit.asString().getValue()));
        } else {
            if (window.size() != 1) {
                throw ErrorCode.FAILED_TO_PARSE.error("'window' field that specifies range cannot have other fields besides 'unit'");
            }
            bounds = pair("range", range, cx, v -> {
                if (!SumStates.isNumber(v)) {
                    throw ErrorCode.FAILED_TO_PARSE.error("Range-based bounds expression must be a number");
                }
                return v;
            });
        }
        if (!cx.singleSortKey()) {
            throw ErrorCode.LOCATION_5339902.error("Range-based bounds require sortBy a single field");
        }
        if (!cx.sortAscending()) {
            throw ErrorCode.LOCATION_8947401.error("Range-based bounds require an ascending sortBy");
        }
        return new Range(bounds[0], bounds[1], timeUnit, cx.sortField());
    }

    /** [lower, upper], each "unbounded", "current" or a constant number, with lower <= upper ("current" = 0). */
    private static Bound[] pair(String name, BsonValue v, WindowContext cx, Function<BsonValue, BsonValue> number) {
        if (!v.isArray() || v.asArray().size() != 2) {
            throw ErrorCode.FAILED_TO_PARSE.error("Window bounds must be a 2-element array: " + BsonText.element(name, v));
        }
        Bound lower = bound(v.asArray().get(0), cx, number);
        Bound upper = bound(v.asArray().get(1), cx, number);
        BsonValue lo = lower.kind() == Kind.CURRENT ? new BsonInt32(0) : lower.offset();
        BsonValue hi = upper.kind() == Kind.CURRENT ? new BsonInt32(0) : upper.offset();
        if (lo != null && hi != null && BsonOrder.compare(lo, hi) > 0) {
            throw ErrorCode.LOCATION_5339900.error("Lower bound must not exceed upper bound: [%s, %s]",
                    AccumulatorArgs.valueText(lo), AccumulatorArgs.valueText(hi));
        }
        return new Bound[] {lower, upper};
    }

    private static Bound bound(BsonValue v, WindowContext cx, Function<BsonValue, BsonValue> number) {
        if (v.isString()) {
            return switch (v.asString().getValue()) {
                case "unbounded" -> Bound.UNBOUNDED;
                case "current" -> Bound.CURRENT;
                default -> throw ErrorCode.FAILED_TO_PARSE.error("Window bounds must be 'unbounded', 'current', or a number.");
            };
        }
        if (ExprParser.readsDocument(v)) {
            throw ErrorCode.FAILED_TO_PARSE.error("Window bounds expression must be a constant.");
        }
        BsonValue value = ExprParser.parse(v, cx.parse()).evaluate(EvalContext.of(new BsonDocument(), cx.parse().variables()));
        if (value == null) {
            throw ErrorCode.FAILED_TO_PARSE.error("Window bounds expression must be a constant.");
        }
        return new Bound(Kind.OFFSET, number.apply(value));
    }

    /** A whole number that fits an int (MongoDB's Value::integral). */
    static boolean integral(BsonValue v) {
        if (!SumStates.isNumber(v) || !StatisticsStates.finite(v)) {
            return false;
        }
        double d = StatisticsStates.toDouble(v);
        return d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE;
    }
}
