package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** $dateAdd $dateSubtract $dateDiff $dateTrunc: calendar units in the time zone's local time, smaller units in milliseconds. */
final class DateMathOps {
    private static final List<String> UNITS = List.of("year", "quarter", "month", "week", "day", "hour", "minute", "second", "millisecond");
    private static final Map<String, Long> MILLIS = Map.of("hour", 3_600_000L, "minute", 60_000L, "second", 1000L, "millisecond", 1L);

    private DateMathOps() {}

    private static String unit(String name, BsonValue v) {
        if (v == null || !v.isString()) {
            throw ErrorCode.LOCATION_5439013.error("%s requires 'unit' to be a string, but got %s", name, Values.typeName(v));
        }
        String u = v.asString().getValue();
        if (!UNITS.contains(u)) {
            throw ErrorCode.LOCATION_5439014.error("%s parameter 'unit' value parsing failed :: caused by :: unknown time unit value: %s", name, u);
        }
        return u;
    }

    private static Expr opt(BsonDocument d, String f, ParseContext cx) {
        return d.containsKey(f) ? ExprParser.parse(d.get(f), cx) : DateOps.omittedArgument();
    }

    static Expr dateAdd(String name, BsonValue arg, ParseContext cx) {
        return addOrSubtract(name, arg, cx, 1);
    }

    static Expr dateSubtract(String name, BsonValue arg, ParseContext cx) {
        return addOrSubtract(name, arg, cx, -1);
    }

    private static Expr addOrSubtract(String name, BsonValue arg, ParseContext cx, int sign) {
        BsonDocument d = Args.named(arg, ErrorCode.LOCATION_5166400, name + " expects an object as its argument",
                List.of("startDate", "unit", "amount", "timezone"), ErrorCode.LOCATION_5166401, "Unrecognized argument to " + name + ": ");
        Args.require(d, "startDate", ErrorCode.LOCATION_5166402, "Missing 'startDate' parameter to " + name);
        Args.require(d, "unit", ErrorCode.LOCATION_5166402, "Missing 'unit' parameter to " + name);
        Args.require(d, "amount", ErrorCode.LOCATION_5166402, "Missing 'amount' parameter to " + name);
        List<Expr> args = List.of(opt(d, "startDate", cx), opt(d, "unit", cx), opt(d, "amount", cx), opt(d, "timezone", cx));
        return Args.eager(name, args, v -> {
            for (BsonValue x : v.subList(0, 3)) {
                if (Values.nullish(x)) {
                    return BsonNull.VALUE;
                }
            }
            if (d.containsKey("timezone") && Values.nullish(v.get(3))) {
                return BsonNull.VALUE;
            }
            BsonValue start = v.get(0);
            if (!(start.isDateTime() || start.isTimestamp() || start.isObjectId())) {
                throw ErrorCode.LOCATION_5166403.error("%s requires startDate to be convertible to a date", name);
            }
            String unit = unit(name, v.get(1));
            Long amount = Num.asInt64(v.get(2));
            if (amount == null) {
                throw ErrorCode.LOCATION_5166405.error("%s expects integer amount of time units", name);
            }
            ZoneId zone = DateOps.zone(Values.nullish(v.get(3)) ? null : v.get(3));
            return new BsonDateTime(add(DateOps.millis(start), unit, sign * amount, zone));
        });
    }

    static long add(long millis, String unit, long amount, ZoneId zone) {
        Long ms = MILLIS.get(unit);
        try {
            if (ms != null) {
                return Math.addExact(millis, Math.multiplyExact(amount, ms));
            }
            ZonedDateTime t = DateOps.at(millis, zone);
            ZonedDateTime r = switch (unit) {
                case "year" -> t.plusYears(amount);
                case "quarter" -> t.plusMonths(Math.multiplyExact(amount, 3));
                case "month" -> t.plusMonths(amount);
                case "week" -> t.plusWeeks(amount);
                default -> t.plusDays(amount);
            };
            return r.toInstant().toEpochMilli();
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw ErrorCode.LOCATION_5166406.error("$dateAdd overflowed");
        }
    }

    static Expr dateDiff(String name, BsonValue arg, ParseContext cx) {
        BsonDocument d = Args.named(arg, ErrorCode.LOCATION_5166301, name + " only supports an object as its argument",
                List.of("startDate", "endDate", "unit", "timezone", "startOfWeek"), ErrorCode.LOCATION_5166302,
                "Unrecognized argument to " + name + ": ");
        Args.require(d, "startDate", ErrorCode.LOCATION_5166303, "Missing 'startDate' parameter to " + name);
        Args.require(d, "endDate", ErrorCode.LOCATION_5166304, "Missing 'endDate' parameter to " + name);
        Args.require(d, "unit", ErrorCode.LOCATION_5166305, "Missing 'unit' parameter to " + name);
        List<Expr> args = List.of(opt(d, "startDate", cx), opt(d, "endDate", cx), opt(d, "unit", cx), opt(d, "timezone", cx),
                opt(d, "startOfWeek", cx));
        return Args.eager(name, args, v -> {
            for (int i = 0; i < 3; i++) {
                if (Values.nullish(v.get(i))) {
                    return BsonNull.VALUE;
                }
            }
            if ((d.containsKey("timezone") && Values.nullish(v.get(3))) || (d.containsKey("startOfWeek") && Values.nullish(v.get(4)))) {
                return BsonNull.VALUE;
            }
            long start = DateOps.millis(v.get(0));
            long end = DateOps.millis(v.get(1));
            String unit = unit(name, v.get(2));
            ZoneId zone = DateOps.zone(Values.nullish(v.get(3)) ? null : v.get(3));
            DayOfWeek weekStart = weekStart(v.get(4));
            return new BsonInt64(diff(start, end, unit, zone, weekStart));
        });
    }

    private static DayOfWeek weekStart(BsonValue v) {
        if (Values.nullish(v)) {
            return DayOfWeek.SUNDAY;
        }
        if (!v.isString()) {
            throw ErrorCode.LOCATION_5439015.error("startOfWeek must be a string, but got " + Values.typeName(v));
        }
        String s = v.asString().getValue().toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(Locale.ROOT);
            if (s.equals(full) || s.equals(full.substring(0, 3))) {
                return d;
            }
        }
        throw ErrorCode.LOCATION_5439016.error("unknown day of week value: " + v.asString().getValue());
    }

    static long diff(long start, long end, String unit, ZoneId zone, DayOfWeek weekStart) {
        Long ms = MILLIS.get(unit);
        LocalDateTime s = DateOps.at(start, zone).toLocalDateTime();
        LocalDateTime e = DateOps.at(end, zone).toLocalDateTime();
        if (ms != null) {
            long ls = s.toEpochSecond(java.time.ZoneOffset.UTC) * 1000 + s.getNano() / 1_000_000;
            long le = e.toEpochSecond(java.time.ZoneOffset.UTC) * 1000 + e.getNano() / 1_000_000;
            return Math.floorDiv(le, ms) - Math.floorDiv(ls, ms);
        }
        return switch (unit) {
            case "year" -> e.getYear() - s.getYear();
            case "quarter" -> (e.getYear() * 4L + (e.getMonthValue() - 1) / 3) - (s.getYear() * 4L + (s.getMonthValue() - 1) / 3);
            case "month" -> (e.getYear() * 12L + e.getMonthValue()) - (s.getYear() * 12L + s.getMonthValue());
            case "week" -> ChronoUnit.WEEKS.between(weekFloor(s.toLocalDate(), weekStart), weekFloor(e.toLocalDate(), weekStart));
            default -> ChronoUnit.DAYS.between(s.toLocalDate(), e.toLocalDate());
        };
    }

    private static java.time.LocalDate weekFloor(java.time.LocalDate d, DayOfWeek weekStart) {
        int back = (d.getDayOfWeek().getValue() - weekStart.getValue() + 7) % 7;
        return d.minusDays(back);
    }

    static Expr dateTrunc(String name, BsonValue arg, ParseContext cx) {
        BsonDocument d = Args.named(arg, ErrorCode.LOCATION_5439007, name + " only supports an object as its argument",
                List.of("date", "unit", "binSize", "timezone", "startOfWeek"), ErrorCode.LOCATION_5439008,
                "Unrecognized argument to " + name + ": ");
        Args.require(d, "date", ErrorCode.LOCATION_5439009, "Missing 'date' parameter to " + name);
        Args.require(d, "unit", ErrorCode.LOCATION_5439010, "Missing 'unit' parameter to " + name);
        List<Expr> args = List.of(opt(d, "date", cx), opt(d, "unit", cx), opt(d, "binSize", cx), opt(d, "timezone", cx),
                opt(d, "startOfWeek", cx));
        return Args.eager(name, args, v -> {
            if (Values.nullish(v.get(0)) || Values.nullish(v.get(1))) {
                return BsonNull.VALUE;
            }
            for (String f : List.of("binSize", "timezone", "startOfWeek")) {
                if (d.containsKey(f) && Values.nullish(v.get(List.of("date", "unit", "binSize", "timezone", "startOfWeek").indexOf(f)))) {
                    return BsonNull.VALUE;
                }
            }
            if (!v.get(0).isDateTime() && !v.get(0).isTimestamp() && !v.get(0).isObjectId()) {
                throw ErrorCode.LOCATION_5439012.error("%s requires 'date' to be a date, but got %s", name, Values.typeName(v.get(0)));
            }
            long date = DateOps.millis(v.get(0));
            String unit = unit(name, v.get(1));
            long bin = 1;
            if (d.containsKey("binSize")) {
                Long b = Num.asInt64(v.get(2));
                if (b == null || b <= 0) {
                    throw ErrorCode.LOCATION_5439017.error("%s requires 'binSize' to be a 64-bit integer greater than 0, but got value '%s' of type %s",
                            name, Values.text(v.get(2)), Values.typeName(v.get(2)));
                }
                bin = b;
            }
            ZoneId zone = DateOps.zone(Values.nullish(v.get(3)) ? null : v.get(3));
            return new BsonDateTime(trunc(date, unit, bin, zone, weekStart(v.get(4))));
        });
    }

    /** Bins of binSize units counted from 2000-01-01T00:00 local time (for weeks, the first startOfWeek on or after it). */
    static long trunc(long date, String unit, long bin, ZoneId zone, DayOfWeek weekStart) {
        ZonedDateTime t = DateOps.at(date, zone);
        LocalDateTime reference = LocalDateTime.of(2000, 1, 1, 0, 0);
        Long ms = MILLIS.get(unit);
        if (ms != null) {
            long refMillis = reference.atZone(zone).toInstant().toEpochMilli();
            long size = ms * bin;
            long local = date + t.getOffset().getTotalSeconds() * 1000L;
            long refLocal = refMillis + reference.atZone(zone).getOffset().getTotalSeconds() * 1000L;
            long truncated = refLocal + Math.floorDiv(local - refLocal, size) * size;
            if (ms >= 3_600_000L) {
                return LocalDateTime.ofEpochSecond(Math.floorDiv(truncated, 1000), 0, java.time.ZoneOffset.UTC)
                        .atZone(zone).toInstant().toEpochMilli();
            }
            return date - (local - truncated);
        }
        LocalDateTime l = t.toLocalDateTime();
        LocalDateTime out = switch (unit) {
            case "year" -> reference.plusYears(Math.floorDiv(l.getYear() - 2000L, bin) * bin);
            case "quarter" -> reference.plusMonths(Math.floorDiv((l.getYear() - 2000L) * 12 + l.getMonthValue() - 1, 3 * bin) * 3 * bin);
            case "month" -> reference.plusMonths(Math.floorDiv((l.getYear() - 2000L) * 12 + l.getMonthValue() - 1, bin) * bin);
            case "week" -> {
                LocalDateTime ref = weekFloor(reference.toLocalDate(), weekStart).atStartOfDay();
                long weeks = ChronoUnit.WEEKS.between(ref.toLocalDate(), weekFloor(l.toLocalDate(), weekStart));
                yield ref.plusWeeks(Math.floorDiv(weeks, bin) * bin);
            }
            default -> reference.plusDays(Math.floorDiv(ChronoUnit.DAYS.between(reference.toLocalDate(), l.toLocalDate()), bin) * bin);
        };
        return out.atZone(zone).toInstant().toEpochMilli();
    }
}
