package dev.tusk.query;

import dev.tusk.bson.BsonNumbers;
import dev.tusk.bson.BsonText;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterNode.BitTest;
import dev.tusk.query.FilterNode.Bits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.BsonBinary;
import org.bson.BsonValue;

/**
 * $bitsAllSet $bitsAllClear $bitsAnySet $bitsAnyClear. The mask is a non-negative integer, an array
 * of bit positions or BinData; the field matches when it is an integral number representable as a
 * 64-bit integer (two's complement: bits past 63 are the sign) or BinData, whose bits pass the test.
 */
final class BitOps {
    private BitOps() {}

    static FilterNode allSet(FieldPath path, BsonValue mask) {
        return new Bits(path, BitTest.ALL_SET, positions("$bitsAllSet", mask));
    }

    static FilterNode allClear(FieldPath path, BsonValue mask) {
        return new Bits(path, BitTest.ALL_CLEAR, positions("$bitsAllClear", mask));
    }

    static FilterNode anySet(FieldPath path, BsonValue mask) {
        return new Bits(path, BitTest.ANY_SET, positions("$bitsAnySet", mask));
    }

    static FilterNode anyClear(FieldPath path, BsonValue mask) {
        return new Bits(path, BitTest.ANY_CLEAR, positions("$bitsAnyClear", mask));
    }

    private static List<Integer> positions(String op, BsonValue mask) {
        List<Integer> out = new ArrayList<>();
        if (mask instanceof BsonBinary b) {
            byte[] data = b.getData();
            for (int i = 0; i < data.length * 8; i++) {
                if ((data[i / 8] >> (i % 8) & 1) != 0) {
                    out.add(i);
                }
            }
            return out;
        }
        if (mask.isArray()) {
            for (BsonValue v : mask.asArray()) {
                Optional<Long> n = integral(v);
                if (n.isEmpty() || n.get() < 0 || n.get() > Integer.MAX_VALUE) {
                    throw ErrorCode.BAD_VALUE.error("bit positions must be a non-negative integer representable as a 32-bit "
                            + "integer: " + BsonText.value(v));
                }
                out.add(n.get().intValue());
            }
            return out;
        }
        Optional<Long> n = integral(mask);
        if (!BsonNumbers.isNumber(mask)) {
            throw ErrorCode.BAD_VALUE.error(op + " takes an Array, a number, or a BinData but received: " + BsonText.element(op, mask));
        }
        if (n.isEmpty() || n.get() < 0) {
            throw ErrorCode.BAD_VALUE.error(op + " requires a non-negative integer representable as a 64-bit integer bitmask, "
                    + "found: " + BsonText.value(mask));
        }
        for (int i = 0; i < 64; i++) {
            if ((n.get() >> i & 1) != 0) {
                out.add(i);
            }
        }
        return out;
    }

    /** The value as a 64-bit integer, if it is an integral number that fits. */
    static Optional<Long> integral(BsonValue v) {
        if (v.isInt32() || v.isInt64()) {
            return Optional.of(v.asNumber().longValue());
        }
        Optional<BigDecimal> exact = BsonNumbers.isNumber(v) ? BsonNumbers.exact(v) : Optional.empty();
        if (exact.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(exact.get().longValueExact());
        } catch (ArithmeticException notIntegral) {
            return Optional.empty();
        }
    }

    static boolean matches(Bits b, BsonValue v) {
        if (v == null) {
            return false;
        }
        if (v instanceof BsonBinary bin) {
            byte[] data = bin.getData();
            return test(b, i -> i / 8 < data.length && (data[i / 8] >> (i % 8) & 1) != 0);
        }
        Optional<Long> n = integral(v);
        if (n.isEmpty()) {
            return false;
        }
        long x = n.get();
        return test(b, i -> i < 64 ? (x >> i & 1) != 0 : x < 0);
    }

    private static boolean test(Bits b, java.util.function.IntPredicate bitSet) {
        return switch (b.test()) {
            case ALL_SET -> b.positions().stream().allMatch(bitSet::test);
            case ALL_CLEAR -> b.positions().stream().noneMatch(bitSet::test);
            case ANY_SET -> b.positions().stream().anyMatch(bitSet::test);
            case ANY_CLEAR -> b.positions().stream().anyMatch(i -> !bitSet.test(i));
        };
    }
}
