package dev.tusk.storage;

import dev.tusk.bson.BsonNumbers;
import dev.tusk.bson.DoubleDigits;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDbPointer;
import org.bson.BsonDocument;
import org.bson.BsonJavaScript;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/**
 * The {@code _key} column: an order-preserving canonical encoding of an {@code _id}. Unsigned byte
 * order of two keys (PostgreSQL's {@code bytea} order) is MongoDB's BSON order of the values, and
 * values MongoDB holds equal (int32 1, int64 1, double 1.0, Decimal128 1.00; -0 and 0; all NaNs)
 * get identical keys. Every encoding is prefix-free, so values concatenate inside documents and
 * arrays without changing the order.
 *
 * <p>Layout: a type byte (the canonical bracket, 1 = MinKey … 17 = MaxKey), then per type:
 * numbers a class byte (NaN, -Inf, negative, zero, positive, +Inf) and, for non-zero finite values,
 * the decimal exponent (2 bytes, biased) and digit pairs (1..100) ended by 0, all complemented for
 * negatives; strings UTF-8 with 0x00 as 0x00 0xFF, ended by 0x00 0x00; documents per element
 * type byte, name, value, ended by 0x00; arrays per element type byte, value, ended by 0x00;
 * binData length (4 bytes), subtype, bytes; ObjectId its 12 bytes; dates with the sign bit flipped.
 */
public final class IdKey {
    private static final int MIN_KEY = 1, UNDEFINED = 2, NULL = 3, NUMBER = 4, STRING = 5, DOCUMENT = 6, ARRAY = 7,
            BINARY = 8, OBJECT_ID = 9, BOOLEAN = 10, DATE = 11, TIMESTAMP = 12, REGEX = 13, DB_POINTER = 14, CODE = 15,
            CODE_WITH_SCOPE = 16, MAX_KEY = 17;
    private static final int NAN = 1, NEGATIVE_INFINITY = 2, NEGATIVE = 3, ZERO = 4, POSITIVE = 5, POSITIVE_INFINITY = 6;
    private static final int EXPONENT_BIAS = 0x8000;

    private IdKey() {
    }

    public static byte[] encode(BsonValue id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        out.write(typeByte(id));
        value(id, out);
        return out.toByteArray();
    }

    /** The first byte of every encoding of v's type bracket: keys of one bracket lie in [bracket, bracket + 1). */
    public static int bracket(BsonValue v) {
        return typeByte(v);
    }

    /** The bracket of a BSON type's values (a $type code's), as {@link #bracket(BsonValue)} gives it for each of them. */
    public static int bracket(org.bson.BsonType type) {
        return typeByte(type);
    }

    private static int typeByte(BsonValue v) {
        return typeByte(v.getBsonType());
    }

    private static int typeByte(org.bson.BsonType type) {
        return switch (type) {
            case MIN_KEY -> MIN_KEY;
            case UNDEFINED, END_OF_DOCUMENT -> UNDEFINED;
            case NULL -> NULL;
            case INT32, INT64, DOUBLE, DECIMAL128 -> NUMBER;
            case STRING, SYMBOL -> STRING;
            case DOCUMENT -> DOCUMENT;
            case ARRAY -> ARRAY;
            case BINARY -> BINARY;
            case OBJECT_ID -> OBJECT_ID;
            case BOOLEAN -> BOOLEAN;
            case DATE_TIME -> DATE;
            case TIMESTAMP -> TIMESTAMP;
            case REGULAR_EXPRESSION -> REGEX;
            case DB_POINTER -> DB_POINTER;
            case JAVASCRIPT -> CODE;
            case JAVASCRIPT_WITH_SCOPE -> CODE_WITH_SCOPE;
            case MAX_KEY -> MAX_KEY;
        };
    }

    private static void value(BsonValue v, ByteArrayOutputStream out) {
        switch (v.getBsonType()) {
            case MIN_KEY, MAX_KEY, UNDEFINED, END_OF_DOCUMENT, NULL -> {
            }
            case INT32, INT64, DOUBLE, DECIMAL128 -> number(v, out);
            case STRING -> string(((BsonString) v).getValue(), out);
            case SYMBOL -> string(((BsonSymbol) v).getSymbol(), out);
            case DOCUMENT -> document(v.asDocument(), out);
            case ARRAY -> array(v.asArray(), out);
            case BINARY -> {
                BsonBinary b = (BsonBinary) v;
                int32(b.getData().length, out);
                out.write(b.getType());
                out.writeBytes(b.getData());
            }
            case OBJECT_ID -> out.writeBytes(((BsonObjectId) v).getValue().toByteArray());
            case BOOLEAN -> out.write(((BsonBoolean) v).getValue() ? 1 : 0);
            case DATE_TIME -> int64(((BsonDateTime) v).getValue() ^ Long.MIN_VALUE, out);
            case TIMESTAMP -> int64(((BsonTimestamp) v).getValue(), out);
            case REGULAR_EXPRESSION -> {
                BsonRegularExpression r = (BsonRegularExpression) v;
                string(r.getPattern(), out);
                string(r.getOptions(), out);
            }
            case DB_POINTER -> {
                BsonDbPointer p = (BsonDbPointer) v;
                int32(p.getNamespace().getBytes(StandardCharsets.UTF_8).length, out);
                string(p.getNamespace(), out);
                out.writeBytes(p.getId().toByteArray());
            }
            case JAVASCRIPT -> string(((BsonJavaScript) v).getCode(), out);
            case JAVASCRIPT_WITH_SCOPE -> {
                BsonJavaScriptWithScope c = (BsonJavaScriptWithScope) v;
                string(c.getCode(), out);
                document(c.getScope(), out);
            }
        }
    }

    private static void document(BsonDocument doc, ByteArrayOutputStream out) {
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            out.write(typeByte(e.getValue()));
            string(e.getKey(), out);
            value(e.getValue(), out);
        }
        out.write(0);
    }

    private static void array(BsonArray array, ByteArrayOutputStream out) {
        for (BsonValue element : array) {
            out.write(typeByte(element));
            value(element, out);
        }
        out.write(0);
    }

    private static void string(String s, ByteArrayOutputStream out) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
        out.write(0);
        out.write(0);
    }

    private static void number(BsonValue v, ByteArrayOutputStream out) {
        if (BsonNumbers.isNaN(v)) {
            out.write(NAN);
            return;
        }
        switch (BsonNumbers.infinitySign(v)) {
            case 1 -> out.write(POSITIVE_INFINITY);
            case -1 -> out.write(NEGATIVE_INFINITY);
            default -> {
                if (v instanceof org.bson.BsonDouble d && d.getValue() != 0) {
                    DoubleDigits exact = DoubleDigits.of(d.getValue());
                    finite(exact.negative(), exact.digits(), exact.digits().length() - exact.scale(), out);
                } else {
                    finite(BsonNumbers.exactStripped(v).orElseThrow(), out);
                }
            }
        }
    }

    /** 0.d1d2…dn × 10^e with d1 ≠ 0 and dn ≠ 0: exponent, then digit pairs, then 0. {@code value} has no trailing zeros. */
    private static void finite(BigDecimal value, ByteArrayOutputStream out) {
        if (value.signum() == 0) {
            out.write(ZERO);
            return;
        }
        BigDecimal magnitude = value.abs();
        String digits = magnitude.unscaledValue().toString();
        finite(value.signum() < 0, digits, digits.length() - magnitude.scale(), out);
    }

    /** ±0.digits × 10^exponent, digits without leading or trailing zeros. */
    private static void finite(boolean negative, String digits, int exponent, ByteArrayOutputStream out) {
        int flip = negative ? 0xFF : 0;
        out.write(negative ? NEGATIVE : POSITIVE);
        int biased = exponent + EXPONENT_BIAS;
        out.write(((biased >>> 8) & 0xFF) ^ flip);
        out.write((biased & 0xFF) ^ flip);
        for (int i = 0; i < digits.length(); i += 2) {
            int high = digits.charAt(i) - '0';
            int low = i + 1 < digits.length() ? digits.charAt(i + 1) - '0' : 0;
            out.write((1 + high * 10 + low) ^ flip);
        }
        out.write(flip);
    }

    private static void int32(int v, ByteArrayOutputStream out) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void int64(long v, ByteArrayOutputStream out) {
        int32((int) (v >>> 32), out);
        int32((int) v, out);
    }
}
