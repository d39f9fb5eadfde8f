package dev.tusk.storage;

import dev.tusk.bson.BsonNumbers;
import dev.tusk.bson.DoubleDigits;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBinaryReader;
import org.bson.BsonDocument;
import org.bson.BsonReader;
import org.bson.BsonRegularExpression;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * The JSONB query form of a document (the {@code q} column; table in docs/ARCHITECTURE.md): plain JSON
 * where JSON can say it, a one-key {@code {"$marker": ...}} object where it cannot, so that
 * comparisons inside one BSON type are plain jsonpath comparisons.
 *
 * <p>Two lossy spots, both order-preserving so that SQL stays a superset:
 * <ul>
 *   <li>PostgreSQL's jsonb rejects U+0000 in strings, so U+0000 is stored as U+0001
 *       ({@link #storedString}). The mapping never reorders two strings, but it can make two
 *       different strings equal: a pushdown whose string constant contains U+0000 or U+0001 is
 *       therefore a superset ({@link #isStringExact}).</li>
 *   <li>PostgreSQL's numeric accepts exponents only up to about ±1000; Decimal128 reaches ±6144.
 *       Finite numbers of magnitude ≥ 1E+901 are stored as ±1E+901, non-zero ones below 1E-900 as
 *       ±1E-901. Constants outside [1E-900, 1E+901) are not pushed down exactly ({@link #isNumberExact}).</li>
 * </ul>
 *
 * <p>A number also says its BSON type, in the one place JSON leaves free: how many digits follow its
 * decimal point (numeric's display scale, which jsonb keeps and which no comparison, equality or hash
 * looks at). The scale modulo 4 is the type ({@link #scaleTag}): 0 int32 ({@code 5}), 1 int64
 * ({@code 5.0}), 2 double ({@code 2.50}, the exact value padded with zeros), 3 Decimal128
 * ({@code 2.500}); SQL reads it as {@code scale(v::numeric) % 4}. Collections created before this
 * (catalog {@code q_format} 1) have plain numbers whose scale says nothing.
 */
public final class QueryForm {
    public static final String NUM = "$num";
    public static final String OID = "$oid";
    public static final String DATE = "$date";
    public static final String TS = "$ts";
    public static final String BIN = "$bin";
    public static final String REGEX = "$regex";
    public static final String OPTIONS = "$options";
    public static final String MIN_KEY = "$minKey";
    public static final String MAX_KEY = "$maxKey";
    public static final String UNDEFINED = "$undefined";
    public static final String CODE = "$code";
    public static final String SCOPE = "$scope";
    public static final String DB_POINTER = "$dbPointer";

    private static final int MAX_EXPONENT = 900;
    private static final BigDecimal HUGE = new BigDecimal("1E+901");
    private static final BigDecimal TINY = new BigDecimal("1E-901");
    private static final HexFormat HEX = HexFormat.of();

    private QueryForm() {}

    public static String toJson(BsonDocument doc) {
        StringBuilder sb = new StringBuilder(256);
        if (doc instanceof RawBsonDocument raw) {
            // straight from the bytes: RawBsonDocument.entrySet decodes the whole document through the codec registry
            try (BsonBinaryReader reader = new BsonBinaryReader(raw.getByteBuffer().asNIO())) {
                appendDocument(sb, reader);
            }
        } else {
            appendDocument(sb, doc);
        }
        return sb.toString();
    }

    public static String valueToJson(BsonValue v) {
        StringBuilder sb = new StringBuilder(32);
        appendValue(sb, v);
        return sb.toString();
    }

    /** The field name as stored: a leading '$' gets one more, so user fields never look like markers. */
    public static String storedName(String name) {
        return name.startsWith("$") ? "$" + name : name;
    }

    /** The string as stored (U+0000 → U+0001, see class comment). */
    public static String storedString(String s) {
        return s.indexOf('\0') < 0 ? s : s.replace('\0', '\u0001');
    }

    /** True if equality/order on this string constant is preserved exactly by {@link #storedString}. */
    public static boolean isStringExact(String s) {
        return s.indexOf('\0') < 0 && s.indexOf('\u0001') < 0;
    }

    /** True if the finite number v is stored as its exact value (see class comment). */
    public static boolean isNumberExact(BigDecimal v) {
        return v.signum() == 0 || Math.abs(adjustedExponent(v)) <= MAX_EXPONENT;
    }

    /** The JSON number text of a finite value as stored: exact decimal value, or the clamped sentinel. */
    public static String numberText(BigDecimal v) {
        return strippedNumberText(v.stripTrailingZeros());
    }

    /** {@link #numberText} of a value that has no trailing zeros already. */
    static String strippedNumberText(BigDecimal v) {
        if (v.signum() == 0) {
            return "0";
        }
        int exp = adjustedExponent(v);
        if (exp > MAX_EXPONENT) {
            return (v.signum() < 0 ? HUGE.negate() : HUGE).toString();
        }
        if (exp < -MAX_EXPONENT) {
            return (v.signum() < 0 ? TINY.negate() : TINY).toString();
        }
        return v.toString();
    }

    private static int adjustedExponent(BigDecimal v) {
        return v.precision() - v.scale() - 1;
    }

    private static void appendDocument(StringBuilder sb, BsonDocument doc) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            appendName(sb, e.getKey());
            appendValue(sb, e.getValue());
        }
        sb.append('}');
    }

    /** A field's stored name and the colon after it. */
    private static void appendName(StringBuilder sb, String name) {
        if (name.startsWith("$")) {
            sb.append("\"$");
            appendEscaped(sb, name);
            sb.append('"');
        } else {
            appendString(sb, name);
        }
        sb.append(':');
    }

    private static void appendDocument(StringBuilder sb, BsonReader reader) {
        sb.append('{');
        reader.readStartDocument();
        boolean first = true;
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            appendName(sb, reader.readName());
            appendValue(sb, reader);
        }
        reader.readEndDocument();
        sb.append('}');
    }

    /** The reader's current value, as {@link #appendValue(StringBuilder, BsonValue)} writes it. */
    private static void appendValue(StringBuilder sb, BsonReader reader) {
        switch (reader.getCurrentBsonType()) {
            case DOCUMENT -> appendDocument(sb, reader);
            case ARRAY -> {
                sb.append('[');
                reader.readStartArray();
                boolean first = true;
                while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    appendValue(sb, reader);
                }
                reader.readEndArray();
                sb.append(']');
            }
            case STRING -> appendString(sb, reader.readString());
            case INT32 -> sb.append(reader.readInt32());
            case INT64 -> sb.append(reader.readInt64()).append(".0");
            case DOUBLE -> appendNumber(sb, new org.bson.BsonDouble(reader.readDouble()));
            case BOOLEAN -> sb.append(reader.readBoolean());
            case NULL -> {
                reader.readNull();
                sb.append("null");
            }
            case OBJECT_ID -> marker(sb, OID).append('"').append(reader.readObjectId().toHexString()).append("\"}");
            case DATE_TIME -> marker(sb, DATE).append(reader.readDateTime()).append('}');
            case JAVASCRIPT_WITH_SCOPE -> {
                marker(sb, CODE);
                appendString(sb, reader.readJavaScriptWithScope());
                sb.append(",\"").append(SCOPE).append("\":");
                appendDocument(sb, reader);
                sb.append('}');
            }
            default -> appendValue(sb, LEAF.decode(reader, DECODING));
        }
    }

    /** The remaining (rare) types: decoded as values, then written as {@link #appendValue(StringBuilder, BsonValue)} does. */
    private static final org.bson.codecs.BsonValueCodec LEAF = new org.bson.codecs.BsonValueCodec();
    private static final org.bson.codecs.DecoderContext DECODING = org.bson.codecs.DecoderContext.builder().build();

    private static void appendArray(StringBuilder sb, BsonArray array) {
        sb.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendValue(sb, array.get(i));
        }
        sb.append(']');
    }

    private static void appendValue(StringBuilder sb, BsonValue v) {
        switch (v.getBsonType()) {
            case DOCUMENT -> appendDocument(sb, v.asDocument());
            case ARRAY -> appendArray(sb, v.asArray());
            case STRING -> appendString(sb, v.asString().getValue());
            case SYMBOL -> appendString(sb, v.asSymbol().getSymbol());
            case INT32 -> sb.append(v.asInt32().getValue());
            case INT64 -> sb.append(v.asInt64().getValue()).append(".0");
            case DOUBLE, DECIMAL128 -> appendNumber(sb, v);
            case BOOLEAN -> sb.append(v.asBoolean().getValue());
            case NULL -> sb.append("null");
            case OBJECT_ID -> marker(sb, OID).append('"').append(v.asObjectId().getValue().toHexString()).append("\"}");
            case DATE_TIME -> marker(sb, DATE).append(v.asDateTime().getValue()).append('}');
            case TIMESTAMP -> marker(sb, TS).append(Long.toUnsignedString(v.asTimestamp().getValue())).append('}');
            case BINARY -> marker(sb, BIN).append('"').append(binText(v.asBinary().getType(), v.asBinary().getData()))
                    .append("\"}");
            case REGULAR_EXPRESSION -> appendRegex(sb, v.asRegularExpression());
            case MIN_KEY -> marker(sb, MIN_KEY).append("1}");
            case MAX_KEY -> marker(sb, MAX_KEY).append("1}");
            case UNDEFINED -> marker(sb, UNDEFINED).append("true}");
            case JAVASCRIPT -> {
                marker(sb, CODE);
                appendString(sb, v.asJavaScript().getCode());
                sb.append('}');
            }
            case JAVASCRIPT_WITH_SCOPE -> {
                marker(sb, CODE);
                appendString(sb, v.asJavaScriptWithScope().getCode());
                sb.append(",\"").append(SCOPE).append("\":");
                appendDocument(sb, v.asJavaScriptWithScope().getScope());
                sb.append('}');
            }
            case DB_POINTER -> {
                marker(sb, DB_POINTER).append("{\"$ref\":");
                appendString(sb, v.asDBPointer().getNamespace());
                sb.append(",\"$id\":\"").append(v.asDBPointer().getId().toHexString()).append("\"}}");
            }
            case END_OF_DOCUMENT -> throw new IllegalArgumentException("end of document is not a value");
        }
    }

    /** The {@code $bin} text: two hex digits of subtype, ':', hex of the data. */
    public static String binText(byte subtype, byte[] data) {
        return HEX.toHexDigits(subtype) + ":" + HEX.formatHex(data);
    }

    /** Regex flags as stored: sorted, so that equal regexes have one form. */
    public static String sortedFlags(String options) {
        char[] flags = options.toCharArray();
        Arrays.sort(flags);
        return new String(flags);
    }

    private static void appendRegex(StringBuilder sb, BsonRegularExpression r) {
        marker(sb, REGEX);
        appendString(sb, r.getPattern());
        sb.append(",\"").append(OPTIONS).append("\":");
        appendString(sb, sortedFlags(r.getOptions()));
        sb.append('}');
    }

    /** The BSON type a number's scale modulo 4 stands for in the query form. */
    public static final int INT32_TAG = 0;
    public static final int INT64_TAG = 1;
    public static final int DOUBLE_TAG = 2;
    public static final int DECIMAL_TAG = 3;

    /** The number's text with a scale that is {@code tag} modulo 4 (zeros appended: the value is the same). */
    static String tagged(BigDecimal stripped, int tag) {
        int scale = Math.max(0, stripped.scale());
        scale += Math.floorMod(tag - scale, 4);
        return stripped.setScale(scale).toString();
    }

    /**
     * The BSON value of a scalar's query form (jsonb text) whose representation it keeps: a number of type {@code tag}
     * ({@link #INT32_TAG}, {@link #INT64_TAG} or {@link #DOUBLE_TAG}: a double's exact expansion rounds to it), a
     * string without U+0001, a boolean, null, a date or an ObjectId. The caller knows the value is one of those.
     */
    public static BsonValue scalar(String json, int tag) {
        if (isNumberText(json)) {
            BigDecimal n = new BigDecimal(json);
            return switch (tag) {
                case INT32_TAG -> new org.bson.BsonInt32(n.intValueExact());
                case INT64_TAG -> new org.bson.BsonInt64(n.longValueExact());
                case DOUBLE_TAG -> new org.bson.BsonDouble(n.doubleValue());
                default -> throw new IllegalArgumentException("a Decimal128's representation is not kept: " + json);
            };
        }
        return BsonDocument.parse("{v: " + json + "}").get("v");
    }

    /** {@link #scalar(String, int)} where a number's own scale says its type (typed numbers). */
    public static BsonValue scalar(String json) {
        return scalar(json, isNumberText(json) ? scaleTag(json) : -1);
    }

    private static boolean isNumberText(String json) {
        char c = json.charAt(0);
        return c == '-' || Character.isDigit(c);
    }

    /** The scale tag of a stored number text ({@link #INT32_TAG} ... {@link #DECIMAL_TAG}). */
    public static int scaleTag(String numberText) {
        return Math.floorMod(Math.max(0, new BigDecimal(numberText).scale()), 4);
    }

    private static void appendNumber(StringBuilder sb, BsonValue v) {
        if (v instanceof org.bson.BsonInt32 i) {
            sb.append(i.getValue());
            return;
        }
        if (v instanceof org.bson.BsonInt64 l) {
            sb.append(l.getValue()).append(".0");
            return;
        }
        if (v instanceof org.bson.BsonDouble d && Double.isFinite(d.getValue())) {
            appendDouble(sb, d.getValue());
            return;
        }
        var exact = BsonNumbers.exactStripped(v);
        if (exact.isPresent()) {
            BigDecimal stored = new BigDecimal(strippedNumberText(exact.get()));
            sb.append(tagged(stored.signum() == 0 ? BigDecimal.ZERO : stored, v.isDouble() ? DOUBLE_TAG : DECIMAL_TAG));
        } else {
            String special = BsonNumbers.isNaN(v) ? "NaN" : BsonNumbers.infinitySign(v) > 0 ? "Infinity" : "-Infinity";
            marker(sb, NUM).append('"').append(special).append("\"}");
        }
    }

    /** A finite double's exact value with a scale of 2 modulo 4 ({@link #tagged} without BigDecimal: see {@link DoubleDigits}). */
    private static void appendDouble(StringBuilder sb, double d) {
        if (d == 0) {
            sb.append("0.00");
            return;
        }
        DoubleDigits exact = DoubleDigits.of(d);
        String digits = exact.digits();
        int n = digits.length();
        int scale = exact.scale();
        if (exact.negative()) {
            sb.append('-');
        }
        if (scale <= 0) {
            sb.append(digits);
            zeros(sb, -scale);
            sb.append(".00");
            return;
        }
        if (n > scale) {
            sb.append(digits, 0, n - scale).append('.').append(digits, n - scale, n);
        } else {
            sb.append("0.");
            zeros(sb, scale - n);
            sb.append(digits);
        }
        zeros(sb, Math.floorMod(DOUBLE_TAG - scale, 4));
    }

    private static void zeros(StringBuilder sb, int count) {
        for (int i = 0; i < count; i++) {
            sb.append('0');
        }
    }

    private static StringBuilder marker(StringBuilder sb, String name) {
        return sb.append("{\"").append(name).append("\":");
    }

    private static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        appendEscaped(sb, s);
        sb.append('"');
    }

    private static void appendEscaped(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\0' -> sb.append("\\u0001");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX.toHexDigits((byte) c));
                    } else if (Character.isSurrogate(c) && !isPairedSurrogate(s, i)) {
                        sb.append('\uFFFD'); // BSON strings are UTF-8 and cannot hold a lone surrogate
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
