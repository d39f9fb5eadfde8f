package dev.tusk.sql;

import java.util.List;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** Random documents and values from small pools, so that random filters hit them often. */
final class RandomBson {
    static final List<String> NAMES = List.of("a", "b", "c", "0", "1");
    static final List<String> STRINGS = List.of("", "a", "B", "ab", "abc", "é", "z", "😀", "\uE000", "x\u0000y", "x\u0001y", "x");

    private final Random random;

    RandomBson(Random random) {
        this.random = random;
    }

    /** n top-level documents. */
    List<BsonDocument> documents(int n) {
        List<BsonDocument> docs = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(document(0));
        }
        return docs;
    }

    BsonDocument document(int depth) {
        BsonDocument doc = new BsonDocument();
        int n = random.nextInt(depth == 0 ? 4 : 3) + (depth == 0 ? 1 : 0);
        for (int i = 0; i < n; i++) {
            doc.put(NAMES.get(random.nextInt(NAMES.size())), value(depth + 1));
        }
        if (depth > 0 && random.nextInt(20) == 0) {
            doc.put("$d", value(depth + 1));
        }
        return doc;
    }

    BsonValue value(int depth) {
        int kind = random.nextInt(depth >= 3 ? 10 : 14);
        return switch (kind) {
            case 0, 1 -> number();
            case 2 -> new BsonString(STRINGS.get(random.nextInt(STRINGS.size())));
            case 3 -> BsonNull.VALUE;
            case 4 -> BsonBoolean.valueOf(random.nextBoolean());
            case 5 -> new BsonDateTime(random.nextInt(5) * 1000L - 2000);
            case 6 -> new BsonObjectId(new ObjectId(String.format("65000000000000000000000%d", random.nextInt(4))));
            case 7 -> rare();
            case 8, 9 -> number();
            case 10, 11 -> array(depth);
            default -> document(depth);
        };
    }

    BsonArray array(int depth) {
        BsonArray array = new BsonArray();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            array.add(value(depth + 1));
        }
        return array;
    }

    BsonValue number() {
        int v = random.nextInt(7) - 3;
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> new BsonInt32(v);
            case 3, 4 -> new BsonInt64(v);
            case 5, 6 -> new BsonDouble(v + (random.nextBoolean() ? 0.5 : 0));
            case 7 -> new BsonDecimal128(Decimal128.parse(v + ".50"));
            case 8 -> new BsonDouble(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e20, 0.1)
                    .get(random.nextInt(6)));
            case 9 -> new BsonDecimal128(List.of(Decimal128.NaN, Decimal128.POSITIVE_INFINITY, Decimal128.NEGATIVE_ZERO,
                    Decimal128.parse("1E+5000"), Decimal128.parse("0.1")).get(random.nextInt(5)));
            case 10 -> new BsonInt64(random.nextBoolean() ? Long.MAX_VALUE : 9007199254740993L);
            default -> new BsonInt32(v);
        };
    }

    BsonValue rare() {
        return switch (random.nextInt(7)) {
            case 0 -> new BsonTimestamp(random.nextInt(3), random.nextInt(3));
            case 1 -> new BsonBinary((byte) random.nextInt(2), new byte[] {(byte) random.nextInt(3)});
            case 2 -> new BsonRegularExpression(random.nextBoolean() ? "a" : "^b", random.nextBoolean() ? "i" : "");
            case 3 -> new BsonMinKey();
            case 4 -> new BsonMaxKey();
            case 5 -> new BsonSymbol("ab");
            default -> new BsonDouble(Double.NaN);
        };
    }
}
