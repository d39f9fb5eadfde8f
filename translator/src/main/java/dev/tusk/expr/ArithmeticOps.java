package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.bson.BsonDateTime;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonType;
import org.bson.BsonValue;

/** $add $subtract $multiply $divide $mod $abs $ceil $floor (the rest of arithmetic is in {@link PowerOps}). */
final class ArithmeticOps {
    private ArithmeticOps() {}

    static Expr add(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.parse(arg, cx), ArithmeticOps::addValues);
    }

    static BsonValue addValues(List<BsonValue> values) {
        AddState state = new AddState();
        for (BsonValue v : values) {
            if (Values.nullish(v)) {
                return BsonNull.VALUE;
            }
            if (!Num.isNumber(v) && v.getBsonType() != BsonType.DATE_TIME) {
                throw ErrorCode.TYPE_MISMATCH.error("$add only supports numeric or date types, not " + Values.typeName(v));
            }
            state.add(v);
        }
        return state.result();
    }

    /** MongoDB's AddState: separate long/double/decimal totals by widest type; a date switches to millisecond arithmetic. */
    private static final class AddState {
        private int kind = Num.INT;
        private long longTotal;
        private double doubleTotal;
        private BsonValue decimalTotal;
        private boolean isDate;

        void add(BsonValue v) {
            if (v.getBsonType() == BsonType.DATE_TIME) {
                if (isDate) {
                    throw ErrorCode.LOCATION_16612.error("only one date allowed in an $add expression");
                }
                BsonValue old = result();
                longTotal = 0;
                addToDate(old);
                isDate = true;
                addToDate(new BsonInt64(v.asDateTime().getValue()));
                return;
            }
            if (isDate) {
                addToDate(v);
                return;
            }
            int old = kind;
            kind = Math.max(kind, Num.kind(v));
            if (old != kind) {
                if (kind == Num.DOUBLE) {
                    doubleTotal = longTotal;
                } else if (kind == Num.DECIMAL) {
                    decimalTotal = old == Num.DOUBLE ? Num.decimalOf(doubleTotal) : Num.decimalOf(BigDecimal.valueOf(longTotal));
                }
            }
            switch (kind) {
                case Num.INT, Num.LONG -> {
                    try {
                        longTotal = Math.addExact(longTotal, Num.toLong(v));
                    } catch (ArithmeticException overflow) {
                        kind = Num.DOUBLE;
                        doubleTotal = longTotal + Num.toDouble(v);
                    }
                }
                case Num.DOUBLE -> doubleTotal += Num.toDouble(v);
                default -> decimalTotal = Num.decimalOp(decimalTotal, v, BigDecimal::add, Double::sum);
            }
        }

        private void addToDate(BsonValue v) {
            long n = switch (v.getBsonType()) {
                case INT32, INT64 -> Num.toLong(v);
                case DOUBLE -> {
                    double d = v.asDouble().getValue();
                    if (!(d >= -0x1p63 && d < 0x1p63)) {
                        throw ErrorCode.OVERFLOW.error("date overflow");
                    }
                    yield llround(d);
                }
                default -> {
                    Long l = Num.nonFinite(v) ? null : Num.toBigDecimal(v).setScale(0, RoundingMode.HALF_EVEN).longValue();
                    if (l == null) {
                        throw ErrorCode.OVERFLOW.error("date overflow");
                    }
                    yield l;
                }
            };
            try {
                longTotal = Math.addExact(longTotal, n);
            } catch (ArithmeticException e) {
                throw ErrorCode.OVERFLOW.error("date overflow");
            }
        }

        BsonValue result() {
            if (isDate) {
                return new BsonDateTime(longTotal);
            }
            return switch (kind) {
                case Num.INT -> Num.intOrLong(longTotal);
                case Num.LONG -> new BsonInt64(longTotal);
                case Num.DOUBLE -> new BsonDouble(doubleTotal);
                default -> decimalTotal;
            };
        }
    }

    static long llround(double d) {
        return d < 0 ? -(long) Math.floor(-d + 0.5) : (long) Math.floor(d + 0.5);
    }

    static Expr subtract(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 2), v -> subtractValues(v.get(0), v.get(1)));
    }

    static BsonValue subtractValues(BsonValue lhs, BsonValue rhs) {
        if (Num.isNumber(lhs) && Num.isNumber(rhs)) {
            int kind = Math.max(Num.kind(lhs), Num.kind(rhs));
            switch (kind) {
                case Num.DECIMAL:
                    return Num.decimalOp(lhs, rhs, BigDecimal::subtract, (a, b) -> a - b);
                case Num.DOUBLE:
                    return new BsonDouble(Num.toDouble(lhs) - Num.toDouble(rhs));
                case Num.LONG:
                    try {
                        return new BsonInt64(Math.subtractExact(Num.toLong(lhs), Num.toLong(rhs)));
                    } catch (ArithmeticException overflow) {
                        return new BsonDouble(Num.toDouble(lhs) - Num.toDouble(rhs));
                    }
                default:
                    return Num.intOrLong(Num.toLong(lhs) - Num.toLong(rhs));
            }
        }
        if (Values.nullish(lhs) || Values.nullish(rhs)) {
            return BsonNull.VALUE;
        }
        if (lhs.getBsonType() == BsonType.DATE_TIME) {
            long ms = lhs.asDateTime().getValue();
            if (rhs.getBsonType() == BsonType.DATE_TIME) {
                return new BsonInt64(ms - rhs.asDateTime().getValue());
            }
            if (Num.isNumber(rhs)) {
                long n;
                if (rhs.getBsonType() == BsonType.DOUBLE) {
                    double d = rhs.asDouble().getValue();
                    if (!(d >= -0x1p63 && d < 0x1p63)) {
                        throw ErrorCode.OVERFLOW.error("date overflow");
                    }
                    n = llround(d);
                } else if (rhs.getBsonType() == BsonType.DECIMAL128) {
                    if (Num.nonFinite(rhs)) {
                        throw ErrorCode.OVERFLOW.error("date overflow");
                    }
                    n = Num.toBigDecimal(rhs).setScale(0, RoundingMode.HALF_EVEN).longValue();
                } else {
                    n = Num.toLong(rhs);
                }
                try {
                    return new BsonDateTime(Math.subtractExact(ms, n));
                } catch (ArithmeticException e) {
                    throw ErrorCode.OVERFLOW.error("date overflow");
                }
            }
            throw ErrorCode.TYPE_MISMATCH.error("can't $subtract %s from Date", Values.typeName(rhs));
        }
        throw ErrorCode.TYPE_MISMATCH.error("can't $subtract %s from %s", Values.typeName(rhs), Values.typeName(lhs));
    }

    static Expr multiply(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.parse(arg, cx), values -> {
            int kind = Num.INT;
            long longProduct = 1;
            double doubleProduct = 1;
            BsonValue decimalProduct = null;
            for (BsonValue v : values) {
                if (Values.nullish(v)) {
                    return BsonNull.VALUE;
                }
                if (!Num.isNumber(v)) {
                    throw ErrorCode.TYPE_MISMATCH.error("$multiply only supports numeric types, not " + Values.typeName(v));
                }
                int old = kind;
                kind = Math.max(kind, Num.kind(v));
                if (kind == Num.DECIMAL) {
                    if (old != Num.DECIMAL) {
                        decimalProduct = old == Num.DOUBLE ? Num.decimalOf(doubleProduct) : Num.decimalOf(BigDecimal.valueOf(longProduct));
                    }
                    decimalProduct = Num.decimalOp(decimalProduct, v, BigDecimal::multiply, (a, b) -> a * b);
                } else {
                    doubleProduct *= Num.toDouble(v);
                    if (kind != Num.DOUBLE) {
                        try {
                            longProduct = Math.multiplyExact(longProduct, Num.toLong(v));
                        } catch (ArithmeticException overflow) {
                            kind = Num.DOUBLE;
                        }
                    }
                }
            }
            return switch (kind) {
                case Num.INT -> Num.intOrLong(longProduct);
                case Num.LONG -> new BsonInt64(longProduct);
                case Num.DOUBLE -> new BsonDouble(doubleProduct);
                default -> decimalProduct;
            };
        });
    }

    static Expr divide(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 2), v -> {
            BsonValue lhs = v.get(0);
            BsonValue rhs = v.get(1);
            if (Num.isNumber(lhs) && Num.isNumber(rhs)) {
                if (Num.kind(lhs) == Num.DECIMAL || Num.kind(rhs) == Num.DECIMAL) {
                    if (!Num.nonFinite(rhs) && Num.toBigDecimal(rhs).signum() == 0) {
                        throw ErrorCode.BAD_VALUE.error("can't $divide by zero");
                    }
                    return Num.decimalOp(lhs, rhs, (a, b) -> a.divide(b, MathContext.DECIMAL128), (a, b) -> a / b);
                }
                double denom = Num.toDouble(rhs);
                if (denom == 0) {
                    throw ErrorCode.BAD_VALUE.error("can't $divide by zero");
                }
                return new BsonDouble(Num.toDouble(lhs) / denom);
            }
            if (Values.nullish(lhs) || Values.nullish(rhs)) {
                return BsonNull.VALUE;
            }
            throw ErrorCode.TYPE_MISMATCH.error("$divide only supports numeric types, not %s and %s",
                    Values.typeName(lhs), Values.typeName(rhs));
        });
    }

    static Expr mod(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 2), v -> {
            BsonValue lhs = v.get(0);
            BsonValue rhs = v.get(1);
            if (Num.isNumber(lhs) && Num.isNumber(rhs)) {
                int kind = Math.max(Num.kind(lhs), Num.kind(rhs));
                if (kind == Num.DECIMAL) {
                    if (!Num.nonFinite(rhs) && Num.toBigDecimal(rhs).signum() == 0) {
                        throw ErrorCode.LOCATION_5733415.error("can't $mod by zero");
                    }
                    return Num.decimalOp(lhs, rhs, (a, b) -> a.remainder(b, MathContext.DECIMAL128), (a, b) -> a % b);
                }
                if (Num.toDouble(rhs) == 0) {
                    throw ErrorCode.LOCATION_16610.error("can't $mod by zero");
                }
                return switch (kind) {
                    case Num.DOUBLE -> new BsonDouble(Num.toDouble(lhs) % Num.toDouble(rhs));
                    case Num.LONG -> new BsonInt64(Num.toLong(lhs) % Num.toLong(rhs));
                    default -> new BsonInt32((int) Num.toLong(lhs) % (int) Num.toLong(rhs));
                };
            }
            if (Values.nullish(lhs) || Values.nullish(rhs)) {
                return BsonNull.VALUE;
            }
            throw ErrorCode.LOCATION_16611.error("$mod only supports numeric types, not %s and %s",
                    Values.typeName(lhs), Values.typeName(rhs));
        });
    }

    /** One numeric argument: null for nullish, 28765 for a non-number, else f. */
    static Expr unary(String name, BsonValue arg, ParseContext cx, UnaryOperator<BsonValue> f) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            BsonValue x = v.get(0);
            if (Values.nullish(x)) {
                return BsonNull.VALUE;
            }
            if (!Num.isNumber(x)) {
                throw ErrorCode.LOCATION_28765.error("%s only supports numeric types, not %s", name, Values.typeName(x));
            }
            return f.apply(x);
        });
    }

    static Expr abs(String name, BsonValue arg, ParseContext cx) {
        return unary(name, arg, cx, x -> switch (x.getBsonType()) {
            case DOUBLE -> new BsonDouble(Math.abs(x.asDouble().getValue()));
            case DECIMAL128 -> x.asDecimal128().getValue().isNegative()
                    ? Num.decimalOp(x, new BsonInt32(-1), BigDecimal::multiply, (a, b) -> a * b) : x;
            default -> {
                long n = Num.toLong(x);
                if (n == Long.MIN_VALUE) {
                    throw ErrorCode.LOCATION_28680.error("can't take $abs of long long min");
                }
                yield x.getBsonType() == BsonType.INT64 ? new BsonInt64(Math.abs(n)) : Num.intOrLong(Math.abs(n));
            }
        });
    }

    static Expr ceil(String name, BsonValue arg, ParseContext cx) {
        return unary(name, arg, cx, x -> integral(x, Math::ceil, RoundingMode.CEILING));
    }

    static Expr floor(String name, BsonValue arg, ParseContext cx) {
        return unary(name, arg, cx, x -> integral(x, Math::floor, RoundingMode.FLOOR));
    }

    private static BsonValue integral(BsonValue x, DoubleUnaryOperator d, RoundingMode mode) {
        return switch (x.getBsonType()) {
            case DOUBLE -> new BsonDouble(d.applyAsDouble(x.asDouble().getValue()));
            case DECIMAL128 -> Num.nonFinite(x) ? x : Num.decimalOf(Num.toBigDecimal(x).setScale(0, mode));
            default -> x;
        };
    }
}
