package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import java.util.Map;
import java.util.Set;

/** The time units of range windows, $derivative and $integral. */
final class TimeUnits {
    private static final Set<String> CALENDAR = Set.of("year", "quarter", "month");
    private static final Map<String, Long> MILLIS = Map.of("week", 604_800_000L, "day", 86_400_000L, "hour", 3_600_000L,
            "minute", 60_000L, "second", 1_000L, "millisecond", 1L);

    private TimeUnits() {}

    static String parse(String unit) {
        if (!CALENDAR.contains(unit) && !MILLIS.containsKey(unit)) {
            throw ErrorCode.FAILED_TO_PARSE.error("unknown time unit value: " + unit);
        }
        return unit;
    }

    /** A unit's length in milliseconds; calendar units (month and longer) have none. */
    static long millis(String unit) {
        if (CALENDAR.contains(parse(unit))) {
            throw ErrorCode.LOCATION_5490710.error("unit must be 'week' or smaller");
        }
        return MILLIS.get(unit);
    }
}
