package dev.tusk.pipeline;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.QuantileArgs;
import dev.tusk.query.SortSpec;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The object arguments of the accumulators that take more than one expression, parsed with
 * MongoDB's errors: {n, input} ($firstN $lastN $maxN $minN), {n, sortBy, output} ($top $bottom
 * $topN $bottomN) and {input, p, method} ($percentile $median, shared with their expressions).
 */
final class AccumulatorArgs {
    private AccumulatorArgs() {}

    static Accumulator nInput(String op, BsonValue arg, ParseContext cx, ErrorCode notObject, Accumulator.States states) {
        if (!arg.isDocument()) {
            throw notObject.error("specification must be an object; found " + BsonText.element(op, arg));
        }
        Expr n = null;
        Expr input = null;
        for (Map.Entry<String, BsonValue> e : arg.asDocument().entrySet()) {
            switch (e.getKey()) {
                case "n" -> n = ExprParser.parse(e.getValue(), cx);
                case "input" -> input = ExprParser.parse(e.getValue(), cx);
                default -> throw ErrorCode.LOCATION_5787901.error("Unknown argument for 'n' operator: " + e.getKey());
            }
        }
        if (n == null) {
            throw ErrorCode.LOCATION_5787906.error("Missing value for 'n'");
        }
        if (input == null) {
            throw ErrorCode.LOCATION_5787907.error("Missing value for 'input'");
        }
        return new Accumulator(op, input, Optional.of(n), states);
    }

    /** A positive integral n (any numeric type holding a whole number). */
    static long validateN(BsonValue v) {
        if (!SumStates.isNumber(v)) {
            throw ErrorCode.LOCATION_5787902.error("Value for 'n' must be of integral type, but found "
                    + (v == null ? "MISSING" : BsonText.value(v)));
        }
        double d = StatisticsStates.toDouble(v);
        long n = v.isInt32() || v.isInt64() ? v.asNumber().longValue() : (long) d;
        if ((double) n != d) {
            throw ErrorCode.LOCATION_5787903.error("Value for 'n' must be of integral type, but found " + BsonText.value(v));
        }
        if (n <= 0) {
            throw ErrorCode.LOCATION_5787908.error("'n' must be greater than 0, found " + n);
        }
        return n;
    }

    /** $top/$bottom (single: no n, one value) and $topN/$bottomN. */
    static Accumulator topBottom(String op, BsonValue arg, ParseContext cx, boolean bottom, boolean single) {
        if (!arg.isDocument()) {
            throw ErrorCode.LOCATION_5788001.error("specification must be an object; found " + BsonText.element(op, arg));
        }
        Expr n = single ? new Expr.Constant(new BsonInt32(1)) : null;
        BsonValue output = null;
        BsonDocument sortBy = null;
        for (Map.Entry<String, BsonValue> e : arg.asDocument().entrySet()) {
            if (!single && e.getKey().equals("n")) {
                n = ExprParser.parse(e.getValue(), cx);
            } else if (e.getKey().equals("output")) {
                output = e.getValue();
            } else if (e.getKey().equals("sortBy")) {
                if (!e.getValue().isDocument()) {
                    throw ErrorCode.LOCATION_10065.error("invalid parameter: expected an object (sortBy)");
                }
                sortBy = e.getValue().asDocument();
            } else {
                throw ErrorCode.LOCATION_5788002.error("Unknown argument to %s '%s'", op, e.getKey());
            }
        }
        if (n == null) {
            throw ErrorCode.LOCATION_5788003.error("Missing value for 'n'");
        }
        if (output == null) {
            throw ErrorCode.LOCATION_5788004.error("Missing value for 'output'");
        }
        if (sortBy == null) {
            throw ErrorCode.LOCATION_5788005.error("Missing value for 'sortBy'");
        }
        Comparator<BsonDocument> order = sortOrder(sortBy);
        // The argument is {output: <output>, sortFields0: "$<first key>", ...}, as MongoDB evaluates it.
        BsonDocument argument = new BsonDocument("output", output);
        BsonDocument keys = new BsonDocument();
        int i = 0;
        for (Map.Entry<String, BsonValue> e : sortBy.entrySet()) {
            argument.append("sortFields" + i, new BsonString("$" + e.getKey()));
            keys.append("sortFields" + i++, e.getValue());
        }
        Comparator<BsonDocument> byKeys = SortSpec.parse(keys).comparator();
        return new Accumulator(op, ExprParser.parse(argument, cx), Optional.of(n),
                (count, removable) -> new TopBottomStates.TopBottomN(count, bottom, single, removable, byKeys));
    }

    /** A non-empty sort specification, checked as $sort checks it. */
    static Comparator<BsonDocument> sortOrder(BsonDocument sortBy) {
        if (sortBy.isEmpty()) {
            throw ErrorCode.LOCATION_15976.error("$sort stage must have at least one sort key");
        }
        return SortSpec.parse(sortBy).comparator();
    }

    /** {input, p, method} of $percentile, {input, method} of $median. */
    static Accumulator percentile(String op, BsonValue arg, ParseContext cx, boolean median) {
        QuantileArgs q = QuantileArgs.parse(op, arg, cx, median, median ? ErrorCode.LOCATION_7436100 : ErrorCode.LOCATION_7429703);
        return new Accumulator(op, q.input(), Optional.empty(),
                (count, removable) -> new PercentileStates.Percentile(q.ps(), median, removable));
    }

    /** A value as MongoDB's Value prints it in messages (doubles as C++ streams do). */
    static String valueText(BsonValue v) {
        return v.isDouble() ? BsonText.shortDouble(v.asDouble().getValue()) : BsonText.value(v);
    }
}
