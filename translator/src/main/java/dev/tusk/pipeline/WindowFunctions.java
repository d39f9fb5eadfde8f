package dev.tusk.pipeline;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprParser;
import dev.tusk.query.AlphabeticalTable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * The window functions of $setWindowFields, one alphabetical line each, and how an output field
 * ({@code {<function>: <argument>, window: {...}}}) is parsed, with MongoDB's errors.
 */
final class WindowFunctions {

    /** Parses one output's spec; name is the function's field in it. */
    @FunctionalInterface
    private interface Parser {
        WindowFunction parse(String name, BsonDocument spec, WindowContext cx);
    }

    private static final Map<String, Parser> TABLE = AlphabeticalTable.of("window function",
            Map.entry("$addToSet", WindowFunctions::accumulator),
            Map.entry("$avg", WindowFunctions::accumulator),
            Map.entry("$bottom", WindowFunctions::accumulatorWithArguments),
            Map.entry("$bottomN", WindowFunctions::accumulatorWithArguments),
            Map.entry("$count", WindowFunctions::count),
            Map.entry("$covariancePop", (name, spec, cx) -> covariance(name, spec, cx, false)),
            Map.entry("$covarianceSamp", (name, spec, cx) -> covariance(name, spec, cx, true)),
            Map.entry("$denseRank", (name, spec, cx) -> rank(name, spec, cx, RankFunction.Kind.DENSE_RANK)),
            Map.entry("$derivative", CalculusParsers::derivative),
            Map.entry("$documentNumber", (name, spec, cx) -> rank(name, spec, cx, RankFunction.Kind.DOCUMENT_NUMBER)),
            Map.entry("$expMovingAvg", CalculusParsers::expMovingAvg),
            Map.entry("$first", (name, spec, cx) -> endpoint(name, spec, cx, false)),
            Map.entry("$firstN", WindowFunctions::accumulatorWithArguments),
            Map.entry("$integral", CalculusParsers::integral),
            Map.entry("$last", (name, spec, cx) -> endpoint(name, spec, cx, true)),
            Map.entry("$lastN", WindowFunctions::accumulatorWithArguments),
            Map.entry("$linearFill", (name, spec, cx) -> fill(name, spec, cx, true)),
            Map.entry("$locf", (name, spec, cx) -> fill(name, spec, cx, false)),
            Map.entry("$max", WindowFunctions::accumulator),
            Map.entry("$maxN", WindowFunctions::accumulatorWithArguments),
            Map.entry("$median", WindowFunctions::accumulatorWithArguments),
            Map.entry("$min", WindowFunctions::accumulator),
            Map.entry("$minN", WindowFunctions::accumulatorWithArguments),
            Map.entry("$percentile", WindowFunctions::accumulatorWithArguments),
            Map.entry("$push", WindowFunctions::accumulator),
            Map.entry("$rank", (name, spec, cx) -> rank(name, spec, cx, RankFunction.Kind.RANK)),
            Map.entry("$shift", WindowFunctions::shift),
            Map.entry("$stdDevPop", WindowFunctions::accumulator),
            Map.entry("$stdDevSamp", WindowFunctions::accumulator),
            Map.entry("$sum", WindowFunctions::accumulator),
            Map.entry("$top", WindowFunctions::accumulatorWithArguments),
            Map.entry("$topN", WindowFunctions::accumulatorWithArguments));

    private WindowFunctions() {}

    /** The window function names Tusk runs, for coverage tests. */
    static Set<String> names() {
        return TABLE.keySet();
    }

    static boolean isFunction(String name) {
        return TABLE.containsKey(name);
    }

    /** One output field's spec: its first $-field names the function. */
    static WindowFunction parse(String field, BsonValue spec, WindowContext cx) {
        if (!spec.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("The field '%s' must be an object", field);
        }
        BsonDocument d = spec.asDocument();
        for (String key : d.keySet()) {
            if (key.startsWith("$")) {
                Parser parser = TABLE.get(key);
                if (parser == null) {
                    throw ErrorCode.FAILED_TO_PARSE.error("Unrecognized window function, " + key);
                }
                return parser.parse(key, d, cx);
            }
        }
        throw ErrorCode.FAILED_TO_PARSE.error("Expected a $-prefixed window function" + (d.isEmpty() ? "" : ", " + d.getFirstKey()));
    }

    /** {$op: <expression>, window: {...}}: $sum, $avg, $min, $max, $push, $addToSet, $stdDev*. */
    private static WindowFunction accumulator(String name, BsonDocument spec, WindowContext cx) {
        WithWindow parsed = withWindow(spec, cx);
        return new WindowedAccumulator(Accumulator.parseOperator(name, parsed.argument(), cx.parse()).orElseThrow(), parsed.bounds(),
                cx.parse().variables());
    }

    private record WithWindow(BsonValue argument, WindowBounds bounds) {}

    /** The function's argument and window of {$op: <argument>, window: {...}}. */
    private static WithWindow withWindow(BsonDocument spec, WindowContext cx) {
        BsonValue argument = null;
        WindowBounds bounds = WindowBounds.ALL;
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            if (e.getKey().equals("window")) {
                bounds = WindowBounds.parse(e.getValue(), cx);
            } else if (isFunction(e.getKey())) {
                if (argument != null) {
                    throw ErrorCode.FAILED_TO_PARSE.error("Cannot specify two functions in window function spec");
                }
                argument = e.getValue();
            } else {
                throw unknownArgument(e.getKey());
            }
        }
        return new WithWindow(argument, bounds);
    }

    private static RuntimeException unknownArgument(String key) {
        return ErrorCode.FAILED_TO_PARSE.error("Window function found an unknown argument: " + key);
    }

    /** {$op: {n, input | sortBy, output | input, p, method}, window: {...}}: $firstN & co., $top & co., $percentile, $median. */
    private static WindowFunction accumulatorWithArguments(String name, BsonDocument spec, WindowContext cx) {
        Accumulator accumulator = null;
        WindowBounds bounds = WindowBounds.ALL;
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            if (e.getKey().equals(name)) {
                accumulator = Accumulator.parseOperator(name, e.getValue(), cx.parse()).orElseThrow();
            } else if (e.getKey().equals("window")) {
                bounds = WindowBounds.parse(e.getValue(), cx);
            } else {
                throw ErrorCode.FAILED_TO_PARSE.error("%s got unexpected argument: %s", name, e.getKey());
            }
        }
        return new WindowedAccumulator(accumulator, bounds, cx.parse().variables());
    }

    /** {$count: {}}: $sum of 1 over the window. */
    private static WindowFunction count(String name, BsonDocument spec, WindowContext cx) {
        WindowBounds bounds = WindowBounds.ALL;
        boolean seen = false;
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            if (e.getKey().equals("window")) {
                bounds = WindowBounds.parse(e.getValue(), cx);
            } else if (isFunction(e.getKey())) {
                if (seen) {
                    throw ErrorCode.FAILED_TO_PARSE.error("Cannot specify multiple functions in window function spec");
                }
                if (!e.getValue().isDocument() || !e.getValue().asDocument().isEmpty()) {
                    throw ErrorCode.FAILED_TO_PARSE.error("$count only accepts an empty object as input");
                }
                seen = true;
            } else {
                throw unknownArgument(e.getKey());
            }
        }
        return new WindowedAccumulator(Accumulator.parseOperator("$count", new BsonDocument(), cx.parse()).orElseThrow(), bounds,
                cx.parse().variables());
    }

    /** {$covariancePop: [x, y], window: {...}} (window functions only, no $group accumulator). */
    private static WindowFunction covariance(String name, BsonDocument spec, WindowContext cx, boolean sample) {
        WithWindow parsed = withWindow(spec, cx);
        Accumulator covariance = new Accumulator(name, ExprParser.parse(parsed.argument(), cx.parse()), Optional.empty(),
                (n, removable) -> new StatisticsStates.Covariance(sample));
        return new WindowedAccumulator(covariance, parsed.bounds(), cx.parse().variables());
    }

    /** {$first|$last: <expression>, window: {...}}. */
    private static WindowFunction endpoint(String name, BsonDocument spec, WindowContext cx, boolean last) {
        Expr input = null;
        WindowBounds bounds = WindowBounds.ALL;
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            if (e.getKey().equals("window")) {
                bounds = WindowBounds.parse(e.getValue(), cx);
            } else if (e.getKey().equals(name)) {
                input = ExprParser.parse(e.getValue(), cx.parse());
            } else {
                throw ErrorCode.FAILED_TO_PARSE.error("%s got unexpected argument: %s", name, e.getKey());
            }
        }
        return new EndpointFunction(input, bounds, last, BsonNull.VALUE);
    }

    /** {$shift: {output, by, default}}: the output of the document by positions away, else default (null). */
    private static WindowFunction shift(String name, BsonDocument spec, WindowContext cx) {
        EndpointFunction shift = null;
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            if (e.getKey().equals("window")) {
                throw ErrorCode.FAILED_TO_PARSE.error("$shift does not accept a 'window' field");
            } else if (isFunction(e.getKey())) {
                if (shift != null) {
                    throw ErrorCode.FAILED_TO_PARSE.error("Cannot specify multiple functions in window function spec");
                }
                if (!e.getValue().isDocument()) {
                    throw ErrorCode.FAILED_TO_PARSE.error("Argument to $shift must be an object");
                }
                shift = shiftArguments(e.getKey(), e.getValue().asDocument(), cx);
            } else {
                throw unknownArgument(e.getKey());
            }
        }
        if (cx.sortBy().isEmpty()) {
            throw ErrorCode.FAILED_TO_PARSE.error("'%s' requires a sortBy", name);
        }
        return shift;
    }

    /** {output: <expression>, by: <int>, default: <constant>}. */
    private static EndpointFunction shiftArguments(String name, BsonDocument args, WindowContext cx) {
        Expr output = null;
        Integer by = null;
        BsonValue whenOutside = BsonNull.VALUE;
        for (Map.Entry<String, BsonValue> e : args.entrySet()) {
            switch (e.getKey()) {
                case "output" -> output = ExprParser.parse(e.getValue(), cx.parse());
                case "default" -> {
                    if (ExprParser.readsDocument(e.getValue())) {
                        throw ErrorCode.FAILED_TO_PARSE.error("'$shift:default' expression must yield a constant value.");
                    }
                    whenOutside = ExprParser.parse(e.getValue(), cx.parse())
                            .evaluate(EvalContext.of(new BsonDocument(), cx.parse().variables()));
                }
                case "by" -> {
                    BsonValue v = e.getValue();
                    if (!WindowBounds.integral(v)) {
                        throw ErrorCode.FAILED_TO_PARSE.error("'$shift:by' field must be an integer, but found  " + BsonText.element("by", v));
                    }
                    by = (int) StatisticsStates.toDouble(v);
                }
                default -> throw ErrorCode.FAILED_TO_PARSE.error("Unknown argument in " + name);
            }
        }
        if (output == null) {
            throw ErrorCode.FAILED_TO_PARSE.error("%s requires an 'output' expression.", name);
        }
        if (by == null) {
            throw ErrorCode.FAILED_TO_PARSE.error("%s requires 'by' as an integer value.", name);
        }
        WindowBounds.Bound at = WindowBounds.Bound.offset(by);
        return new EndpointFunction(output, new WindowBounds.Documents(at, at), false, whenOutside);
    }

    /** {$rank|$denseRank|$documentNumber: {}}, by the single sortBy field. */
    private static WindowFunction rank(String name, BsonDocument spec, WindowContext cx, RankFunction.Kind kind) {
        if (spec.size() != 1) {
            throw ErrorCode.LOCATION_5371601.error("Rank style window functions take no other arguments");
        }
        BsonValue arg = spec.get(name);
        if (!arg.isDocument() || !arg.asDocument().isEmpty()) {
            throw ErrorCode.LOCATION_5371603.error("%s must be specified with '{}' as the value", name);
        }
        if (!cx.singleSortKey()) {
            throw ErrorCode.LOCATION_5371602.error("%s must be specified with a top level sortBy expression with exactly one element", name);
        }
        return new RankFunction(kind, cx.sortField(), cx.sortAscending());
    }

    /** {$locf: <expression>} and {$linearFill: <expression>}: no window, always the whole partition so far. */
    private static WindowFunction fill(String name, BsonDocument spec, WindowContext cx, boolean linear) {
        Expr input = null;
        boolean window = false;
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            if (e.getKey().equals("window")) {
                window = true;
            } else if (isFunction(e.getKey())) {
                if (input != null) {
                    throw ErrorCode.FAILED_TO_PARSE.error("Cannot specify two functions in window function spec");
                }
                input = ExprParser.parse(e.getValue(), cx.parse());
            } else {
                throw unknownArgument(e.getKey());
            }
        }
        if (window) {
            throw ErrorCode.FAILED_TO_PARSE.error("'window' field is not allowed in " + name);
        }
        if (!linear) {
            return new LocfFunction(input);
        }
        if (!cx.singleSortKey()) {
            throw ErrorCode.LOCATION_605001.error("%s must be specified with a top level sortBy expression with exactly one element", name);
        }
        return new LinearFillFunction(input, cx.sortField());
    }
}
