package dev.tusk.pipeline;

import dev.tusk.expr.Expr;
import java.math.BigDecimal;
import java.math.MathContext;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonNull;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * $expMovingAvg from the partition's first document to the current one: the first number, then
 * alpha * x + (1 - alpha) * previous, in Decimal128 arithmetic (doubles enter with 15 significant
 * digits, as MongoDB converts them); a double unless a decimal was seen. Non-numbers are skipped;
 * an infinity or NaN makes every later average infinite or NaN.
 */
record ExpMovingAvgFunction(Expr input, BigDecimal alpha) implements WindowFunction {
    /** alpha = 2 / (N + 1). */
    static BigDecimal alphaOfN(long n) {
        return BigDecimal.valueOf(2).divide(BigDecimal.valueOf(n).add(BigDecimal.ONE), MathContext.DECIMAL128);
    }

    @Override
    public Cursor open(WindowPartition partition) {
        BsonValue[] values = partition.values(input);
        BigDecimal keep = BigDecimal.ONE.subtract(alpha, MathContext.DECIMAL128);
        return new Cursor() {
            private BigDecimal average;
            private boolean decimal;
            private boolean started;
            // once an infinity or NaN came in, the average stays non-finite: followed in doubles
            private Double nonFinite;

            @Override
            public BsonValue valueAt(int i) {
                BsonValue v = values[i];
                if (SumStates.isNumber(v)) {
                    decimal |= v.isDecimal128();
                    next(v);
                    started = true;
                }
                if (!started) {
                    return BsonNull.VALUE;
                }
                if (nonFinite != null) {
                    return decimal ? new BsonDecimal128(nonFinite.isNaN() ? Decimal128.NaN
                            : nonFinite > 0 ? Decimal128.POSITIVE_INFINITY : Decimal128.NEGATIVE_INFINITY) : new BsonDouble(nonFinite);
                }
                return decimal ? new BsonDecimal128(new Decimal128(average)) : new BsonDouble(average.doubleValue());
            }

            private void next(BsonValue v) {
                if (nonFinite != null || !StatisticsStates.finite(v)) {
                    double x = StatisticsStates.toDouble(v);
                    double previous = nonFinite != null ? nonFinite : started ? average.doubleValue() : x;
                    nonFinite = x * alpha.doubleValue() + previous * keep.doubleValue();
                    return;
                }
                BigDecimal x = NumericSum.coerceToDecimal(v);
                average = !started ? x
                        : x.multiply(alpha, MathContext.DECIMAL128).add(average.multiply(keep, MathContext.DECIMAL128), MathContext.DECIMAL128);
            }
        };
    }
}
