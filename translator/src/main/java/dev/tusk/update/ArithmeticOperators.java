package dev.tusk.update;

import dev.tusk.bson.BsonNumbers;
import dev.tusk.bson.BsonText;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * $inc and $mul with MongoDB's numeric rules: int32 overflow widens to int64, int64 overflow is an
 * error, a double makes a double, a Decimal128 makes a Decimal128.
 */
final class ArithmeticOperators {
    private ArithmeticOperators() {}

    record Arithmetic(FieldPath path, BsonValue operand, boolean multiply) implements FieldUpdate {
        @Override
        public void apply(BsonDocument doc, UpdateContext cx) {
            Optional<BsonValue> current = DocumentPaths.get(doc, path);
            if (current.isEmpty()) {
                DocumentPaths.set(doc, path, multiply ? zeroLike(operand) : operand);
                return;
            }
            BsonValue value = current.get();
            String op = multiply ? "$mul" : "$inc";
            if (!BsonNumbers.isNumber(value)) {
                throw ErrorCode.TYPE_MISMATCH.error("Cannot apply " + op + " to a value of non-numeric type. " + cx.idText()
                        + " has the field '" + path.last() + "' of non-numeric type " + BsonText.typeName(value));
            }
            BsonValue result = multiply ? product(value, operand) : sum(value, operand);
            if (result == null) {
                throw ErrorCode.BAD_VALUE.error("Failed to apply " + op + " operations to current value ("
                        + "(NumberLong)" + BsonText.value(value) + ") for document " + cx.idText());
            }
            DocumentPaths.set(doc, path, result);
        }
    }

    static FieldUpdate inc(FieldPath path, BsonValue arg) {
        return parse(path, arg, false);
    }

    static FieldUpdate mul(FieldPath path, BsonValue arg) {
        return parse(path, arg, true);
    }

    private static FieldUpdate parse(FieldPath path, BsonValue arg, boolean multiply) {
        if (!BsonNumbers.isNumber(arg)) {
            throw ErrorCode.TYPE_MISMATCH.error("Cannot " + (multiply ? "multiply" : "increment")
                    + " with non-numeric argument: " + BsonText.braced(path.dotted(), arg));
        }
        return new Arithmetic(path, arg, multiply);
    }

    private static BsonValue zeroLike(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32 -> new BsonInt32(0);
            case INT64 -> new BsonInt64(0);
            case DOUBLE -> new BsonDouble(0);
            default -> new BsonDecimal128(Decimal128.parse("0"));
        };
    }

    /** a + b, or null on int64 overflow. */
    static BsonValue sum(BsonValue a, BsonValue b) {
        if (a.isDecimal128() || b.isDecimal128()) {
            return decimal(a, b, false);
        }
        if (a.isDouble() || b.isDouble()) {
            return new BsonDouble(a.asNumber().doubleValue() + b.asNumber().doubleValue());
        }
        long x = a.asNumber().longValue();
        long y = b.asNumber().longValue();
        if (a.isInt32() && b.isInt32()) {
            long sum = x + y;
            return sum == (int) sum ? new BsonInt32((int) sum) : new BsonInt64(sum);
        }
        try {
            return new BsonInt64(Math.addExact(x, y));
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    /** a * b, or null on int64 overflow. */
    static BsonValue product(BsonValue a, BsonValue b) {
        if (a.isDecimal128() || b.isDecimal128()) {
            return decimal(a, b, true);
        }
        if (a.isDouble() || b.isDouble()) {
            return new BsonDouble(a.asNumber().doubleValue() * b.asNumber().doubleValue());
        }
        long x = a.asNumber().longValue();
        long y = b.asNumber().longValue();
        if (a.isInt32() && b.isInt32()) {
            long product = x * y;
            return product == (int) product ? new BsonInt32((int) product) : new BsonInt64(product);
        }
        try {
            return new BsonInt64(Math.multiplyExact(x, y));
        } catch (ArithmeticException overflow) {
            return null;
        }
    }

    private static BsonValue decimal(BsonValue a, BsonValue b, boolean multiply) {
        Optional<BigDecimal> x = BsonNumbers.exact(a);
        Optional<BigDecimal> y = BsonNumbers.exact(b);
        if (x.isEmpty() || y.isEmpty()) {
            // NaN or an infinity is involved: IEEE rules, as Decimal128
            double dx = a.isDecimal128() ? a.asDecimal128().getValue().doubleValue() : a.asNumber().doubleValue();
            double dy = b.isDecimal128() ? b.asDecimal128().getValue().doubleValue() : b.asNumber().doubleValue();
            double r = multiply ? dx * dy : dx + dy;
            return new BsonDecimal128(Double.isNaN(r) ? Decimal128.NaN
                    : r > 0 ? Decimal128.POSITIVE_INFINITY : Decimal128.NEGATIVE_INFINITY);
        }
        BigDecimal r = multiply ? x.get().multiply(y.get(), MathContext.DECIMAL128) : x.get().add(y.get(), MathContext.DECIMAL128);
        return new BsonDecimal128(new Decimal128(r));
    }
}
