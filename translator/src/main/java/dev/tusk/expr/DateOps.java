package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The date-part operators ($year ... $millisecond, $dayOfWeek, $week, $isoWeek ...), $dateToString,
 * $dateFromString, $dateToParts and $dateFromParts; time zones are Olson names or ±HH[:MM] offsets.
 */
public final class DateOps {
    private static final Map<String, ToIntFunction<ZonedDateTime>> PARTS = Map.ofEntries(
            Map.entry("$year", ZonedDateTime::getYear),
            Map.entry("$month", ZonedDateTime::getMonthValue),
            Map.entry("$dayOfMonth", ZonedDateTime::getDayOfMonth),
            Map.entry("$hour", ZonedDateTime::getHour),
            Map.entry("$minute", ZonedDateTime::getMinute),
            Map.entry("$second", ZonedDateTime::getSecond),
            Map.entry("$millisecond", t -> t.getNano() / 1_000_000),
            Map.entry("$dayOfYear", ZonedDateTime::getDayOfYear),
            Map.entry("$dayOfWeek", t -> t.getDayOfWeek().getValue() % 7 + 1),
            Map.entry("$week", DateOps::sundayWeek),
            Map.entry("$isoWeek", t -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
            Map.entry("$isoWeekYear", t -> t.get(IsoFields.WEEK_BASED_YEAR)),
            Map.entry("$isoDayOfWeek", t -> t.getDayOfWeek().getValue()));

    private DateOps() {}

    /** strftime's %U: weeks starting on Sunday, days before the first Sunday are week 0. */
    static int sundayWeek(ZonedDateTime t) {
        int yday = t.getDayOfYear() - 1;
        int wday = t.getDayOfWeek().getValue() % 7;
        return (yday + 7 - wday) / 7;
    }

    /** {@code %Y-%m-%dT%H:%M:%S.%LZ} in UTC. */
    static String isoString(long millis) {
        return DateFormat.format("%Y-%m-%dT%H:%M:%S.%LZ", millis, ZoneOffset.UTC);
    }

    /** A date, timestamp or ObjectId as milliseconds since the epoch; 16006 for anything else. */
    static long millis(BsonValue v) {
        return switch (v.getBsonType()) {
            case DATE_TIME -> v.asDateTime().getValue();
            case TIMESTAMP -> Integer.toUnsignedLong(v.asTimestamp().getTime()) * 1000L;
            case OBJECT_ID -> v.asObjectId().getValue().getTimestamp() * 1000L;
            default -> throw ErrorCode.LOCATION_16006.error("can't convert from BSON type %s to Date", Values.typeName(v));
        };
    }

    /** A time zone argument: an Olson identifier or an offset (+HH:MM, +HHMM, +HH); 40485 otherwise. */
    static ZoneId zone(BsonValue tz) {
        if (tz == null) {
            return ZoneOffset.UTC;
        }
        if (!tz.isString()) {
            throw ErrorCode.LOCATION_40517.error("timezone must evaluate to a string, found " + Values.typeName(tz));
        }
        String s = tz.asString().getValue();
        try {
            if (s.matches("[+-]\\d{2}(:?\\d{2})?")) {
                String norm = s.length() == 3 ? s + ":00" : s.length() == 5 ? s.substring(0, 3) + ":" + s.substring(3) : s;
                return ZoneOffset.of(norm);
            }
            if (s.equals("UTC") || s.equals("GMT") || s.equals("Z")) {
                return ZoneOffset.UTC;
            }
            if (s.contains("/") || ZoneId.SHORT_IDS.containsKey(s) || s.startsWith("Etc")) {
                return ZoneId.of(s);
            }
        } catch (java.time.DateTimeException e) {
            // fall through to the MongoDB error
        }
        throw ErrorCode.LOCATION_40485.error("unrecognized time zone identifier: \"%s\"", s);
    }

    static ZonedDateTime at(long millis, ZoneId zone) {
        return Instant.ofEpochMilli(millis).atZone(zone);
    }

    /** $year and friends: {$year: date}, {$year: [date]} or {$year: {date, timezone}}. */
    static Expr part(String name, BsonValue arg, ParseContext cx) {
        ToIntFunction<ZonedDateTime> f = PARTS.get(name);
        List<Expr> args = new ArrayList<>();
        if (arg instanceof BsonDocument d && !d.isEmpty() && !d.getFirstKey().startsWith("$")) {
            for (String k : d.keySet()) {
                if (!k.equals("date") && !k.equals("timezone")) {
                    throw ErrorCode.LOCATION_40535.error("unrecognized option to %s: \"%s\"", name, k);
                }
            }
            if (!d.containsKey("date")) {
                throw ErrorCode.LOCATION_40539.error("missing 'date' argument to %s, provided: %s", name, Values.text(d));
            }
            args.add(ExprParser.parse(d.get("date"), cx));
            if (d.containsKey("timezone")) {
                args.add(ExprParser.parse(d.get("timezone"), cx));
            }
        } else {
            List<Expr> one = Args.parse(arg, cx);
            if (one.size() != 1) {
                throw ErrorCode.LOCATION_40536.error("%s accepts exactly one argument if given an array, but was given %d", name, one.size());
            }
            args.addAll(one);
        }
        return Args.eager(name, args, v -> {
            BsonValue date = v.get(0);
            if (Values.nullish(date)) {
                return BsonNull.VALUE;
            }
            if (v.size() > 1 && Values.nullish(v.get(1))) {
                return BsonNull.VALUE;
            }
            ZoneId zone = zone(v.size() > 1 ? v.get(1) : null);
            return new BsonInt32(f.applyAsInt(at(millis(date), zone)));
        });
    }

    static Expr dateToString(String name, BsonValue arg, ParseContext cx) {
        BsonDocument d = Args.named(arg, ErrorCode.LOCATION_18629, "$dateToString only supports an object as its argument",
                List.of("date", "format", "timezone", "onNull"), ErrorCode.LOCATION_18534, "Unrecognized argument to $dateToString: ");
        Args.require(d, "date", ErrorCode.LOCATION_18628, "Missing 'date' parameter to $dateToString");
        if (d.containsKey("format") && d.get("format").isString()) {
            DateFormat.validate(d.getString("format").getValue());
        }
        List<Expr> args = List.of(ExprParser.parse(d.get("date"), cx), opt(d, "format", cx), opt(d, "timezone", cx), opt(d, "onNull", cx));
        boolean hasOnNull = d.containsKey("onNull");
        boolean hasFormat = d.containsKey("format");
        boolean hasZone = d.containsKey("timezone");
        return new Expr.Call(name, args, (a, ecx) -> {
            BsonValue format = a.get(1).evaluate(ecx);
            String pattern = "%Y-%m-%dT%H:%M:%S.%LZ";
            if (hasFormat) {
                if (Values.nullish(format)) {
                    return BsonNull.VALUE;
                }
                if (!format.isString()) {
                    throw ErrorCode.LOCATION_18533.error("$dateToString requires that 'format' be a string, found: %s with value %s",
                            Values.typeName(format), Values.text(format));
                }
                pattern = format.asString().getValue();
                DateFormat.validate(pattern);
            }
            ZoneId zone = ZoneOffset.UTC;
            if (hasZone) {
                BsonValue tz = a.get(2).evaluate(ecx);
                if (Values.nullish(tz)) {
                    return BsonNull.VALUE;
                }
                zone = zone(tz);
            }
            BsonValue date = a.get(0).evaluate(ecx);
            if (Values.nullish(date)) {
                return hasOnNull ? a.get(3).evaluate(ecx) : BsonNull.VALUE;
            }
            return new BsonString(DateFormat.format(pattern, millis(date), zone));
        });
    }

    private static Expr opt(BsonDocument d, String field, ParseContext cx) {
        return d.containsKey(field) ? ExprParser.parse(d.get(field), cx) : OMITTED;
    }

    /** An optional argument that was not given (told apart from one given as null by identity). */
    private static final Expr OMITTED = new Expr.Constant(BsonNull.VALUE);

    /** The argument an optional one left out parses to (for the other date operators' parsers). */
    static Expr omittedArgument() {
        return OMITTED;
    }

    /** Whether an optional argument of a date operator ($dateToString, $dateTrunc, ...) was left out rather than given. */
    public static boolean omitted(Expr argument) {
        return argument == OMITTED;
    }

    static Expr dateFromString(String name, BsonValue arg, ParseContext cx) {
        BsonDocument d = Args.named(arg, ErrorCode.LOCATION_40540, "$dateFromString only supports an object as an argument, found: "
                + Values.typeName(arg), List.of("dateString", "format", "timezone", "onError", "onNull"), ErrorCode.LOCATION_40541,
                "Unrecognized argument to $dateFromString: ");
        Args.require(d, "dateString", ErrorCode.LOCATION_40542, "Missing 'dateString' parameter to $dateFromString");
        List<Expr> args = List.of(ExprParser.parse(d.get("dateString"), cx), opt(d, "format", cx), opt(d, "timezone", cx),
                opt(d, "onError", cx), opt(d, "onNull", cx));
        boolean hasOnError = d.containsKey("onError");
        boolean hasOnNull = d.containsKey("onNull");
        return new Expr.Call(name, args, (a, ecx) -> {
            BsonValue format = a.get(1).evaluate(ecx);
            String pattern = null;
            if (!Values.nullish(format)) {
                if (!format.isString()) {
                    throw ErrorCode.LOCATION_40684.error("$dateFromString requires that 'format' be a string, found: %s with value %s",
                            Values.typeName(format), Values.text(format));
                }
                pattern = format.asString().getValue();
                DateFormat.validate(pattern);
            } else if (d.containsKey("format")) {
                return BsonNull.VALUE;
            }
            BsonValue tz = a.get(2).evaluate(ecx);
            if (d.containsKey("timezone") && Values.nullish(tz)) {
                return BsonNull.VALUE;
            }
            ZoneId zone = zone(Values.nullish(tz) ? null : tz);
            BsonValue input = a.get(0).evaluate(ecx);
            if (Values.nullish(input)) {
                return hasOnNull ? a.get(4).evaluate(ecx) : BsonNull.VALUE;
            }
            try {
                if (!input.isString()) {
                    throw ErrorCode.CONVERSION_FAILURE.error("$dateFromString requires that 'dateString' be a string, found: %s with value %s",
                            Values.typeName(input), Values.text(input));
                }
                return new BsonDateTime(DateParse.parse(input.asString().getValue(), pattern, zone));
            } catch (MongoServerException e) {
                if (hasOnError && e.code() == ErrorCode.CONVERSION_FAILURE) {
                    return a.get(3).evaluate(ecx);
                }
                throw e;
            }
        });
    }

    static Expr dateToParts(String name, BsonValue arg, ParseContext cx) {
        BsonDocument d = Args.named(arg, ErrorCode.LOCATION_40524, "$dateToParts only supports an object as its argument",
                List.of("date", "timezone", "iso8601"), ErrorCode.LOCATION_40520, "Unrecognized argument to $dateToParts: ");
        Args.require(d, "date", ErrorCode.LOCATION_40522, "Missing 'date' parameter to $dateToParts");
        List<Expr> args = List.of(ExprParser.parse(d.get("date"), cx), opt(d, "timezone", cx), opt(d, "iso8601", cx));
        return Args.eager(name, args, v -> {
            if (d.containsKey("timezone") && Values.nullish(v.get(1))) {
                return BsonNull.VALUE;
            }
            boolean iso = false;
            if (d.containsKey("iso8601")) {
                if (Values.nullish(v.get(2))) {
                    return BsonNull.VALUE;
                }
                if (!v.get(2).isBoolean()) {
                    throw ErrorCode.LOCATION_40521.error("iso8601 must evaluate to a bool, found " + Values.typeName(v.get(2)));
                }
                iso = v.get(2).asBoolean().getValue();
            }
            if (Values.nullish(v.get(0))) {
                return BsonNull.VALUE;
            }
            ZonedDateTime t = at(millis(v.get(0)), zone(Values.nullish(v.get(1)) ? null : v.get(1)));
            BsonDocument out = new BsonDocument();
            if (iso) {
                out.append("isoWeekYear", new BsonInt32(t.get(IsoFields.WEEK_BASED_YEAR)))
                        .append("isoWeek", new BsonInt32(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)))
                        .append("isoDayOfWeek", new BsonInt32(t.getDayOfWeek().getValue()));
            } else {
                out.append("year", new BsonInt32(t.getYear())).append("month", new BsonInt32(t.getMonthValue()))
                        .append("day", new BsonInt32(t.getDayOfMonth()));
            }
            return out.append("hour", new BsonInt32(t.getHour())).append("minute", new BsonInt32(t.getMinute()))
                    .append("second", new BsonInt32(t.getSecond())).append("millisecond", new BsonInt32(t.getNano() / 1_000_000));
        });
    }

    private static final List<String> CALENDAR = List.of("year", "month", "day", "hour", "minute", "second", "millisecond");
    private static final List<String> ISO = List.of("isoWeekYear", "isoWeek", "isoDayOfWeek", "hour", "minute", "second", "millisecond");

    static Expr dateFromParts(String name, BsonValue arg, ParseContext cx) {
        if (!(arg instanceof BsonDocument d)) {
            throw ErrorCode.LOCATION_40519.error("$dateFromParts only supports an object as its argument");
        }
        for (String k : d.keySet()) {
            if (!CALENDAR.contains(k) && !ISO.contains(k) && !k.equals("timezone")) {
                throw ErrorCode.LOCATION_40518.error("Unrecognized argument to $dateFromParts: " + k);
            }
        }
        boolean iso = d.containsKey("isoWeekYear");
        if (iso && (d.containsKey("year") || d.containsKey("month") || d.containsKey("day"))) {
            throw ErrorCode.LOCATION_40489.error("$dateFromParts does not allow mixing natural dates with ISO dates");
        }
        if (!iso && !d.containsKey("year")) {
            if (d.containsKey("isoWeek") || d.containsKey("isoDayOfWeek")) {
                throw ErrorCode.LOCATION_40516.error("$dateFromParts requires either 'year' or 'isoWeekYear' to be present");
            }
            throw ErrorCode.LOCATION_40516.error("$dateFromParts requires either 'year' or 'isoWeekYear' to be present");
        }
        List<String> fields = iso ? ISO : CALENDAR;
        List<Expr> args = new ArrayList<>();
        for (String f : fields) {
            args.add(d.containsKey(f) ? ExprParser.parse(d.get(f), cx) : null);
        }
        args.add(d.containsKey("timezone") ? ExprParser.parse(d.get("timezone"), cx) : new Expr.Constant(BsonNull.VALUE));
        List<Expr> present = args.stream().map(e -> e == null ? (Expr) new Expr.Constant(new BsonInt32(-999_999)) : e).toList();
        return new Expr.Call(name, present, (a, ecx) -> {
            long[] parts = new long[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                String f = fields.get(i);
                if (!d.containsKey(f)) {
                    parts[i] = i < 3 && i > 0 ? 1 : 0;
                    continue;
                }
                BsonValue v = a.get(i).evaluate(ecx);
                if (Values.nullish(v)) {
                    return BsonNull.VALUE;
                }
                Long l = Num.asInt64(v);
                if (!Num.isNumber(v) || l == null) {
                    throw ErrorCode.LOCATION_40515.error("'%s' must evaluate to an integer, found %s with value %s",
                            f, Values.typeName(v), Values.text(v));
                }
                if (i == 0 && (l < 1 || l > 9999)) {
                    throw ErrorCode.LOCATION_40523.error("'%s' must evaluate to an integer in the range 1 to 9999, found %d", f, l);
                }
                if (i > 0 && (l < -32768 || l > 32767)) {
                    throw ErrorCode.LOCATION_31034.error("'%s' must evaluate to a value in the range [-32768, 32767]; value %d is not in range",
                            f, l);
                }
                parts[i] = l;
            }
            BsonValue tz = a.get(fields.size()).evaluate(ecx);
            if (d.containsKey("timezone") && Values.nullish(tz)) {
                return BsonNull.VALUE;
            }
            ZoneId zone = zone(Values.nullish(tz) ? null : tz);
            LocalDateTime t;
            if (iso) {
                t = LocalDateTime.of((int) parts[0], 1, 4, 0, 0).with(DayOfWeek.MONDAY)
                        .plusWeeks(parts[1] - 1).plusDays(parts[2] - 1);
            } else {
                t = LocalDateTime.of((int) parts[0], 1, 1, 0, 0).plusMonths(parts[1] - 1).plusDays(parts[2] - 1);
            }
            t = t.plusHours(parts[3]).plusMinutes(parts[4]).plusSeconds(parts[5]).plus(parts[6], ChronoUnit.MILLIS);
            return new BsonDateTime(t.atZone(zone).toInstant().toEpochMilli());
        });
    }
}
