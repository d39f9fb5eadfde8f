package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date strings to milliseconds for $dateFromString and $convert: ISO 8601 forms
 * ({@code 2017-02-08}, {@code 2017-02-08T12:10:40.787Z}, {@code ...+05:30}, a space instead of 'T')
 * without a format, or exactly the given format's specifiers. Failures are 241 ConversionFailure.
 */
final class DateParse {
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
                    + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?|[A-Za-z_]+/[A-Za-z_/+-]+|UTC|GMT)?");

    private DateParse() {}

    static long parse(String s, String format, ZoneId zone) {
        return format == null ? parseIso(s, zone) : parseFormat(s, format, zone);
    }

    private static MongoServerException error(String s, String why) {
        return ErrorCode.CONVERSION_FAILURE.error("Error parsing date string '%s'; %s", s, why);
    }

    private static long parseIso(String s, ZoneId zone) {
        Matcher m = ISO.matcher(s.trim());
        if (!m.matches()) {
            throw error(s, "0: passing a time zone identifier as part of the string is not allowed");
        }
        try {
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            if (m.group(7) != null) {
                String frac = (m.group(7) + "000").substring(0, 3);
                t = t.plusNanos(Integer.parseInt(frac) * 1_000_000L);
            }
            ZoneId z = zone;
            if (m.group(8) != null) {
                if (!zone.equals(ZoneOffset.UTC)) {
                    throw ErrorCode.LOCATION_40554.error("you cannot pass in a date/time string with GMT offset together with a timezone argument");
                }
                z = m.group(8).equals("Z") ? ZoneOffset.UTC : DateOps.zone(new org.bson.BsonString(m.group(8)));
            }
            return t.atZone(z).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw error(s, e.getMessage());
        }
    }

    private static long parseFormat(String s, String format, ZoneId zone) {
        int year = 1970;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int millis = 0;
        Integer isoYear = null;
        int isoWeek = 1;
        int isoDay = 1;
        Integer dayOfYear = null;
        ZoneId z = zone;
        int pos = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                if (pos >= s.length() || s.charAt(pos) != c) {
                    throw error(s, "Format literal not found");
                }
                pos++;
                continue;
            }
            char spec = format.charAt(++i);
            if (spec == '%') {
                if (pos >= s.length() || s.charAt(pos) != '%') {
                    throw error(s, "Format literal not found");
                }
                pos++;
                continue;
            }
            if (spec == 'z' || spec == 'Z') {
                Matcher m = Pattern.compile("Z|[+-]\\d{2}:?\\d{2}|[+-]\\d+|[A-Za-z_]+/[A-Za-z_/]+").matcher(s).region(pos, s.length());
                if (!m.lookingAt()) {
                    throw error(s, "Invalid time zone");
                }
                String tz = m.group();
                pos = m.end();
                if (spec == 'Z' && tz.matches("[+-]\\d+")) {
                    int minutes = Integer.parseInt(tz);
                    z = ZoneOffset.ofTotalSeconds(minutes * 60);
                } else {
                    z = tz.equals("Z") ? ZoneOffset.UTC : DateOps.zone(new org.bson.BsonString(tz));
                }
                continue;
            }
            int width = switch (spec) {
                case 'Y', 'G' -> 4;
                case 'j', 'L' -> 3;
                case 'u', 'w' -> 1;
                default -> 2;
            };
            int start = pos;
            while (pos < s.length() && pos - start < width && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw error(s, "Unexpected data found");
            }
            int value = Integer.parseInt(s.substring(start, pos));
            switch (spec) {
                case 'Y' -> year = value;
                case 'm' -> month = value;
                case 'd' -> day = value;
                case 'H' -> hour = value;
                case 'M' -> minute = value;
                case 'S' -> second = value;
                case 'L' -> millis = value * (int) Math.pow(10, 3 - (pos - start));
                case 'G' -> isoYear = value;
                case 'V' -> isoWeek = value;
                case 'u' -> isoDay = value;
                case 'j' -> dayOfYear = value;
                default -> { }
            }
        }
        if (pos != s.length()) {
            throw error(s, "Trailing data");
        }
        try {
            LocalDate date;
            if (isoYear != null) {
                date = LocalDate.of(isoYear, 1, 4).with(DayOfWeek.MONDAY).plusWeeks(isoWeek - 1).plusDays(isoDay - 1);
            } else if (dayOfYear != null) {
                date = LocalDate.ofYearDay(year, dayOfYear);
            } else {
                date = LocalDate.of(year, month, day);
            }
            return date.atTime(hour, minute, second, millis * 1_000_000).atZone(z).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw error(s, e.getMessage());
        }
    }
}
