package dev.tusk.query;

import dev.tusk.bson.BsonNumbers;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterNode.Mod;
import dev.tusk.query.FilterNode.RegexMatch;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.bson.BsonValue;

/** $mod, $regex and $sampleRate. */
final class EvaluationOps {
    private static final String VALID_FLAGS = "imsux";

    private EvaluationOps() {}

    static FilterNode mod(FieldPath path, BsonValue arg) {
        if (!arg.isArray()) {
            throw ErrorCode.BAD_VALUE.error("malformed mod, needs to be an array");
        }
        List<BsonValue> items = arg.asArray().getValues();
        if (items.size() < 2) {
            throw ErrorCode.BAD_VALUE.error("malformed mod, not enough elements");
        }
        if (items.size() > 2) {
            throw ErrorCode.BAD_VALUE.error("malformed mod, too many elements");
        }
        if (!BsonNumbers.isNumber(items.get(0))) {
            throw ErrorCode.BAD_VALUE.error("malformed mod, divisor not a number");
        }
        if (!BsonNumbers.isNumber(items.get(1))) {
            throw ErrorCode.BAD_VALUE.error("malformed mod, remainder not a number");
        }
        long divisor = truncate(items.get(0), "divisor");
        long remainder = truncate(items.get(1), "remainder");
        if (divisor == 0) {
            throw ErrorCode.BAD_VALUE.error("divisor cannot be 0");
        }
        return new Mod(path, divisor, remainder);
    }

    /**
     * {@code $sampleRate}: as MongoDB rewrites it, never for 0, always for 1, otherwise
     * {@code {$expr: {$lt: [{$rand: {}}, rate]}}} (evaluated per document in Java).
     */
    static FilterNode sampleRate(BsonValue arg) {
        if (!BsonNumbers.isNumber(arg)) {
            throw ErrorCode.BAD_VALUE.error("argument to $sampleRate must be a numeric type");
        }
        double rate = arg.asNumber().doubleValue();
        if (rate < 0.0 || rate > 1.0) { // NaN passes, as in MongoDB, and then matches nothing
            throw ErrorCode.BAD_VALUE.error("numeric argument to $sampleRate must be in [0, 1]");
        }
        if (rate == 0.0) {
            return new FilterNode.AlwaysFalse();
        }
        if (rate == 1.0) {
            return new FilterNode.AlwaysTrue();
        }
        org.bson.BsonDocument lessThanRate = new org.bson.BsonDocument("$lt", new org.bson.BsonArray(List.of(
                new org.bson.BsonDocument("$rand", new org.bson.BsonDocument()), new org.bson.BsonDouble(rate))));
        return new FilterNode.ExprMatch(dev.tusk.expr.ExprParser.parse(lessThanRate,
                dev.tusk.expr.ParseContext.of(FilterParser.variables())), FilterParser.variables());
    }

    private static long truncate(BsonValue v, String what) {
        return BsonNumbers.exact(v)
                .map(d -> d.setScale(0, RoundingMode.DOWN))
                .filter(d -> d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                        && d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0)
                .map(BigDecimal::longValueExact)
                .orElseThrow(() -> ErrorCode.BAD_VALUE.error("malformed mod, " + what
                        + " value is invalid :: caused by :: Unable to coerce NaN/Inf to integral type"));
    }

    /** A $regex with PCRE flags i, m, s, x (and u, a no-op: strings are always Unicode) in Java syntax. */
    static RegexMatch regex(FieldPath path, String pattern, String options) {
        int flags = Pattern.UNIX_LINES; // PCRE's default newline is \n only
        for (char c : options.toCharArray()) {
            if (VALID_FLAGS.indexOf(c) < 0) {
                throw ErrorCode.LOCATION_51108.error("invalid flag in regex options: " + c);
            }
            flags |= switch (c) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                case 'x' -> Pattern.COMMENTS;
                default -> 0;
            };
        }
        try {
            return new RegexMatch(path, pattern, options, Pattern.compile(javaSyntax(pattern), flags));
        } catch (PatternSyntaxException e) {
            throw ErrorCode.LOCATION_51091.error("Regular expression is invalid: " + e.getDescription());
        }
    }

    /** PCRE's POSIX classes ({@code [[:alpha:]]}) become Java's {@code \p{Alpha}}; the rest is shared syntax. */
    static String javaSyntax(String pcre) {
        if (!pcre.contains("[:")) {
            return pcre;
        }
        StringBuilder sb = new StringBuilder(pcre.length());
        for (int i = 0; i < pcre.length(); i++) {
            char c = pcre.charAt(i);
            if (c == '\\' && i + 1 < pcre.length()) {
                sb.append(c).append(pcre.charAt(++i));
                continue;
            }
            if (c == '[' && pcre.startsWith("[:", i)) {
                int end = pcre.indexOf(":]", i + 2);
                if (end > 0) {
                    String name = pcre.substring(i + 2, end);
                    String java = posixClass(name);
                    if (java != null) {
                        sb.append(java);
                        i = end + 1;
                        continue;
                    }
                }
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static String posixClass(String name) {
        return switch (name) {
            case "alpha" -> "\\p{Alpha}";
            case "digit" -> "\\p{Digit}";
            case "alnum" -> "\\p{Alnum}";
            case "upper" -> "\\p{Upper}";
            case "lower" -> "\\p{Lower}";
            case "space" -> "\\s";
            case "punct" -> "\\p{Punct}";
            case "xdigit" -> "\\p{XDigit}";
            case "word" -> "\\w";
            case "blank" -> "\\p{Blank}";
            case "cntrl" -> "\\p{Cntrl}";
            case "print" -> "\\p{Print}";
            case "graph" -> "\\p{Graph}";
            default -> null;
        };
    }
}
