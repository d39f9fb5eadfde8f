package dev.tusk.expr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * $sum $avg $min $max $stdDevPop $stdDevSamp used as expressions: with one argument that is an
 * array they run over its elements, otherwise over the arguments themselves (arrays not unwrapped).
 */
final class AccumulatorOps {
    private AccumulatorOps() {}

    private static List<BsonValue> inputs(List<BsonValue> values) {
        if (values.size() == 1 && values.get(0) != null && values.get(0).isArray()) {
            return values.get(0).asArray().getValues();
        }
        return values;
    }

    static Expr sum(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.parse(arg, cx), v -> new Sum(inputs(v)).total());
    }

    static Expr avg(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.parse(arg, cx), v -> new Sum(inputs(v)).average());
    }

    static Expr max(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.parse(arg, cx), v -> extreme(inputs(v), 1));
    }

    static Expr min(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.parse(arg, cx), v -> extreme(inputs(v), -1));
    }

    private static BsonValue extreme(List<BsonValue> values, int sign) {
        BsonValue best = null;
        for (BsonValue v : values) {
            if (!Values.nullish(v) && (best == null || sign * Values.compare(v, best) > 0)) {
                best = v;
            }
        }
        return best == null ? BsonNull.VALUE : best;
    }

    static Expr stdDevPop(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.parse(arg, cx), v -> stdDev(inputs(v), false));
    }

    static Expr stdDevSamp(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.parse(arg, cx), v -> stdDev(inputs(v), true));
    }

    /** Welford's algorithm over the numeric values, as MongoDB's AccumulatorStdDev. */
    private static BsonValue stdDev(List<BsonValue> values, boolean sample) {
        long n = 0;
        double mean = 0;
        double m2 = 0;
        for (BsonValue v : values) {
            if (!Num.isNumber(v)) {
                continue;
            }
            double x = Num.toDouble(v);
            n++;
            double delta = x - mean;
            mean += delta / n;
            m2 += delta * (x - mean);
        }
        long divisor = sample ? n - 1 : n;
        return divisor <= 0 ? BsonNull.VALUE : new BsonDouble(Math.sqrt(m2 / divisor));
    }

    /** MongoDB's sum: int stays int while it fits, then long, then double; a double makes it double, a decimal decimal. */
    static final class Sum {
        private int kind = Num.INT;
        private long longSum;
        private double doubleSum;
        private BsonValue decimalSum;
        private long count;

        Sum(List<BsonValue> values) {
            for (BsonValue v : values) {
                if (Num.isNumber(v)) {
                    add(v);
                }
            }
        }

        private void add(BsonValue v) {
            count++;
            int old = kind;
            kind = Math.max(kind, Num.kind(v));
            if (old != kind) {
                if (kind == Num.DOUBLE && old != Num.DOUBLE) {
                    doubleSum = longSum;
                } else if (kind == Num.DECIMAL) {
                    decimalSum = old == Num.DOUBLE ? Num.decimalOf(doubleSum) : Num.decimalOf(BigDecimal.valueOf(longSum));
                }
            }
            switch (kind) {
                case Num.INT, Num.LONG -> {
                    try {
                        longSum = Math.addExact(longSum, Num.toLong(v));
                    } catch (ArithmeticException overflow) {
                        kind = Num.DOUBLE;
                        doubleSum = (double) longSum + Num.toDouble(v);
                    }
                }
                case Num.DOUBLE -> doubleSum += Num.toDouble(v);
                default -> decimalSum = Num.decimalOp(decimalSum, v, BigDecimal::add, Double::sum);
            }
        }

        BsonValue total() {
            return switch (kind) {
                case Num.INT -> longSum == (int) longSum ? new BsonInt32((int) longSum) : new BsonInt64(longSum);
                case Num.LONG -> new BsonInt64(longSum);
                case Num.DOUBLE -> new BsonDouble(doubleSum);
                default -> decimalSum;
            };
        }

        BsonValue average() {
            if (count == 0) {
                return BsonNull.VALUE;
            }
            return switch (kind) {
                case Num.INT, Num.LONG -> new BsonDouble((double) longSum / count);
                case Num.DOUBLE -> new BsonDouble(doubleSum / count);
                default -> Num.decimalOp(decimalSum, new BsonInt64(count),
                        (a, b) -> a.divide(b, MathContext.DECIMAL128), (a, b) -> a / b);
            };
        }
    }

}
