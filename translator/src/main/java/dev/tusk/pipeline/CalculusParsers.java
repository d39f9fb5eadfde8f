package dev.tusk.pipeline;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprParser;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** The window functions over the sortBy axis: $derivative, $integral ({input, unit}) and $expMovingAvg ({input, N | alpha}). */
final class CalculusParsers {
    private CalculusParsers() {}

    private record Arguments(Expr input, Optional<Long> unitMillis, Optional<WindowBounds> bounds) {}

    /** {$op: {input, unit?}, window: {...}?} after checking the sortBy is one field. */
    private static Arguments arguments(String name, BsonDocument spec, WindowContext cx) {
        if (cx.sortBy().isEmpty()) {
            throw ErrorCode.FAILED_TO_PARSE.error("%s requires a sortBy", name);
        }
        if (!cx.singleSortKey()) {
            throw ErrorCode.FAILED_TO_PARSE.error("%s requires a non-compound sortBy", name);
        }
        Optional<WindowBounds> bounds = Optional.empty();
        BsonValue args = null;
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            if (e.getKey().equals("window")) {
                bounds = Optional.of(WindowBounds.parse(e.getValue(), cx));
            } else if (e.getKey().equals(name)) {
                args = e.getValue();
            } else {
                throw ErrorCode.FAILED_TO_PARSE.error("%s got unexpected argument: %s", name, e.getKey());
            }
        }
        if (!args.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("%s expects an object, but got a %s: %s", name, BsonText.typeName(args),
                    BsonText.element(name, args));
        }
        Expr input = null;
        Optional<Long> unitMillis = Optional.empty();
        for (Map.Entry<String, BsonValue> e : args.asDocument().entrySet()) {
            if (e.getKey().equals("input")) {
                input = ExprParser.parse(e.getValue(), cx.parse());
            } else if (e.getKey().equals("unit")) {
                if (!e.getValue().isString()) {
                    throw ErrorCode.FAILED_TO_PARSE.error("unit' must be a string, but got " + BsonText.typeName(e.getValue()));
                }
                unitMillis = Optional.of(TimeUnits.millis(e.getValue().asString().getValue()));
            } else {
                throw ErrorCode.FAILED_TO_PARSE.error("%s got unexpected argument: %s", name, e.getKey());
            }
        }
        if (input == null) {
            throw ErrorCode.FAILED_TO_PARSE.error("%s requires an 'input' expression", name);
        }
        return new Arguments(input, unitMillis, bounds);
    }

    static WindowFunction derivative(String name, BsonDocument spec, WindowContext cx) {
        Arguments a = arguments(name, spec, cx);
        if (a.bounds().isEmpty()) {
            throw ErrorCode.FAILED_TO_PARSE.error("$derivative requires explicit window bounds");
        }
        return new DerivativeFunction(a.input(), cx.sortField(), a.bounds().get(), a.unitMillis());
    }

    /** Accumulates [sortBy value, input] points. */
    static WindowFunction integral(String name, BsonDocument spec, WindowContext cx) {
        Arguments a = arguments(name, spec, cx);
        Expr point = new Expr.ArrayExpr(List.of(cx.sortField(), a.input()));
        Optional<Long> unit = a.unitMillis();
        Accumulator integral = new Accumulator(name, point, Optional.empty(), (n, removable) -> new IntegralState(unit));
        return new WindowedAccumulator(integral, a.bounds().orElse(WindowBounds.ALL), cx.parse().variables());
    }

    static WindowFunction expMovingAvg(String name, BsonDocument spec, WindowContext cx) {
        if (spec.size() != 1 || !spec.containsKey(name) || !spec.get(name).isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("$expMovingAvg must have exactly one argument that is an object");
        }
        BsonDocument args = spec.getDocument(name);
        String shape = "$expMovingAvg sub object must have exactly two fields: An 'input' field, and either an 'N' field or an 'alpha' field";
        if (args.size() != 2 || !args.containsKey("input")) {
            throw ErrorCode.FAILED_TO_PARSE.error(shape);
        }
        if (cx.sortBy().isEmpty()) {
            throw ErrorCode.FAILED_TO_PARSE.error("$expMovingAvg requires an explicit 'sortBy'");
        }
        Expr input = ExprParser.parse(args.get("input"), cx.parse());
        if (args.containsKey("N")) {
            BsonValue n = args.get("N");
            if (!SumStates.isNumber(n)) {
                throw ErrorCode.FAILED_TO_PARSE.error("'N' field must be an integer, but found type " + BsonText.typeName(n));
            }
            double d = StatisticsStates.toDouble(n);
            if (d != Math.floor(d)) {
                throw ErrorCode.FAILED_TO_PARSE.error("'N' field must be an integer, but found  %s. To use a non-integer, use the 'alpha' "
                        + "argument instead", BsonText.element("N", n));
            }
            long count = (long) d;
            if (count <= 0) {
                throw ErrorCode.FAILED_TO_PARSE.error("'N' must be greater than zero. Got " + count);
            }
            return new ExpMovingAvgFunction(input, ExpMovingAvgFunction.alphaOfN(count));
        }
        if (args.containsKey("alpha")) {
            BsonValue alpha = args.get("alpha");
            if (!SumStates.isNumber(alpha)) {
                throw ErrorCode.FAILED_TO_PARSE.error("'alpha' must be a number");
            }
            BigDecimal a = StatisticsStates.finite(alpha) ? NumericSum.coerceToDecimal(alpha) : BigDecimal.ZERO;
            if (a.signum() <= 0 || a.compareTo(BigDecimal.ONE) >= 0) {
                throw ErrorCode.FAILED_TO_PARSE.error("'alpha' must be between 0 and 1 (exclusive), found " + BsonText.element("alpha", alpha));
            }
            return new ExpMovingAvgFunction(input, a);
        }
        throw ErrorCode.FAILED_TO_PARSE.error("Got unrecognized field in $expMovingAvg" + shape);
    }
}
