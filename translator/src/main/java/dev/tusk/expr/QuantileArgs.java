package dev.tusk.expr;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The {input, p, method} argument of $percentile and {input, method} of $median, as accumulators
 * and as expressions (the same checks and errors but for the code of a non-object argument), and
 * the percentile they compute: the value at 0-based rank ceil(p * n) - 1 of the sorted values, which
 * is MongoDB 7.0's 'approximate' method while its t-digest holds every value, and what its
 * expressions always use.
 */
public record QuantileArgs(Expr input, double[] ps) {
    private static final String P_RANGE = "The $percentile 'p' field must be an array of numbers from [0.0, 1.0], but found: ";

    /** Parses op's argument; notObject: the code for an argument that is not a document. 7.0 has only method 'approximate'. */
    public static QuantileArgs parse(String op, BsonValue arg, ParseContext cx, boolean median, ErrorCode notObject) {
        if (!arg.isDocument()) {
            throw notObject.error("specification must be an object; found " + BsonText.element(op, arg));
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
        return new QuantileArgs(ExprParser.parse(d.get("input"), cx), ps);
    }

    /** The percentiles asked for: a constant, non-empty array of numbers in [0, 1]. */
    private static double[] ps(BsonValue p, ParseContext cx) {
        if (ExprParser.readsDocument(p)) {
            throw ErrorCode.LOCATION_7750300.error("The $percentile 'p' field must be an array of constant values, but found value: "
                    + BsonText.value(p) + ".");
        }
        BsonValue values = ExprParser.parse(p, cx).evaluate(EvalContext.of(new BsonDocument(), cx.variables()));
        if (values == null || !values.isArray() || values.asArray().isEmpty()) {
            throw ErrorCode.LOCATION_7750301.error(P_RANGE + (values == null ? "MISSING" : BsonText.value(values)));
        }
        BsonArray array = values.asArray();
        double[] ps = new double[array.size()];
        for (int i = 0; i < ps.length; i++) {
            if (!Num.isNumber(array.get(i))) {
                throw ErrorCode.LOCATION_7750302.error(P_RANGE + BsonText.value(array.get(i)));
            }
            ps[i] = Num.toDouble(array.get(i));
            if (ps[i] < 0 || ps[i] > 1) {
                throw ErrorCode.LOCATION_7750303.error(P_RANGE + BsonText.shortDouble(ps[i]));
            }
        }
        return ps;
    }

    /** The p-th percentile of the first size values of sorted (ascending, size > 0). */
    public static double percentile(double[] sorted, int size, double p) {
        int rank = p >= 1.0 ? size - 1 : Math.max(0, (int) Math.ceil(size * p) - 1);
        return sorted[rank];
    }
}
