package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;

/** The format specifiers of $dateToString/$dateFromString: %d %G %H %j %L %m %M %S %u %U %V %w %Y %z %Z %%. */
final class DateFormat {
    static final String SPECIFIERS = "dGHjLmMSuUVwYzZ%";

    private DateFormat() {}

    /** 18535 for a trailing '%', 18536 for an unknown specifier. */
    static void validate(String format) {
        for (int i = 0; i < format.length(); i++) {
            if (format.charAt(i) != '%') {
                continue;
            }
            if (i + 1 == format.length()) {
                throw ErrorCode.LOCATION_18535.error("Unmatched '%' at end of format string");
            }
            char c = format.charAt(++i);
            if (SPECIFIERS.indexOf(c) < 0) {
                throw ErrorCode.LOCATION_18536.error("Invalid format character '%%%c' in format string", c);
            }
        }
    }

    static String format(String format, long millis, ZoneId zone) {
        ZonedDateTime t = DateOps.at(millis, zone);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            char s = format.charAt(++i);
            switch (s) {
                case 'd' -> pad(sb, t.getDayOfMonth(), 2);
                case 'G' -> pad(sb, t.get(IsoFields.WEEK_BASED_YEAR), 4);
                case 'H' -> pad(sb, t.getHour(), 2);
                case 'j' -> pad(sb, t.getDayOfYear(), 3);
                case 'L' -> pad(sb, t.getNano() / 1_000_000, 3);
                case 'm' -> pad(sb, t.getMonthValue(), 2);
                case 'M' -> pad(sb, t.getMinute(), 2);
                case 'S' -> pad(sb, t.getSecond(), 2);
                case 'u' -> sb.append(t.getDayOfWeek().getValue());
                case 'U' -> pad(sb, DateOps.sundayWeek(t), 2);
                case 'V' -> pad(sb, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2);
                case 'w' -> sb.append(t.getDayOfWeek().getValue() % 7 + 1);
                case 'Y' -> pad(sb, t.getYear(), 4);
                case 'z' -> {
                    int offset = t.getOffset().getTotalSeconds() / 60;
                    sb.append(offset < 0 ? '-' : '+');
                    pad(sb, Math.abs(offset) / 60, 2);
                    pad(sb, Math.abs(offset) % 60, 2);
                }
                case 'Z' -> {
                    int offset = t.getOffset().getTotalSeconds() / 60;
                    sb.append(offset < 0 ? '-' : '+').append(Math.abs(offset));
                }
                default -> sb.append('%');
            }
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(Math.abs(value));
        if (value < 0) {
            sb.append('-');
        }
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
