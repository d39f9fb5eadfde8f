package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import dev.tusk.query.SortSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** The operators that bind variables per element or take named arguments: $filter $map $reduce $zip $sortArray $firstN $lastN $maxN $minN. */
final class ArrayIterOps {
    private ArrayIterOps() {}

    static Expr filter(String name, BsonValue arg, ParseContext cx) {
        BsonDocument d = Args.named(arg, ErrorCode.LOCATION_28646, "$filter only supports an object as its argument",
                List.of("input", "as", "cond", "limit"), ErrorCode.LOCATION_28647, "Unrecognized parameter to $filter: ");
        Args.require(d, "input", ErrorCode.LOCATION_28648, "Missing 'input' parameter to $filter");
        Args.require(d, "cond", ErrorCode.LOCATION_28650, "Missing 'cond' parameter to $filter");
        String as = asName(d, "this");
        Expr input = ExprParser.parse(d.get("input"), cx);
        Expr cond = ExprParser.parse(d.get("cond"), cx.bind(as));
        Expr limit = d.containsKey("limit") ? ExprParser.parse(d.get("limit"), cx) : new Expr.Constant(BsonNull.VALUE);
        return new Expr.Call(name, List.of(input, cond, limit), (a, ecx) -> {
            BsonValue in = a.get(0).evaluate(ecx);
            if (Values.nullish(in)) {
                return BsonNull.VALUE;
            }
            if (!in.isArray()) {
                throw ErrorCode.LOCATION_28651.error("input to $filter must be an array not " + Values.typeName(in));
            }
            long max = Long.MAX_VALUE;
            BsonValue l = a.get(2).evaluate(ecx);
            if (!Values.nullish(l)) {
                Integer n = Num.asInt32(l);
                if (n == null) {
                    throw ErrorCode.LOCATION_327391.error("$filter: limit must be represented as a 32-bit integral value: " + Values.text(l));
                }
                if (n < 1) {
                    throw ErrorCode.LOCATION_327392.error("$filter: limit must be greater than 0: " + n);
                }
                max = n;
            }
            BsonArray out = new BsonArray();
            for (BsonValue e : in.asArray()) {
                if (out.size() >= max) {
                    break;
                }
                if (Values.truthy(a.get(1).evaluate(ecx.bind(as, e)))) {
                    out.add(e);
                }
            }
            return out;
        });
    }

    private static String asName(BsonDocument d, String fallback) {
        if (!d.containsKey("as")) {
            return fallback;
        }
        if (!d.get("as").isString()) {
            throw ErrorCode.LOCATION_16866.error("empty variable names are not allowed");
        }
        String as = d.getString("as").getValue();
        ExprParser.validateVariableName(as);
        return as;
    }

    static Expr map(String name, BsonValue arg, ParseContext cx) {
        BsonDocument d = Args.named(arg, ErrorCode.LOCATION_16878, "$map only supports an object as its argument",
                List.of("input", "as", "in"), ErrorCode.LOCATION_16879, "Unrecognized parameter to $map: ");
        Args.require(d, "input", ErrorCode.LOCATION_16880, "Missing 'input' parameter to $map");
        Args.require(d, "in", ErrorCode.LOCATION_16882, "Missing 'in' parameter to $map");
        String as = asName(d, "this");
        Expr input = ExprParser.parse(d.get("input"), cx);
        Expr in = ExprParser.parse(d.get("in"), cx.bind(as));
        return new Expr.Call(name, List.of(input, in), (a, ecx) -> {
            BsonValue values = a.get(0).evaluate(ecx);
            if (Values.nullish(values)) {
                return BsonNull.VALUE;
            }
            if (!values.isArray()) {
                throw ErrorCode.LOCATION_16883.error("input to $map must be an array not " + Values.typeName(values));
            }
            BsonArray out = new BsonArray();
            for (BsonValue e : values.asArray()) {
                out.add(Values.orNull(a.get(1).evaluate(ecx.bind(as, e))));
            }
            return out;
        });
    }

    static Expr reduce(String name, BsonValue arg, ParseContext cx) {
        if (!(arg instanceof BsonDocument)) {
            throw ErrorCode.LOCATION_40075.error("$reduce requires an object as an argument, found: " + Values.typeName(arg));
        }
        BsonDocument d = Args.named(arg, ErrorCode.LOCATION_40075, "", List.of("input", "initialValue", "in"),
                ErrorCode.LOCATION_40076, "$reduce found an unknown argument: ");
        Args.require(d, "input", ErrorCode.LOCATION_40077, "$reduce requires 'input' to be specified");
        Args.require(d, "initialValue", ErrorCode.LOCATION_40078, "$reduce requires 'initialValue' to be specified");
        Args.require(d, "in", ErrorCode.LOCATION_40079, "$reduce requires 'in' to be specified");
        List<Expr> args = List.of(ExprParser.parse(d.get("input"), cx), ExprParser.parse(d.get("initialValue"), cx),
                ExprParser.parse(d.get("in"), cx.bind("this", "value")));
        return new Expr.Call(name, args, (a, ecx) -> {
            BsonValue input = a.get(0).evaluate(ecx);
            if (Values.nullish(input)) {
                return BsonNull.VALUE;
            }
            if (!input.isArray()) {
                throw ErrorCode.LOCATION_40080.error("$reduce requires that 'input' be an array, found: " + Values.typeName(input));
            }
            BsonValue acc = a.get(1).evaluate(ecx);
            for (BsonValue e : input.asArray()) {
                acc = a.get(2).evaluate(ecx.bind("value", acc).bind("this", e));
            }
            return acc;
        });
    }

    static Expr zip(String name, BsonValue arg, ParseContext cx) {
        BsonDocument d = Args.named(arg, ErrorCode.LOCATION_34460, "$zip only supports an object as an argument, found "
                + Values.typeName(arg), List.of("inputs", "useLongestLength", "defaults"), ErrorCode.LOCATION_34464,
                "$zip found an unknown argument: ");
        Args.require(d, "inputs", ErrorCode.LOCATION_34465, "$zip requires at least one input array");
        if (!d.get("inputs").isArray()) {
            throw ErrorCode.LOCATION_34461.error("inputs must be an array of expressions, found " + Values.typeName(d.get("inputs")));
        }
        boolean longest = false;
        if (d.containsKey("useLongestLength")) {
            if (!d.get("useLongestLength").isBoolean()) {
                throw ErrorCode.LOCATION_34463.error("useLongestLength must be a bool, found " + Values.typeName(d.get("useLongestLength")));
            }
            longest = d.getBoolean("useLongestLength").getValue();
        }
        List<Expr> inputs = Args.parse(d.get("inputs"), cx);
        if (inputs.isEmpty()) {
            throw ErrorCode.LOCATION_34465.error("$zip requires at least one input array");
        }
        List<Expr> defaults = List.of();
        if (d.containsKey("defaults")) {
            if (!d.get("defaults").isArray()) {
                throw ErrorCode.LOCATION_34462.error("defaults must be an array of expressions, found " + Values.typeName(d.get("defaults")));
            }
            if (!longest) {
                throw ErrorCode.LOCATION_34466.error("cannot specify defaults unless useLongestLength is true");
            }
            defaults = Args.parse(d.get("defaults"), cx);
            if (defaults.size() != inputs.size()) {
                throw ErrorCode.LOCATION_34467.error("defaults and inputs must have the same length");
            }
        }
        int n = inputs.size();
        boolean useLongest = longest;
        List<Expr> all = new ArrayList<>(inputs);
        all.addAll(defaults);
        return Args.eager(name, all, v -> {
            List<BsonArray> arrays = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                BsonValue x = v.get(i);
                if (Values.nullish(x)) {
                    return BsonNull.VALUE;
                }
                if (!x.isArray()) {
                    throw ErrorCode.LOCATION_34468.error("$zip found a non-array expression in input: " + Values.text(x));
                }
                arrays.add(x.asArray());
            }
            int length = useLongest ? arrays.stream().mapToInt(BsonArray::size).max().orElse(0)
                    : arrays.stream().mapToInt(BsonArray::size).min().orElse(0);
            BsonArray out = new BsonArray();
            for (int row = 0; row < length; row++) {
                BsonArray tuple = new BsonArray();
                for (int i = 0; i < n; i++) {
                    BsonArray a = arrays.get(i);
                    tuple.add(row < a.size() ? a.get(row) : v.size() > n ? Values.orNull(v.get(n + i)) : BsonNull.VALUE);
                }
                out.add(tuple);
            }
            return out;
        });
    }

    static Expr sortArray(String name, BsonValue arg, ParseContext cx) {
        BsonDocument d = Args.named(arg, ErrorCode.LOCATION_2942500, "$sortArray requires an object as an argument, found: "
                + Values.typeName(arg), List.of("input", "sortBy"), ErrorCode.LOCATION_2942501, "$sortArray found an unknown argument: ");
        Args.require(d, "input", ErrorCode.LOCATION_2942502, "$sortArray requires 'input' to be specified");
        Args.require(d, "sortBy", ErrorCode.LOCATION_2942503, "$sortArray requires 'sortBy' to be specified");
        BsonValue sortBy = d.get("sortBy");
        Comparator<BsonValue> order;
        if (Num.isNumber(sortBy) && (Num.toDouble(sortBy) == 1 || Num.toDouble(sortBy) == -1)) {
            order = Num.toDouble(sortBy) == 1 ? Values::compare : (x, y) -> Values.compare(y, x);
        } else if (sortBy.isDocument() && !sortBy.asDocument().isEmpty()) {
            Comparator<BsonDocument> docs = SortSpec.parse(sortBy.asDocument()).comparator();
            order = (x, y) -> docs.compare(x.isDocument() ? x.asDocument() : new BsonDocument(),
                    y.isDocument() ? y.asDocument() : new BsonDocument());
        } else {
            throw ErrorCode.LOCATION_2942505.error("$sortArray requires sortBy to be either 1, -1 or a non-empty object, found "
                    + Values.text(sortBy));
        }
        return Args.eager(name, List.of(ExprParser.parse(d.get("input"), cx)), v -> {
            BsonValue input = v.get(0);
            if (Values.nullish(input)) {
                return BsonNull.VALUE;
            }
            if (!input.isArray()) {
                throw ErrorCode.LOCATION_2942504.error("The input argument to $sortArray must be an array, but was of type: "
                        + Values.typeName(input));
            }
            List<BsonValue> copy = new ArrayList<>(input.asArray().getValues());
            copy.sort(order);
            return new BsonArray(copy);
        });
    }

    static Expr firstN(String name, BsonValue arg, ParseContext cx) {
        return nOp(name, arg, cx, (values, n) -> values.subList(0, (int) Math.min(n, values.size())));
    }

    static Expr lastN(String name, BsonValue arg, ParseContext cx) {
        return nOp(name, arg, cx, (values, n) -> values.subList((int) Math.max(0, values.size() - n), values.size()));
    }

    static Expr maxN(String name, BsonValue arg, ParseContext cx) {
        return nOp(name, arg, cx, (values, n) -> sortedNonNull(values, (x, y) -> Values.compare(y, x), n));
    }

    static Expr minN(String name, BsonValue arg, ParseContext cx) {
        return nOp(name, arg, cx, (values, n) -> sortedNonNull(values, Values::compare, n));
    }

    private static List<BsonValue> sortedNonNull(List<BsonValue> values, Comparator<BsonValue> order, long n) {
        List<BsonValue> kept = new ArrayList<>();
        for (BsonValue v : values) {
            if (!Values.nullish(v)) {
                kept.add(v);
            }
        }
        kept.sort(order);
        return kept.subList(0, (int) Math.min(n, kept.size()));
    }

    private interface Take {
        List<BsonValue> apply(List<BsonValue> values, long n);
    }

    private static Expr nOp(String name, BsonValue arg, ParseContext cx, Take take) {
        BsonDocument d = Args.named(arg, ErrorCode.LOCATION_5787900, "specification must be an object; found " + Values.text(arg),
                List.of("n", "input"), ErrorCode.LOCATION_5787901, "Unknown argument for 'n' operator: ");
        Args.require(d, "n", ErrorCode.LOCATION_5787906, "Missing value for 'n'");
        Args.require(d, "input", ErrorCode.LOCATION_5787907, "Missing value for 'input'");
        List<Expr> args = List.of(ExprParser.parse(d.get("n"), cx), ExprParser.parse(d.get("input"), cx));
        return Args.eager(name, args, v -> {
            BsonValue nv = v.get(0);
            Long n = Num.asInt64(nv);
            if (n == null) {
                throw ErrorCode.LOCATION_5787902.error("Value for 'n' must be of integral type, but found " + Values.text(nv));
            }
            if (n <= 0) {
                throw ErrorCode.LOCATION_5787908.error("'n' must be greater than 0, found " + n);
            }
            BsonValue input = v.get(1);
            if (input == null || !input.isArray()) {
                throw ErrorCode.LOCATION_5788200.error("Input must be an array");
            }
            return new BsonArray(new ArrayList<>(take.apply(input.asArray().getValues(), n)));
        });
    }
}
