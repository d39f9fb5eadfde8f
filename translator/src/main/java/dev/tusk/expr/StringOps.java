package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.bson.BsonArray;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/** $concat $toUpper $toLower $substr $substrBytes $substrCP $strLenBytes $strLenCP $split $indexOfBytes $indexOfCP $strcasecmp. */
final class StringOps {
    private StringOps() {}

    static Expr concat(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.parse(arg, cx), values -> {
            StringBuilder sb = new StringBuilder();
            for (BsonValue v : values) {
                if (Values.nullish(v)) {
                    return BsonNull.VALUE;
                }
                if (!v.isString()) {
                    throw ErrorCode.LOCATION_16702.error("$concat only supports strings, not " + Values.typeName(v));
                }
                sb.append(v.asString().getValue());
            }
            return new BsonString(sb.toString());
        });
    }

    /** MongoDB's coerceToString: nullish is "", numbers, dates and timestamps print, strings as they are. */
    static String coerceToString(BsonValue v) {
        if (Values.nullish(v)) {
            return "";
        }
        return switch (v.getBsonType()) {
            case STRING -> v.asString().getValue();
            case SYMBOL -> v.asSymbol().getSymbol();
            case INT32 -> Integer.toString(v.asInt32().getValue());
            case INT64 -> Long.toString(v.asInt64().getValue());
            case DOUBLE -> Num.doubleText(v.asDouble().getValue());
            case DECIMAL128 -> v.asDecimal128().getValue().toString();
            case DATE_TIME -> DateOps.isoString(v.asDateTime().getValue());
            case TIMESTAMP -> "Timestamp(" + v.asTimestamp().getTime() + ", " + v.asTimestamp().getInc() + ")";
            case JAVASCRIPT -> v.asJavaScript().getCode();
            default -> throw ErrorCode.LOCATION_16007.error("can't convert from BSON type %s to String", Values.typeName(v));
        };
    }

    static Expr toUpper(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> new BsonString(asciiCase(coerceToString(v.get(0)), true)));
    }

    static Expr toLower(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> new BsonString(asciiCase(coerceToString(v.get(0)), false)));
    }

    private static String asciiCase(String s, boolean upper) {
        char[] cs = s.toCharArray();
        for (int i = 0; i < cs.length; i++) {
            char c = cs[i];
            if (upper && c >= 'a' && c <= 'z') {
                cs[i] = (char) (c - 32);
            } else if (!upper && c >= 'A' && c <= 'Z') {
                cs[i] = (char) (c + 32);
            }
        }
        return new String(cs);
    }

    static Expr strcasecmp(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 2), v -> {
            String a = asciiCase(coerceToString(v.get(0)), true);
            String b = asciiCase(coerceToString(v.get(1)), true);
            return new BsonInt32(Integer.signum(dev.tusk.bson.BsonOrder.compareStrings(a, b)));
        });
    }

    static Expr substrBytes(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 3), v -> {
            String s = coerceToString(v.get(0));
            BsonValue start = v.get(1);
            BsonValue length = v.get(2);
            if (!Num.isNumber(start)) {
                throw ErrorCode.LOCATION_16034.error("%s:  starting index must be a numeric type (is BSON type %s)", name, Values.typeName(start));
            }
            if (!Num.isNumber(length)) {
                throw ErrorCode.LOCATION_16035.error("%s:  length must be a numeric type (is BSON type %s)", name, Values.typeName(length));
            }
            long lower = Num.toLong(start);
            if (lower < 0) {
                throw ErrorCode.LOCATION_50752.error("%s:  starting index must be non-negative (got: %d)", name, lower);
            }
            long len = Num.toLong(length);
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            if (lower >= bytes.length) {
                return new BsonString("");
            }
            int from = (int) lower;
            if (isContinuation(bytes, from)) {
                throw ErrorCode.LOCATION_28656.error("%s:  Invalid range, starting index is a UTF-8 continuation byte.", name);
            }
            int to = len < 0 || len > bytes.length - from ? bytes.length : (int) (from + len); // from + len may overflow
            if (to < bytes.length && isContinuation(bytes, to)) {
                throw ErrorCode.LOCATION_28657.error("%s:  Invalid range, ending index is in the middle of a UTF-8 character.", name);
            }
            return new BsonString(new String(bytes, from, to - from, StandardCharsets.UTF_8));
        });
    }

    private static boolean isContinuation(byte[] bytes, int i) {
        return (bytes[i] & 0xC0) == 0x80;
    }

    static Expr substrCP(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 3), v -> {
            String s = coerceToString(v.get(0));
            BsonValue start = v.get(1);
            BsonValue length = v.get(2);
            if (!Num.isNumber(start)) {
                throw ErrorCode.LOCATION_34450.error("%s: starting index must be a numeric type (is BSON type %s)", name, Values.typeName(start));
            }
            Integer from = Num.asInt32(start);
            if (from == null) {
                throw ErrorCode.LOCATION_34451.error("%s: starting index cannot be represented as a 32-bit integral value: %s", name, Values.text(start));
            }
            if (!Num.isNumber(length)) {
                throw ErrorCode.LOCATION_34452.error("%s: length must be a numeric type (is BSON type %s)", name, Values.typeName(length));
            }
            Integer len = Num.asInt32(length);
            if (len == null) {
                throw ErrorCode.LOCATION_34453.error("%s: length cannot be represented as a 32-bit integral value: %s", name, Values.text(length));
            }
            if (from < 0) {
                throw ErrorCode.LOCATION_34454.error("%s: the starting index must be nonnegative integer.", name);
            }
            if (len < 0) {
                throw ErrorCode.LOCATION_34455.error("%s: length must be a nonnegative integer.", name);
            }
            int cps = s.codePointCount(0, s.length());
            if (from >= cps) {
                return new BsonString("");
            }
            int begin = s.offsetByCodePoints(0, from);
            int end = (long) from + len >= cps ? s.length() : s.offsetByCodePoints(begin, len);
            return new BsonString(s.substring(begin, end));
        });
    }

    static Expr strLenBytes(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            if (v.get(0) == null || !v.get(0).isString()) {
                throw ErrorCode.LOCATION_34473.error("$strLenBytes requires a string argument, found: " + Values.typeName(v.get(0)));
            }
            return new BsonInt32(v.get(0).asString().getValue().getBytes(StandardCharsets.UTF_8).length);
        });
    }

    static Expr strLenCP(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            if (v.get(0) == null || !v.get(0).isString()) {
                throw ErrorCode.LOCATION_34471.error("$strLenCP requires a string argument, found: " + Values.typeName(v.get(0)));
            }
            String s = v.get(0).asString().getValue();
            return new BsonInt32(s.codePointCount(0, s.length()));
        });
    }

    static Expr split(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 2), v -> {
            BsonValue input = v.get(0);
            BsonValue sep = v.get(1);
            if (Values.nullish(input) || Values.nullish(sep)) {
                return BsonNull.VALUE;
            }
            if (!input.isString()) {
                throw ErrorCode.LOCATION_40085.error("$split requires an expression that evaluates to a string as a first argument, found: "
                        + Values.typeName(input));
            }
            if (!sep.isString()) {
                throw ErrorCode.LOCATION_40086.error("$split requires an expression that evaluates to a string as a second argument, found: "
                        + Values.typeName(sep));
            }
            String s = input.asString().getValue();
            String d = sep.asString().getValue();
            if (d.isEmpty()) {
                throw ErrorCode.LOCATION_40087.error("$split requires a non-empty separator");
            }
            BsonArray out = new BsonArray();
            int from = 0;
            int at;
            while ((at = s.indexOf(d, from)) >= 0) {
                out.add(new BsonString(s.substring(from, at)));
                from = at + d.length();
            }
            out.add(new BsonString(s.substring(from)));
            return out;
        });
    }

    static Expr indexOfBytes(String name, BsonValue arg, ParseContext cx) {
        return indexOf(name, arg, cx, true);
    }

    static Expr indexOfCP(String name, BsonValue arg, ParseContext cx) {
        return indexOf(name, arg, cx, false);
    }

    private static Expr indexOf(String name, BsonValue arg, ParseContext cx, boolean bytes) {
        return Args.eager(name, Args.range(name, arg, cx, 2, 4), v -> {
            BsonValue input = v.get(0);
            if (Values.nullish(input)) {
                return BsonNull.VALUE;
            }
            if (!input.isString()) {
                throw ErrorCode.LOCATION_40091.error("%s requires a string as the first argument, found: %s", name, Values.typeName(input));
            }
            BsonValue token = v.get(1);
            if (token == null || !token.isString()) {
                throw ErrorCode.LOCATION_40092.error("%s requires a string as the second argument, found: %s", name, Values.typeName(token));
            }
            String s = input.asString().getValue();
            String t = token.asString().getValue();
            int length = bytes ? s.getBytes(StandardCharsets.UTF_8).length : s.codePointCount(0, s.length());
            int start = v.size() > 2 ? index(name, v.get(2), "starting") : 0;
            int end = v.size() > 3 ? Math.min(index(name, v.get(3), "ending"), length) : length;
            if (start > length || start > end) {
                return new BsonInt32(-1);
            }
            if (bytes) {
                byte[] hay = s.getBytes(StandardCharsets.UTF_8);
                byte[] needle = t.getBytes(StandardCharsets.UTF_8);
                for (int i = start; i + needle.length <= end; i++) {
                    if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                        return new BsonInt32(i);
                    }
                }
                return new BsonInt32(-1);
            }
            int[] hay = s.codePoints().toArray();
            int[] needle = t.codePoints().toArray();
            for (int i = start; i + needle.length <= end; i++) {
                if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                    return new BsonInt32(i);
                }
            }
            return new BsonInt32(-1);
        });
    }

    private static int index(String name, BsonValue v, String which) {
        Integer i = Num.asInt32(v);
        if (i == null) {
            throw ErrorCode.LOCATION_40096.error("%s requires an integral %s index, found a value of type: %s, with value: %s",
                    name, which, Values.typeName(v), Values.text(v));
        }
        if (i < 0) {
            throw ErrorCode.LOCATION_40097.error("%s requires a nonnegative %s index, found: %d", name, which, i);
        }
        return i;
    }
}
