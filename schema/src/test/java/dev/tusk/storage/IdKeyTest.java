package dev.tusk.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.bson.BsonOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDbPointer;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class IdKeyTest {
    @Test
    void numericallyEqualValuesShareOneKey() {
        List<BsonValue> ones = List.of(new BsonInt32(1), new BsonInt64(1), new BsonDouble(1.0),
                new BsonDecimal128(Decimal128.parse("1.00")), new BsonDecimal128(Decimal128.parse("0.1E1")));
        for (BsonValue one : ones) {
            assertArrayEquals(IdKey.encode(ones.getFirst()), IdKey.encode(one), one.toString());
        }
        assertArrayEquals(IdKey.encode(new BsonDouble(0.0)), IdKey.encode(new BsonDouble(-0.0)));
        assertArrayEquals(IdKey.encode(new BsonInt32(0)), IdKey.encode(new BsonDecimal128(Decimal128.NEGATIVE_ZERO)));
        assertArrayEquals(IdKey.encode(new BsonDouble(Double.NaN)), IdKey.encode(new BsonDecimal128(Decimal128.NaN)));
        assertArrayEquals(IdKey.encode(new BsonDouble(Double.POSITIVE_INFINITY)),
                IdKey.encode(new BsonDecimal128(Decimal128.POSITIVE_INFINITY)));
        assertArrayEquals(IdKey.encode(new BsonString("x")), IdKey.encode(new BsonSymbol("x")));
        assertArrayEquals(IdKey.encode(BsonDocument.parse("{a: 1, b: [2]}")),
                IdKey.encode(BsonDocument.parse("{a: {$numberLong: '1'}, b: [2.0]}")));
    }

    @Test
    void knownOrders() {
        List<BsonValue> ascending = List.of(new BsonMinKey(), new BsonNull(), new BsonDouble(Double.NaN),
                new BsonDouble(Double.NEGATIVE_INFINITY), new BsonInt64(Long.MIN_VALUE), new BsonInt32(-100),
                new BsonDouble(-99.5), new BsonInt32(-5), new BsonDouble(-1e-300), new BsonInt32(0),
                new BsonDecimal128(Decimal128.parse("1E-6000")), new BsonDecimal128(Decimal128.parse("0.1")), new BsonDouble(0.1),
                new BsonInt32(1), new BsonDecimal128(Decimal128.parse("1.000000000000000000000000000000001")),
                new BsonDouble(1.5), new BsonInt32(2), new BsonInt32(10), new BsonInt64(Long.MAX_VALUE),
                new BsonDecimal128(Decimal128.parse("9.999999999999999999999999999999999E+6144")),
                new BsonDouble(Double.POSITIVE_INFINITY),
                new BsonString(""), new BsonString("\0"), new BsonString("\0\0"), new BsonString("\1"), new BsonString("a"),
                new BsonString("a\0"), new BsonString("ab"), new BsonString("é"), new BsonString("\uD83D\uDE00"),
                new BsonDocument(), BsonDocument.parse("{a: 1}"), BsonDocument.parse("{a: 1, b: 1}"),
                BsonDocument.parse("{b: 0}"), BsonDocument.parse("{a: 'x'}"),
                new BsonArray(), new BsonArray(List.of(new BsonInt32(1))), new BsonArray(List.of(new BsonString("a"))),
                new BsonBinary(new byte[] {9, 9}), new BsonBinary((byte) 4, new byte[] {0, 0}), new BsonBinary(new byte[3]),
                new BsonObjectId(new ObjectId("000000000000000000000000")), new BsonObjectId(new ObjectId("ffffffffffffffffffffffff")),
                BsonBoolean.FALSE, BsonBoolean.TRUE, new BsonDateTime(-1), new BsonDateTime(0), new BsonDateTime(1),
                new BsonTimestamp(1, 0), new BsonTimestamp(-1, 0),
                new BsonRegularExpression("a", ""), new BsonRegularExpression("a", "i"), new BsonRegularExpression("b", ""),
                new BsonMaxKey());
        for (int i = 0; i + 1 < ascending.size(); i++) {
            BsonValue a = ascending.get(i);
            BsonValue b = ascending.get(i + 1);
            assertTrue(Arrays.compareUnsigned(IdKey.encode(a), IdKey.encode(b)) < 0, a + " < " + b);
            assertTrue(BsonOrder.compare(a, b) < 0, "the list itself is in BSON order: " + a + " < " + b);
        }
    }

    /** A double's key, computed from its digits, is the key of the Decimal128 with its exact value. */
    @Test
    void doublesKeyAsTheirExactDecimal() {
        Random r = new Random(20261206);
        for (int i = 0; i < 10_000; i++) {
            double d = i % 2 == 0 ? Math.scalb((double) r.nextInt(), -r.nextInt(21)) : Math.scalb((double) r.nextInt(1 << 20), r.nextInt(80));
            BigDecimal exact = new BigDecimal(d);
            assertArrayEquals(IdKey.encode(new org.bson.BsonDecimal128(new Decimal128(exact))), IdKey.encode(new org.bson.BsonDouble(d)),
                    () -> "key of " + d);
        }
    }

    /** Random values of every type, many of them close or equal: byte order must be BsonOrder. */
    @Test
    void byteOrderIsBsonOrder() {
        Random random = new Random(20240601);
        List<BsonValue> values = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            values.add(randomValue(random, 0));
        }
        List<byte[]> keys = values.stream().map(IdKey::encode).toList();
        int equalAcrossTypes = 0;
        for (int n = 0; n < 300_000; n++) {
            int i = random.nextInt(values.size());
            int j = random.nextInt(values.size());
            int expected = Integer.signum(BsonOrder.compare(values.get(i), values.get(j)));
            if (expected == 0 && values.get(i).getBsonType() != values.get(j).getBsonType()) {
                equalAcrossTypes++;
            }
            int actual = Integer.signum(Arrays.compareUnsigned(keys.get(i), keys.get(j)));
            assertEquals(expected, actual, () -> values.get(i) + " vs " + values.get(j) + ": "
                    + HexFormat.of().formatHex(keys.get(i)) + " vs " + HexFormat.of().formatHex(keys.get(j)));
        }
        assertTrue(equalAcrossTypes > 100, "the generator must produce equal values of different types: " + equalAcrossTypes);
    }

    static BsonValue randomValue(Random r, int depth) {
        int kind = r.nextInt(depth < 3 ? 22 : 19);
        return switch (kind) {
            case 0 -> new BsonInt32(r.nextInt(7) - 3);
            case 1 -> new BsonInt32(r.nextInt());
            case 2 -> new BsonInt64(r.nextBoolean() ? r.nextInt(7) - 3 : r.nextLong());
            case 3 -> new BsonDouble(randomDouble(r));
            case 4 -> new BsonDecimal128(randomDecimal(r));
            case 5 -> new BsonString(randomString(r));
            case 6 -> new BsonSymbol(randomString(r));
            case 7 -> new BsonBinary((byte) r.nextInt(3), randomBytes(r));
            case 8 -> new BsonObjectId(new ObjectId(randomBytesOf(r, 12)));
            case 9 -> BsonBoolean.valueOf(r.nextBoolean());
            case 10 -> new BsonDateTime(r.nextBoolean() ? r.nextInt(5) - 2 : r.nextLong());
            case 11 -> new BsonTimestamp(r.nextBoolean() ? r.nextInt(3) : r.nextLong());
            case 12 -> new BsonRegularExpression(randomString(r).replace("\0", ""), r.nextBoolean() ? "i" : "");
            case 13 -> List.<BsonValue>of(new BsonMinKey(), new BsonMaxKey(), new BsonNull(), new BsonUndefined()).get(r.nextInt(4));
            case 14 -> new BsonDbPointer(r.nextBoolean() ? "db.c" : "db.coll", new ObjectId(randomBytesOf(r, 12)));
            case 15 -> new BsonJavaScript(randomString(r));
            case 16 -> new BsonInt32(r.nextInt(3));
            case 17 -> new BsonDouble(r.nextInt(3) + (r.nextBoolean() ? 0.5 : 0));
            case 18 -> new BsonString(r.nextBoolean() ? "a" : "b");
            case 19 -> randomDocument(r, depth);
            case 20 -> {
                BsonArray array = new BsonArray();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.add(randomValue(r, depth + 1));
                }
                yield array;
            }
            default -> new BsonJavaScriptWithScope(r.nextBoolean() ? "f" : "g", randomDocument(r, depth));
        };
    }

    private static BsonDocument randomDocument(Random r, int depth) {
        BsonDocument doc = new BsonDocument();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            doc.put(List.of("a", "b", "ab", "é", "").get(r.nextInt(5)), randomValue(r, depth + 1));
        }
        return doc;
    }

    private static double randomDouble(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                    Double.MIN_VALUE, -Double.MAX_VALUE).get(r.nextInt(7));
            case 1 -> r.nextInt(7) - 3;
            case 2 -> (r.nextInt(7) - 3) / 4.0;
            case 3 -> Double.longBitsToDouble(r.nextLong());
            default -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(40) - 20);
        };
    }

    private static Decimal128 randomDecimal(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> List.of(Decimal128.NaN, Decimal128.POSITIVE_INFINITY, Decimal128.NEGATIVE_INFINITY,
                    Decimal128.NEGATIVE_ZERO, Decimal128.parse("0E+10")).get(r.nextInt(5));
            case 1 -> new Decimal128(BigDecimal.valueOf(r.nextInt(7) - 3).setScale(r.nextInt(4)));
            case 2 -> new Decimal128(BigDecimal.valueOf(r.nextInt(13) - 6, 1));
            case 3 -> new Decimal128(new BigDecimal(new java.math.BigInteger(100, r), r.nextInt(12000) - 6000)
                    .round(java.math.MathContext.DECIMAL128));
            default -> new Decimal128(new BigDecimal(randomDouble(r) == 0 ? 1 : r.nextDouble() * 1000 - 500)
                    .round(java.math.MathContext.DECIMAL128));
        };
    }

    private static String randomString(Random r) {
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(5);
        String[] pieces = {"a", "b", "\0", "\1", "é", "\uD83D\uDE00", "\uFFFF", "z"};
        for (int i = 0; i < n; i++) {
            s.append(pieces[r.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    private static byte[] randomBytes(Random r) {
        return randomBytesOf(r, r.nextInt(4));
    }

    private static byte[] randomBytesOf(Random r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (r.nextBoolean() ? r.nextInt(3) - 1 : r.nextInt());
        }
        return b;
    }
}
