package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

/** $type $isNumber $convert and its shorthands $toInt $toLong $toDouble $toDecimal $toString $toObjectId $toDate $toBool. */
final class TypeOps {
    private static final Map<String, BsonType> TARGETS = Map.of("double", BsonType.DOUBLE, "string", BsonType.STRING,
            "objectId", BsonType.OBJECT_ID, "bool", BsonType.BOOLEAN, "date", BsonType.DATE_TIME, "int", BsonType.INT32,
            "long", BsonType.INT64, "decimal", BsonType.DECIMAL128);
    private static final Pattern DECIMAL_TEXT = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern SPECIAL_TEXT = Pattern.compile("[-+]?(?i:inf|infinity|nan)");

    private TypeOps() {}

    static Expr type(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> new BsonString(Values.typeName(v.get(0))));
    }

    static Expr isNumber(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> Values.bool(Num.isNumber(v.get(0))));
    }

    static Expr convert(String name, BsonValue arg, ParseContext cx) {
        if (!(arg instanceof BsonDocument d)) {
            throw ErrorCode.FAILED_TO_PARSE.error("$convert expects an object of named arguments but found: " + Values.typeName(arg));
        }
        for (String k : d.keySet()) {
            if (!List.of("input", "to", "onError", "onNull").contains(k)) {
                throw ErrorCode.FAILED_TO_PARSE.error("$convert found an unknown argument: " + k);
            }
        }
        Args.require(d, "input", ErrorCode.FAILED_TO_PARSE, "Missing 'input' parameter to $convert");
        Args.require(d, "to", ErrorCode.FAILED_TO_PARSE, "Missing 'to' parameter to $convert");
        Expr input = ExprParser.parse(d.get("input"), cx);
        Expr to = ExprParser.parse(d.get("to"), cx);
        Expr onError = Args.optional(d, "onError", cx);
        Expr onNull = Args.optional(d, "onNull", cx);
        return new Expr.Call(name, onNull == null ? List.of(input, to) : List.of(input, to, onNull), (a, ecx) -> {
            BsonValue toValue = to.evaluate(ecx);
            BsonValue in = input.evaluate(ecx);
            BsonType target = Values.nullish(toValue) ? null : target(toValue);
            if (Values.nullish(in)) {
                return onNull == null ? BsonNull.VALUE : onNull.evaluate(ecx);
            }
            if (target == null) {
                return BsonNull.VALUE;
            }
            try {
                return convertValue(in, target);
            } catch (MongoServerException e) {
                if (onError != null && e.code() == ErrorCode.CONVERSION_FAILURE) {
                    return onError.evaluate(ecx);
                }
                throw e;
            }
        });
    }

    private static BsonType target(BsonValue to) {
        if (to.isString()) {
            BsonType t = TARGETS.get(to.asString().getValue());
            if (t == null) {
                if (List.of("binData", "undefined", "null", "regex", "dbPointer", "javascript",
                        "symbol", "javascriptWithScope", "timestamp", "object", "array", "minKey", "maxKey").contains(to.asString().getValue())) {
                    return unsupportedTarget(to.asString().getValue());
                }
                throw ErrorCode.BAD_VALUE.error("Unknown type name: " + to.asString().getValue());
            }
            return t;
        }
        if (Num.isNumber(to)) {
            Integer code = Num.asInt32(to);
            if (code == null) {
                throw ErrorCode.FAILED_TO_PARSE.error("In $convert, numeric 'to' argument is not an integer");
            }
            for (BsonType t : TARGETS.values()) {
                if (t.getValue() == code) {
                    return t;
                }
            }
            if ((code >= 1 && code <= 19) || code == -1 || code == 127) {
                return unsupportedTarget(Integer.toString(code));
            }
            throw ErrorCode.FAILED_TO_PARSE.error("In $convert, numeric value for 'to' does not correspond to a BSON type: " + code);
        }
        throw ErrorCode.FAILED_TO_PARSE.error("$convert's 'to' argument must be a string or number, but is " + Values.typeName(to));
    }

    /** Targets MongoDB 7.0 cannot convert to: every input fails, as a conversion failure. */
    private static BsonType unsupportedTarget(String name) {
        return BsonType.UNDEFINED;
    }

    private static MongoServerException failure(String message, Object... args) {
        return ErrorCode.CONVERSION_FAILURE.error(message, args);
    }

    private static MongoServerException unsupported(BsonValue in, BsonType target) {
        String targetName = target == BsonType.UNDEFINED ? "unsupported type" : dev.tusk.bson.BsonText.typeName(
                target == BsonType.INT32 ? new BsonInt32(0) : target == BsonType.INT64 ? new BsonInt64(0)
                        : target == BsonType.DOUBLE ? new BsonDouble(0) : target == BsonType.DECIMAL128 ? new BsonDecimal128(
                                org.bson.types.Decimal128.POSITIVE_ZERO) : target == BsonType.STRING ? new BsonString("")
                        : target == BsonType.BOOLEAN ? BsonBoolean.TRUE : target == BsonType.DATE_TIME ? new BsonDateTime(0)
                        : new BsonObjectId());
        return failure("Unsupported conversion from %s to %s in $convert with no onError value", Values.typeName(in), targetName);
    }

    /** One conversion of a non-nullish value; every failure is 241 ConversionFailure (so onError can catch it). */
    static BsonValue convertValue(BsonValue in, BsonType target) {
        BsonType from = in.getBsonType();
        if (from == target) {
            return in;
        }
        return switch (target) {
            case BOOLEAN -> switch (from) {
                case INT32, INT64, DOUBLE, DECIMAL128, DATE_TIME -> Values.bool(Values.truthy(from == BsonType.DATE_TIME ? BsonBoolean.TRUE : in));
                default -> BsonBoolean.TRUE;
            };
            case STRING -> switch (from) {
                case DOUBLE -> new BsonString(doubleString(in.asDouble().getValue()));
                case INT32, INT64, DECIMAL128 -> new BsonString(StringOps.coerceToString(in));
                case OBJECT_ID -> new BsonString(in.asObjectId().getValue().toHexString());
                case BOOLEAN -> new BsonString(in.asBoolean().getValue() ? "true" : "false");
                case DATE_TIME -> new BsonString(DateOps.isoString(in.asDateTime().getValue()));
                default -> throw unsupported(in, target);
            };
            case INT32 -> switch (from) {
                case BOOLEAN -> new BsonInt32(in.asBoolean().getValue() ? 1 : 0);
                case INT64 -> {
                    long l = in.asInt64().getValue();
                    if (l != (int) l) {
                        throw failure("Conversion would overflow target type in $convert with no onError value: ");
                    }
                    yield new BsonInt32((int) l);
                }
                case DOUBLE, DECIMAL128 -> new BsonInt32((int) truncate(in, Integer.MIN_VALUE, Integer.MAX_VALUE));
                case STRING -> new BsonInt32((int) parseInteger(in.asString().getValue(), Integer.MIN_VALUE, Integer.MAX_VALUE));
                default -> throw unsupported(in, target);
            };
            case INT64 -> switch (from) {
                case BOOLEAN -> new BsonInt64(in.asBoolean().getValue() ? 1 : 0);
                case INT32 -> new BsonInt64(in.asInt32().getValue());
                case DOUBLE, DECIMAL128 -> new BsonInt64(truncate(in, Long.MIN_VALUE, Long.MAX_VALUE));
                case DATE_TIME -> new BsonInt64(in.asDateTime().getValue());
                case STRING -> new BsonInt64(parseInteger(in.asString().getValue(), Long.MIN_VALUE, Long.MAX_VALUE));
                default -> throw unsupported(in, target);
            };
            case DOUBLE -> switch (from) {
                case BOOLEAN -> new BsonDouble(in.asBoolean().getValue() ? 1 : 0);
                case INT32, INT64 -> new BsonDouble(Num.toDouble(in));
                case DECIMAL128 -> {
                    double d = Num.toDouble(in);
                    if (Double.isInfinite(d) && !in.asDecimal128().getValue().isInfinite()) {
                        throw failure("Conversion would overflow target type in $convert with no onError value: %s", in.asDecimal128().getValue());
                    }
                    yield new BsonDouble(d);
                }
                case DATE_TIME -> new BsonDouble(in.asDateTime().getValue());
                case STRING -> new BsonDouble(parseDouble(in.asString().getValue()));
                default -> throw unsupported(in, target);
            };
            case DECIMAL128 -> switch (from) {
                case BOOLEAN -> Num.decimalOf(BigDecimal.valueOf(in.asBoolean().getValue() ? 1 : 0));
                case INT32, INT64, DOUBLE -> Num.toDecimal(in);
                case DATE_TIME -> Num.decimalOf(BigDecimal.valueOf(in.asDateTime().getValue()));
                case STRING -> parseDecimal(in.asString().getValue());
                default -> throw unsupported(in, target);
            };
            case OBJECT_ID -> {
                if (from != BsonType.STRING) {
                    throw unsupported(in, target);
                }
                String s = in.asString().getValue();
                if (s.length() != 24) {
                    throw failure("Failed to parse objectId '%s' in $convert with no onError value: Invalid string length for parsing "
                            + "to OID, expected 24 but found %d", s, s.length());
                }
                if (!ObjectId.isValid(s)) {
                    throw failure("Failed to parse objectId '%s' in $convert with no onError value: Invalid character found in hex "
                            + "string: %s", s, s);
                }
                yield new BsonObjectId(new ObjectId(s));
            }
            case DATE_TIME -> switch (from) {
                case INT64 -> new BsonDateTime(in.asInt64().getValue());
                case DOUBLE, DECIMAL128 -> new BsonDateTime(truncate(in, Long.MIN_VALUE, Long.MAX_VALUE));
                case OBJECT_ID -> new BsonDateTime(in.asObjectId().getValue().getTimestamp() * 1000L);
                case TIMESTAMP -> new BsonDateTime(Integer.toUnsignedLong(in.asTimestamp().getTime()) * 1000L);
                case STRING -> {
                    try {
                        yield new BsonDateTime(DateParse.parse(in.asString().getValue(), null, java.time.ZoneOffset.UTC));
                    } catch (MongoServerException e) {
                        throw failure(e.getMessage());
                    }
                }
                default -> throw unsupported(in, target);
            };
            default -> throw unsupported(in, target);
        };
    }

    private static long truncate(BsonValue in, long min, long max) {
        if (Num.nonFinite(in)) {
            if (BsonType.DOUBLE == in.getBsonType() ? Double.isNaN(in.asDouble().getValue()) : in.asDecimal128().getValue().isNaN()) {
                throw failure("Attempt to convert NaN value to integer type in $convert with no onError value");
            }
            throw failure("Attempt to convert infinity value to integer type in $convert with no onError value");
        }
        BigDecimal b = in.getBsonType() == BsonType.DOUBLE ? new BigDecimal(in.asDouble().getValue()) : Num.toBigDecimal(in);
        BigDecimal t = b.setScale(0, RoundingMode.DOWN);
        if (t.compareTo(BigDecimal.valueOf(min)) < 0 || t.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw failure("Conversion would overflow target type in $convert with no onError value: %s",
                    in.getBsonType() == BsonType.DOUBLE ? Num.doubleText(in.asDouble().getValue()) : in.asDecimal128().getValue().toString());
        }
        return t.longValueExact();
    }

    private static void rejectHex(String s) {
        if (s.startsWith("0x") || s.startsWith("0X")) {
            throw failure("Illegal hexadecimal input in $convert with no onError value: " + s);
        }
    }

    private static long parseInteger(String s, long min, long max) {
        rejectHex(s);
        if (s.isEmpty() || !s.matches("[-+]?\\d+")) {
            throw failure("Failed to parse number '%s' in $convert with no onError value: %s", s,
                    s.isEmpty() ? "No digits" : "Did not consume whole string.");
        }
        try {
            long l = Long.parseLong(s);
            if (l < min || l > max) {
                throw new NumberFormatException();
            }
            return l;
        } catch (NumberFormatException e) {
            throw failure("Failed to parse number '%s' in $convert with no onError value: Overflow", s);
        }
    }

    private static double parseDouble(String s) {
        rejectHex(s);
        if (SPECIAL_TEXT.matcher(s).matches()) {
            String lower = s.toLowerCase(java.util.Locale.ROOT);
            return lower.contains("nan") ? Double.NaN : lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!DECIMAL_TEXT.matcher(s).matches()) {
            throw failure("Failed to parse number '%s' in $convert with no onError value: Did not consume whole string.", s);
        }
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            throw failure("Failed to parse number '%s' in $convert with no onError value: Out of range", s);
        }
        return d;
    }

    private static BsonValue parseDecimal(String s) {
        rejectHex(s);
        if (SPECIAL_TEXT.matcher(s).matches()) {
            return Num.decimalOf(parseDouble(s));
        }
        if (!DECIMAL_TEXT.matcher(s).matches()) {
            throw failure("Failed to parse number '%s' in $convert with no onError value: Failed to parse string to decimal", s);
        }
        return Num.decimalOf(new BigDecimal(s.startsWith("+") ? s.substring(1) : s));
    }

    /** $toString of a double: "Infinity", "NaN", "-0", else C++'s stream format. */
    private static String doubleString(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return Num.doubleText(d);
    }

    /** The shorthand forms: {$toInt: x} is {$convert: {input: x, to: "int"}} (no onError, no onNull). */
    static Expr shorthand(String name, BsonValue arg, ParseContext cx, BsonType target) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            BsonValue in = v.get(0);
            return Values.nullish(in) ? BsonNull.VALUE : convertValue(in, target);
        });
    }
}
