package dev.tusk.bson;

import java.util.HexFormat;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * BSON values rendered the way MongoDB's server prints them in error messages
 * ({@code {a: "x"}}, {@code [ 1, 2 ]}, {@code 1.5}), and MongoDB's type names ({@code $type} aliases).
 */
public final class BsonText {
    private BsonText() {}

    /** MongoDB's alias for the value's type: "double", "string", "object", "array", "int", ... */
    public static String typeName(BsonValue v) {
        return switch (v.getBsonType()) {
            case DOUBLE -> "double";
            case STRING -> "string";
            case DOCUMENT -> "object";
            case ARRAY -> "array";
            case BINARY -> "binData";
            case UNDEFINED -> "undefined";
            case OBJECT_ID -> "objectId";
            case BOOLEAN -> "bool";
            case DATE_TIME -> "date";
            case NULL -> "null";
            case REGULAR_EXPRESSION -> "regex";
            case DB_POINTER -> "dbPointer";
            case JAVASCRIPT -> "javascript";
            case SYMBOL -> "symbol";
            case JAVASCRIPT_WITH_SCOPE -> "javascriptWithScope";
            case INT32 -> "int";
            case TIMESTAMP -> "timestamp";
            case INT64 -> "long";
            case DECIMAL128 -> "decimal";
            case MIN_KEY -> "minKey";
            case MAX_KEY -> "maxKey";
            case END_OF_DOCUMENT -> "missing";
        };
    }

    /** {@code name: value}, as BSONElement::toString prints an element. */
    public static String element(String name, BsonValue value) {
        return name + ": " + value(value);
    }

    /** {@code {name: value}}, the usual way an element appears inside a message. */
    public static String braced(String name, BsonValue value) {
        return "{" + element(name, value) + "}";
    }

    public static String value(BsonValue v) {
        StringBuilder sb = new StringBuilder();
        append(sb, v);
        return sb.toString();
    }

    private static void append(StringBuilder sb, BsonValue v) {
        switch (v.getBsonType()) {
            case DOCUMENT -> appendDocument(sb, v.asDocument());
            case ARRAY -> appendArray(sb, v.asArray());
            case STRING -> sb.append('"').append(v.asString().getValue()).append('"');
            case SYMBOL -> sb.append('"').append(v.asSymbol().getSymbol()).append('"');
            case INT32 -> sb.append(v.asInt32().getValue());
            case INT64 -> sb.append(v.asInt64().getValue());
            case DOUBLE -> sb.append(doubleText(v.asDouble().getValue()));
            case DECIMAL128 -> sb.append("NumberDecimal(\"").append(v.asDecimal128().getValue()).append("\")");
            case BOOLEAN -> sb.append(v.asBoolean().getValue());
            case NULL -> sb.append("null");
            case UNDEFINED -> sb.append("undefined");
            case OBJECT_ID -> sb.append("ObjectId('").append(v.asObjectId().getValue().toHexString()).append("')");
            case DATE_TIME -> sb.append("new Date(").append(v.asDateTime().getValue()).append(')');
            case TIMESTAMP -> sb.append("Timestamp(").append(v.asTimestamp().getTime()).append(", ")
                    .append(v.asTimestamp().getInc()).append(')');
            case REGULAR_EXPRESSION -> sb.append('/').append(v.asRegularExpression().getPattern()).append('/')
                    .append(v.asRegularExpression().getOptions());
            case BINARY -> sb.append("BinData(").append(v.asBinary().getType() & 0xff).append(", ")
                    .append(HexFormat.of().withUpperCase().formatHex(v.asBinary().getData())).append(')');
            case MIN_KEY -> sb.append("MinKey");
            case MAX_KEY -> sb.append("MaxKey");
            case JAVASCRIPT -> sb.append(v.asJavaScript().getCode());
            case JAVASCRIPT_WITH_SCOPE -> sb.append(v.asJavaScriptWithScope().getCode());
            case DB_POINTER -> sb.append("DBRef('").append(v.asDBPointer().getNamespace()).append("', ")
                    .append(v.asDBPointer().getId().toHexString()).append(')');
            case END_OF_DOCUMENT -> sb.append("EOO");
        }
    }

    /** A double as C++ streams print it in MongoDB's messages (6 significant digits, no trailing zeros). */
    public static String shortDouble(double d) {
        String s = String.format(java.util.Locale.ROOT, "%.6g", d);
        String mantissa = s.contains("e") ? s.substring(0, s.indexOf('e')) : s;
        String exponent = s.contains("e") ? s.substring(s.indexOf('e')) : "";
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + exponent;
    }

    private static String doubleText(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return (d == 0 && 1 / d < 0 ? "-" : "") + (long) Math.abs(d) * (d < 0 ? -1 : 1) + ".0";
        }
        if (Double.isNaN(d)) {
            return "nan.0";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf.0" : "-inf.0";
        }
        return Double.toString(d);
    }

    private static void appendDocument(StringBuilder sb, BsonDocument doc) {
        if (doc.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append("{ ");
        boolean first = true;
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey()).append(": ");
            append(sb, e.getValue());
        }
        sb.append(" }");
    }

    private static void appendArray(StringBuilder sb, BsonArray array) {
        if (array.isEmpty()) {
            sb.append("[]");
            return;
        }
        sb.append("[ ");
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            append(sb, array.get(i));
        }
        sb.append(" ]");
    }
}
