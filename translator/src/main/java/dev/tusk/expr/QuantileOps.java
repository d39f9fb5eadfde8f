package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDouble;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * $median and $percentile as expressions: over an array's numeric elements (NaN ignored), or a
 * single number (every percentile is that number); anything else has no numbers and gives null
 * ($median) or an array of nulls ($percentile).
 */
final class QuantileOps {
    private QuantileOps() {}

    static Expr median(String name, BsonValue arg, ParseContext cx) {
        return quantile(name, QuantileArgs.parse(name, arg, cx, true, ErrorCode.LOCATION_7436201), true);
    }

    static Expr percentile(String name, BsonValue arg, ParseContext cx) {
        return quantile(name, QuantileArgs.parse(name, arg, cx, false, ErrorCode.LOCATION_7436200), false);
    }

    private static Expr quantile(String name, QuantileArgs q, boolean median) {
        return Args.eager(name, List.of(q.input()), v -> {
            double[] values = numbers(v.get(0));
            List<BsonValue> out = new ArrayList<>(q.ps().length);
            for (double p : q.ps()) {
                out.add(values.length == 0 ? BsonNull.VALUE : new BsonDouble(QuantileArgs.percentile(values, values.length, p)));
            }
            return median ? out.get(0) : new BsonArray(out);
        });
    }

    /** The sorted numbers of the input; a lone number stays even if NaN, as in MongoDB. */
    private static double[] numbers(BsonValue input) {
        if (Num.isNumber(input)) {
            return new double[] {Num.toDouble(input)};
        }
        if (input == null || !input.isArray()) {
            return new double[0];
        }
        return input.asArray().stream().filter(Num::isNumber).mapToDouble(Num::toDouble)
                .filter(d -> !Double.isNaN(d)).sorted().toArray();
    }
}
