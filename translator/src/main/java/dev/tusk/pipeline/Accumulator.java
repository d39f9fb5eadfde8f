package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.Variables;
import dev.tusk.query.AlphabeticalTable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * An accumulator of $group, $bucket and (through {@link WindowFunctions}) $setWindowFields: the
 * argument evaluated per document, an optional n (evaluated once per group, against the group's
 * _id when it is a document) and the states it feeds. Operators come from one alphabetical table.
 */
public record Accumulator(String operator, Expr argument, Optional<Expr> n, States states) {

    /** Builds a state; removable: a window's state, which values can leave. */
    @FunctionalInterface
    interface States {
        AccumulatorState create(long n, boolean removable);
    }

    /** Parses one accumulator's argument (the value of {@code {$op: <arg>}}). */
    @FunctionalInterface
    private interface Parser {
        Accumulator parse(String op, BsonValue arg, ParseContext cx);
    }

    private static final Map<String, Parser> TABLE = AlphabeticalTable.of("accumulator",
            Map.entry("$addToSet", single((n, removable) -> new CollectStates.AddToSet())),
            Map.entry("$avg", single((n, removable) -> removable ? new SumStates.WindowSum(true) : new SumStates.Sum(true))),
            Map.entry("$bottom", (op, arg, cx) -> AccumulatorArgs.topBottom(op, arg, cx, true, true)),
            Map.entry("$bottomN", (op, arg, cx) -> AccumulatorArgs.topBottom(op, arg, cx, true, false)),
            Map.entry("$count", Accumulator::count),
            Map.entry("$first", single((n, removable) -> new PositionStates.First())),
            Map.entry("$firstN", (op, arg, cx) -> AccumulatorArgs.nInput(op, arg, cx, ErrorCode.LOCATION_5787801,
                    (n, removable) -> new PositionStates.FirstLastN(n, false, removable))),
            Map.entry("$last", single((n, removable) -> new PositionStates.Last())),
            Map.entry("$lastN", (op, arg, cx) -> AccumulatorArgs.nInput(op, arg, cx, ErrorCode.LOCATION_5787801,
                    (n, removable) -> new PositionStates.FirstLastN(n, true, removable))),
            Map.entry("$max", single((n, removable) -> removable ? new OrderStates.Extremes(1, true, true, true) : new OrderStates.MinMax(true))),
            Map.entry("$maxN", (op, arg, cx) -> AccumulatorArgs.nInput(op, arg, cx, ErrorCode.LOCATION_5787900,
                    (n, removable) -> new OrderStates.Extremes(n, true, removable, false))),
            Map.entry("$median", (op, arg, cx) -> AccumulatorArgs.percentile(op, arg, cx, true)),
            Map.entry("$mergeObjects", single((n, removable) -> new CollectStates.MergeObjects())),
            Map.entry("$min", single((n, removable) -> removable ? new OrderStates.Extremes(1, false, true, true) : new OrderStates.MinMax(false))),
            Map.entry("$minN", (op, arg, cx) -> AccumulatorArgs.nInput(op, arg, cx, ErrorCode.LOCATION_5787900,
                    (n, removable) -> new OrderStates.Extremes(n, false, removable, false))),
            Map.entry("$percentile", (op, arg, cx) -> AccumulatorArgs.percentile(op, arg, cx, false)),
            Map.entry("$push", single((n, removable) -> new CollectStates.Push())),
            Map.entry("$stdDevPop", single((n, removable) -> removable ? new StatisticsStates.WindowStdDev(false)
                    : new StatisticsStates.StdDev(false))),
            Map.entry("$stdDevSamp", single((n, removable) -> removable ? new StatisticsStates.WindowStdDev(true)
                    : new StatisticsStates.StdDev(true))),
            Map.entry("$sum", single((n, removable) -> removable ? new SumStates.WindowSum(false) : new SumStates.Sum(false))),
            Map.entry("$top", (op, arg, cx) -> AccumulatorArgs.topBottom(op, arg, cx, false, true)),
            Map.entry("$topN", (op, arg, cx) -> AccumulatorArgs.topBottom(op, arg, cx, false, false)));

    /** Accumulators of MongoDB 7.0 that Tusk does not run (JavaScript). */
    private static final Set<String> NOT_YET = Set.of("$accumulator");

    /** The accumulator names Tusk runs, for coverage tests. */
    public static Set<String> names() {
        return TABLE.keySet();
    }

    private static Parser single(States states) {
        return (op, arg, cx) -> new Accumulator(op, ExprParser.parse(arg, cx), Optional.empty(), states);
    }

    private static Accumulator count(String op, BsonValue arg, ParseContext cx) {
        if (!arg.isDocument() || !arg.asDocument().isEmpty()) {
            throw ErrorCode.LOCATION_15952.error("$count takes no arguments, i.e. $count:{}");
        }
        return new Accumulator(op, new Expr.Constant(new BsonInt32(1)),
                Optional.empty(), (n, removable) -> removable ? new SumStates.WindowSum(false) : new SumStates.Sum(false));
    }

    /** A $group (or $bucket) output field: {@code {<accumulator>: <argument>}}. */
    static Accumulator parse(String field, BsonValue spec, ParseContext cx) {
        if (!spec.isDocument() || spec.asDocument().size() != 1) {
            throw ErrorCode.LOCATION_40234.error("The field '%s' must be an accumulator object", field);
        }
        String op = spec.asDocument().getFirstKey();
        return parseOperator(op, spec.asDocument().get(op), cx)
                .orElseThrow(() -> ErrorCode.LOCATION_15952.error("unknown group operator '%s'", op));
    }

    /** One accumulator by name, or empty if op is not an accumulator (238 for known ones Tusk lacks). */
    static Optional<Accumulator> parseOperator(String op, BsonValue arg, ParseContext cx) {
        Parser parser = TABLE.get(op);
        if (parser == null) {
            if (NOT_YET.contains(op)) {
                throw ErrorCode.NOT_IMPLEMENTED.error("%s is not supported by Tusk yet", op);
            }
            return Optional.empty();
        }
        return Optional.of(parser.parse(op, arg, cx));
    }

    /** A new state; n (if the accumulator has one) is evaluated against nRoot and validated. */
    AccumulatorState newState(BsonDocument nRoot, Variables variables, boolean removable) {
        long count = n.map(e -> AccumulatorArgs.validateN(e.evaluate(EvalContext.of(nRoot, variables)))).orElse(0L);
        return states.create(count, removable);
    }
}
