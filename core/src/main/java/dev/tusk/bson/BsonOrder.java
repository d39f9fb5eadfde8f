package dev.tusk.bson;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
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
 * MongoDB's BSON sort order, the one cross-type comparison of the project. Types are ordered by
 * canonical bracket (MinKey &lt; Undefined &lt; Null &lt; numbers &lt; strings &lt; objects &lt; arrays &lt;
 * binData &lt; ObjectId &lt; bool &lt; date &lt; timestamp &lt; regex &lt; dbPointer &lt; code &lt; code with
 * scope &lt; MaxKey); inside a bracket values compare as MongoDB compares them (numbers by exact
 * value with NaN lowest, strings by binary UTF-8, documents field by field including names).
 */
public final class BsonOrder {
    public static final Comparator<BsonValue> COMPARATOR = BsonOrder::compare;

    private BsonOrder() {}

    /** MongoDB's canonical type number (canonicalizeBSONType): equal for types compared by value. */
    public static int canonicalType(BsonValue v) {
        return switch (v.getBsonType()) {
            case MIN_KEY -> -1;
            case END_OF_DOCUMENT, UNDEFINED -> 0;
            case NULL -> 5;
            case INT32, INT64, DOUBLE, DECIMAL128 -> 10;
            case STRING, SYMBOL -> 15;
            case DOCUMENT -> 20;
            case ARRAY -> 25;
            case BINARY -> 30;
            case OBJECT_ID -> 35;
            case BOOLEAN -> 40;
            case DATE_TIME -> 45;
            case TIMESTAMP -> 47;
            case REGULAR_EXPRESSION -> 50;
            case DB_POINTER -> 55;
            case JAVASCRIPT -> 60;
            case JAVASCRIPT_WITH_SCOPE -> 65;
            case MAX_KEY -> 100;
        };
    }

    /** MongoDB equality: numbers across types by value, documents with field order and names. */
    public static boolean valuesEqual(BsonValue a, BsonValue b) {
        return compare(a, b) == 0;
    }

    public static int compare(BsonValue a, BsonValue b) {
        return compare(a, b, BsonOrder::compareStrings);
    }

    /** BSON order with strings and symbols (also inside documents and arrays) ordered by {@code strings}: a collation. */
    public static int compare(BsonValue a, BsonValue b, Comparator<String> strings) {
        int ta = canonicalType(a);
        int tb = canonicalType(b);
        if (ta != tb) {
            return Integer.compare(ta, tb);
        }
        return switch (ta) {
            case -1, 0, 5, 100 -> 0;
            case 10 -> BsonNumbers.compare(a, b);
            case 15 -> strings.compare(stringValue(a), stringValue(b));
            case 20 -> compareDocuments(a.asDocument(), b.asDocument(), strings);
            case 25 -> compareArrays(a.asArray(), b.asArray(), strings);
            case 30 -> compareBinary(a.asBinary(), b.asBinary());
            case 35 -> ((BsonObjectId) a).getValue().compareTo(((BsonObjectId) b).getValue());
            case 40 -> Boolean.compare(((BsonBoolean) a).getValue(), ((BsonBoolean) b).getValue());
            case 45 -> Long.compare(((BsonDateTime) a).getValue(), ((BsonDateTime) b).getValue());
            case 47 -> Long.compareUnsigned(((BsonTimestamp) a).getValue(), ((BsonTimestamp) b).getValue());
            case 50 -> compareRegex((BsonRegularExpression) a, (BsonRegularExpression) b);
            case 55 -> compareDbPointer((BsonDbPointer) a, (BsonDbPointer) b);
            case 60 -> compareStrings(((BsonJavaScript) a).getCode(), ((BsonJavaScript) b).getCode());
            case 65 -> compareCodeWithScope((BsonJavaScriptWithScope) a, (BsonJavaScriptWithScope) b, strings);
            default -> throw new IllegalStateException("no canonical type " + ta);
        };
    }

    /** Strings by Unicode code point, which is the byte order of their UTF-8 encoding. */
    public static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                // a surrogate (U+D800..DFFF) stands for a code point above U+FFFF: it sorts last
                boolean sa = Character.isSurrogate(ca);
                boolean sb = Character.isSurrogate(cb);
                if (sa != sb) {
                    return sa ? 1 : -1;
                }
                return Character.compare(ca, cb);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    static String stringValue(BsonValue v) {
        return v instanceof BsonSymbol s ? s.getSymbol() : ((BsonString) v).getValue();
    }

    private static int compareDocuments(BsonDocument a, BsonDocument b, Comparator<String> strings) {
        Iterator<Map.Entry<String, BsonValue>> ia = a.entrySet().iterator();
        Iterator<Map.Entry<String, BsonValue>> ib = b.entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
            Map.Entry<String, BsonValue> ea = ia.next();
            Map.Entry<String, BsonValue> eb = ib.next();
            int c = Integer.compare(canonicalType(ea.getValue()), canonicalType(eb.getValue()));
            if (c == 0) {
                c = compareStrings(ea.getKey(), eb.getKey());
            }
            if (c == 0) {
                c = compare(ea.getValue(), eb.getValue(), strings);
            }
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ia.hasNext(), ib.hasNext());
    }

    private static int compareArrays(BsonArray a, BsonArray b, Comparator<String> strings) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(a.get(i), b.get(i), strings);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareBinary(BsonBinary a, BsonBinary b) {
        int c = Integer.compare(a.getData().length, b.getData().length);
        if (c == 0) {
            c = Integer.compare(a.getType() & 0xff, b.getType() & 0xff);
        }
        return c != 0 ? c : Arrays.compareUnsigned(a.getData(), b.getData());
    }

    private static int compareRegex(BsonRegularExpression a, BsonRegularExpression b) {
        int c = compareStrings(a.getPattern(), b.getPattern());
        return c != 0 ? c : compareStrings(a.getOptions(), b.getOptions());
    }

    private static int compareDbPointer(BsonDbPointer a, BsonDbPointer b) {
        int c = Integer.compare(a.getNamespace().getBytes(StandardCharsets.UTF_8).length,
                b.getNamespace().getBytes(StandardCharsets.UTF_8).length);
        if (c == 0) {
            c = compareStrings(a.getNamespace(), b.getNamespace());
        }
        return c != 0 ? c : a.getId().compareTo(b.getId());
    }

    private static int compareCodeWithScope(BsonJavaScriptWithScope a, BsonJavaScriptWithScope b, Comparator<String> strings) {
        int c = compareStrings(a.getCode(), b.getCode());
        return c != 0 ? c : compareDocuments(a.getScope(), b.getScope(), strings);
    }
}
