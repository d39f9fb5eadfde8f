package dev.tusk.pipeline;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.ParseContext;
import dev.tusk.query.SortSpec;
import java.util.Comparator;
import java.util.Locale;
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
 * $topN $bottomN) and {input, p, method} ($percentile $median).
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

    /** {input, p, method} of $percentile, {input, method} of $median; 7.0 has only method 'approximate'. */
    static Accumulator percentile(String op, BsonValue arg, ParseContext cx, boolean median) {
        if (!arg.isDocument()) {
            ErrorCode code = median ? ErrorCode.LOCATION_7436100 : ErrorCode.LOCATION_7429703;
            throw code.error("specification must be an object; found " + BsonText.element(op, arg));
        }
        BsonDocument d = arg.asDocument();
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            String f = e.getKey();
            if (f.equals("method")) {
                if (!e.getValue().isString()) {
                    throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s.method' is the wrong type '%s', expected type 'string'",
                            op, BsonText.typeName(e.getValue()));
                }
                if (!e.getValue().asString().getValue().equals("approximate")) {
                    throw ErrorCode.BAD_VALUE.error("Currently only 'approximate' can be used as percentile 'method'.");
                }
            } else if (!f.equals("input") && !(f.equals("p") && !median)) {
                throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field '%s.%s' is an unknown field.", op, f);
            }
        }
        for (String required : median ? new String[] {"input", "method"} : new String[] {"input", "p", "method"}) {
            if (!d.containsKey(required)) {
                throw ErrorCode.LOCATION_40414.error("BSON field '%s.%s' is missing but a required field", op, required);
            }
        }
        double[] ps = median ? new double[] {0.5} : ps(d.get("p"), cx);
        return new Accumulator(op, ExprParser.parse(d.get("input"), cx), Optional.empty(),
                (count, removable) -> new PercentileStates.Percentile(ps, median, removable));
    }

    private static double[] ps(BsonValue p, ParseContext cx) {
        String prefix = "The $percentile 'p' field must be an array of numbers from [0.0, 1.0], but found: ";
        if (readsDocument(p)) {
            throw ErrorCode.LOCATION_7750300.error("The $percentile 'p' field must be an array of constant values, but found value: "
                    + BsonText.value(p) + ".");
        }
        BsonValue values = ExprParser.parse(p, cx).evaluate(EvalContext.of(new BsonDocument(), cx.variables()));
        if (values == null || !values.isArray() || values.asArray().isEmpty()) {
            throw ErrorCode.LOCATION_7750301.error(prefix + (values == null ? "MISSING" : BsonText.value(values)));
        }
        BsonArray array = values.asArray();
        double[] ps = new double[array.size()];
        for (int i = 0; i < ps.length; i++) {
            if (!SumStates.isNumber(array.get(i))) {
                throw ErrorCode.LOCATION_7750302.error(prefix + BsonText.value(array.get(i)));
            }
            ps[i] = StatisticsStates.toDouble(array.get(i));
            if (ps[i] < 0 || ps[i] > 1) {
                throw ErrorCode.LOCATION_7750303.error(prefix + shortDouble(ps[i]));
            }
        }
        return ps;
    }

    /** Whether an expression reads the document ($path, $$ROOT, $$CURRENT) and so is not constant. */
    static boolean readsDocument(BsonValue v) {
        if (v.isString()) {
            String s = v.asString().getValue();
            return s.startsWith("$") && (!s.startsWith("$$") || s.startsWith("$$ROOT") || s.startsWith("$$CURRENT"));
        }
        if (v.isDocument()) {
            BsonDocument d = v.asDocument();
            return !d.containsKey("$literal") && d.values().stream().anyMatch(AccumulatorArgs::readsDocument);
        }
        return v.isArray() && v.asArray().stream().anyMatch(AccumulatorArgs::readsDocument);
    }

    /** A value as MongoDB's Value prints it in messages (doubles as C++ streams do). */
    static String valueText(BsonValue v) {
        return v.isDouble() ? shortDouble(v.asDouble().getValue()) : BsonText.value(v);
    }

    /** A double as C++ streams print it (6 significant digits, no trailing zeros). */
    static String shortDouble(double d) {
        String s = String.format(Locale.ROOT, "%.6g", d);
        String mantissa = s.contains("e") ? s.substring(0, s.indexOf('e')) : s;
        String exponent = s.contains("e") ? s.substring(s.indexOf('e')) : "";
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + exponent;
    }
}
