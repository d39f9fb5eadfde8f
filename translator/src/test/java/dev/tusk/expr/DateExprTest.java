package dev.tusk.expr;

import static dev.tusk.expr.ExprCase.c;
import static dev.tusk.expr.ExprCase.err;

import dev.tusk.error.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Date operators with time zones (Olson names and offsets), following the manual's examples. */
class DateExprTest {
    static Stream<ExprCase> cases() {
        String d = "{date: ISODate('2014-01-01T08:15:39.736Z'), n: null, ts: Timestamp(1388564139, 1)}";
        return Stream.of(
                c("year", d, "{$year: '$date'}", "2014"),
                c("month", d, "{$month: '$date'}", "1"),
                c("dayOfMonth", d, "{$dayOfMonth: '$date'}", "1"),
                c("hour", d, "{$hour: '$date'}", "8"),
                c("minute", d, "{$minute: '$date'}", "15"),
                c("second", d, "{$second: '$date'}", "39"),
                c("millisecond", d, "{$millisecond: '$date'}", "736"),
                c("dayOfYear", d, "{$dayOfYear: '$date'}", "1"),
                c("dayOfWeek (Wednesday = 4)", d, "{$dayOfWeek: '$date'}", "4"),
                c("week", d, "{$week: '$date'}", "0"),
                c("isoWeek", d, "{$isoWeek: '$date'}", "1"),
                c("isoWeekYear", d, "{$isoWeekYear: '$date'}", "NumberInt(2014)"),
                c("isoDayOfWeek", d, "{$isoDayOfWeek: '$date'}", "3"),
                c("year array form", d, "{$year: ['$date']}", "2014"),
                c("hour with timezone", d, "{$hour: {date: '$date', timezone: 'America/New_York'}}", "3"),
                c("hour with offset", d, "{$hour: {date: '$date', timezone: '+05:30'}}", "13"),
                c("minute with offset", d, "{$minute: {date: '$date', timezone: '+05:30'}}", "45"),
                c("hour with compact offset", d, "{$hour: {date: '$date', timezone: '-0300'}}", "5"),
                c("year of timestamp", d, "{$year: '$ts'}", "2014"),
                c("year null", d, "{$year: '$n'}", "null"),
                c("year missing", d, "{$year: '$nope'}", "null"),
                c("week later in year", "{$week: ISODate('2014-12-31T00:00:00Z')}", "52"),
                c("isoWeek year boundary", "{$isoWeek: ISODate('2016-01-01T00:00:00Z')}", "53"),
                c("isoWeekYear boundary", "{$isoWeekYear: ISODate('2016-01-01T00:00:00Z')}", "2015"),
                c("dateToString default", d, "{$dateToString: {date: '$date'}}", "'2014-01-01T08:15:39.736Z'"),
                c("dateToString format", d, "{$dateToString: {format: '%Y-%m-%d', date: '$date'}}", "'2014-01-01'"),
                c("dateToString time in zone", d, "{$dateToString: {format: '%H:%M:%S:%L%z', date: '$date', timezone: 'America/New_York'}}",
                        "'03:15:39:736-0500'"),
                c("dateToString minutes offset", d, "{$dateToString: {format: '%Z', date: '$date', timezone: 'America/New_York'}}", "'-300'"),
                c("dateToString day of year, weeks", d, "{$dateToString: {format: '%j %U %V %u %w %G', date: '$date'}}", "'001 00 01 3 4 2014'"),
                c("dateToString percent", d, "{$dateToString: {format: '100%%', date: '$date'}}", "'100%'"),
                c("dateToString null date", d, "{$dateToString: {date: '$n'}}", "null"),
                c("dateToString onNull", d, "{$dateToString: {date: '$nope', onNull: 'none'}}", "'none'"),
                c("dateFromString iso", d, "{$dateFromString: {dateString: '2017-02-08T12:10:40.787Z'}}", "ISODate('2017-02-08T12:10:40.787Z')"),
                c("dateFromString date only", d, "{$dateFromString: {dateString: '2017-02-08'}}", "ISODate('2017-02-08T00:00:00Z')"),
                c("dateFromString timezone", d, "{$dateFromString: {dateString: '2017-02-08T12:10:40', timezone: 'America/New_York'}}",
                        "ISODate('2017-02-08T17:10:40Z')"),
                c("dateFromString offset in string", d, "{$dateFromString: {dateString: '2017-02-08T12:10:40+02:00'}}",
                        "ISODate('2017-02-08T10:10:40Z')"),
                c("dateFromString format", d, "{$dateFromString: {dateString: '15-06-2018', format: '%d-%m-%Y'}}", "ISODate('2018-06-15T00:00:00Z')"),
                c("dateFromString onError", d, "{$dateFromString: {dateString: 'garbage', onError: 'bad'}}", "'bad'"),
                c("dateFromString onNull", d, "{$dateFromString: {dateString: '$n', onNull: 0}}", "0"),
                c("dateFromString null", d, "{$dateFromString: {dateString: null}}", "null"),
                c("dateToParts", d, "{$dateToParts: {date: '$date'}}",
                        "{year: 2014, month: 1, day: 1, hour: 8, minute: 15, second: 39, millisecond: 736}"),
                c("dateToParts iso", d, "{$dateToParts: {date: '$date', iso8601: true}}",
                        "{isoWeekYear: 2014, isoWeek: 1, isoDayOfWeek: 3, hour: 8, minute: 15, second: 39, millisecond: 736}"),
                c("dateToParts timezone", d, "{$dateToParts: {date: '$date', timezone: 'America/New_York'}}",
                        "{year: 2014, month: 1, day: 1, hour: 3, minute: 15, second: 39, millisecond: 736}"),
                c("dateFromParts", d, "{$dateFromParts: {year: 2017, month: 2, day: 8, hour: 12}}", "ISODate('2017-02-08T12:00:00Z')"),
                c("dateFromParts defaults", d, "{$dateFromParts: {year: 2017}}", "ISODate('2017-01-01T00:00:00Z')"),
                c("dateFromParts carry", d, "{$dateFromParts: {year: 2017, month: 14, day: 1}}", "ISODate('2018-02-01T00:00:00Z')"),
                c("dateFromParts negative carry", d, "{$dateFromParts: {year: 2017, month: 1, day: 0}}", "ISODate('2016-12-31T00:00:00Z')"),
                c("dateFromParts timezone", d, "{$dateFromParts: {year: 2016, month: 12, day: 31, hour: 23, minute: 46, second: 12, "
                        + "timezone: 'America/New_York'}}", "ISODate('2017-01-01T04:46:12Z')"),
                c("dateFromParts iso", d, "{$dateFromParts: {isoWeekYear: 2017, isoWeek: 6, isoDayOfWeek: 3}}", "ISODate('2017-02-08T00:00:00Z')"),
                c("dateFromParts null", d, "{$dateFromParts: {year: null}}", "null"),
                c("dateAdd days", d, "{$dateAdd: {startDate: '$date', unit: 'day', amount: 3}}", "ISODate('2014-01-04T08:15:39.736Z')"),
                c("dateAdd month clamps", "{$dateAdd: {startDate: ISODate('2020-01-31T00:00:00Z'), unit: 'month', amount: 1}}",
                        "ISODate('2020-02-29T00:00:00Z')"),
                c("dateAdd hours", d, "{$dateAdd: {startDate: '$date', unit: 'hour', amount: -8}}", "ISODate('2014-01-01T00:15:39.736Z')"),
                c("dateAdd quarter", d, "{$dateAdd: {startDate: '$date', unit: 'quarter', amount: 1}}", "ISODate('2014-04-01T08:15:39.736Z')"),
                c("dateAdd null", d, "{$dateAdd: {startDate: '$n', unit: 'day', amount: 1}}", "null"),
                c("dateSubtract", d, "{$dateSubtract: {startDate: '$date', unit: 'week', amount: 1}}", "ISODate('2013-12-25T08:15:39.736Z')"),
                c("dateDiff days", "{$dateDiff: {startDate: ISODate('2020-01-01T23:00:00Z'), endDate: ISODate('2020-01-03T01:00:00Z'), unit: 'day'}}",
                        "NumberLong(2)"),
                c("dateDiff years counts boundaries", "{$dateDiff: {startDate: ISODate('2019-12-31T00:00:00Z'), "
                        + "endDate: ISODate('2020-01-01T00:00:00Z'), unit: 'year'}}", "NumberLong(1)"),
                c("dateDiff months", "{$dateDiff: {startDate: ISODate('2020-01-15T00:00:00Z'), endDate: ISODate('2020-03-01T00:00:00Z'), unit: 'month'}}",
                        "NumberLong(2)"),
                c("dateDiff hours negative", "{$dateDiff: {startDate: ISODate('2020-01-01T10:00:00Z'), endDate: ISODate('2020-01-01T08:30:00Z'), "
                        + "unit: 'hour'}}", "NumberLong(-2)"),
                c("dateDiff weeks", "{$dateDiff: {startDate: ISODate('2021-01-02T00:00:00Z'), endDate: ISODate('2021-01-03T00:00:00Z'), unit: 'week'}}",
                        "NumberLong(1)"),
                c("dateDiff weeks monday", "{$dateDiff: {startDate: ISODate('2021-01-02T00:00:00Z'), endDate: ISODate('2021-01-03T00:00:00Z'), "
                        + "unit: 'week', startOfWeek: 'monday'}}", "NumberLong(0)"),
                c("dateTrunc day", d, "{$dateTrunc: {date: '$date', unit: 'day'}}", "ISODate('2014-01-01T00:00:00Z')"),
                c("dateTrunc hour bins", d, "{$dateTrunc: {date: '$date', unit: 'hour', binSize: 6}}", "ISODate('2014-01-01T06:00:00Z')"),
                c("dateTrunc month", "{$dateTrunc: {date: ISODate('2020-05-17T10:00:00Z'), unit: 'month'}}", "ISODate('2020-05-01T00:00:00Z')"),
                c("dateTrunc quarter", "{$dateTrunc: {date: ISODate('2020-05-17T10:00:00Z'), unit: 'quarter'}}", "ISODate('2020-04-01T00:00:00Z')"),
                c("dateTrunc year", "{$dateTrunc: {date: ISODate('2020-05-17T10:00:00Z'), unit: 'year'}}", "ISODate('2020-01-01T00:00:00Z')"),
                c("dateTrunc week (Sunday)", "{$dateTrunc: {date: ISODate('2020-05-20T10:00:00Z'), unit: 'week'}}", "ISODate('2020-05-17T00:00:00Z')"),
                c("dateTrunc timezone", "{$dateTrunc: {date: ISODate('2020-05-17T02:00:00Z'), unit: 'day', timezone: 'America/New_York'}}",
                        "ISODate('2020-05-16T04:00:00Z')"),
                c("dateTrunc minute bins", "{$dateTrunc: {date: ISODate('2020-05-17T10:37:00Z'), unit: 'minute', binSize: 15}}",
                        "ISODate('2020-05-17T10:30:00Z')"),
                c("dateTrunc null", d, "{$dateTrunc: {date: '$n', unit: 'day'}}", "null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(ExprCase c) {
        c.check();
    }

    static Stream<ExprCase> errors() {
        String d = "{date: ISODate('2014-01-01T08:15:39.736Z')}";
        return Stream.of(
                err("year of string", d, "{$year: 'x'}", ErrorCode.LOCATION_16006, "can't convert from BSON type string to Date"),
                err("dateTrunc of string", d, "{$dateTrunc: {date: '2020-05-17', unit: 'month'}}", ErrorCode.LOCATION_5439012,
                        "$dateTrunc requires 'date' to be a date, but got string"),
                err("year bad timezone", d, "{$year: {date: '$date', timezone: 'Mars/Base'}}", ErrorCode.LOCATION_40485,
                        "unrecognized time zone identifier: \"Mars/Base\""),
                err("year array of two", d, "{$year: ['$date', '$date']}", ErrorCode.LOCATION_40536,
                        "$year accepts exactly one argument if given an array, but was given 2"),
                err("year unknown option", d, "{$year: {date: '$date', foo: 1}}", ErrorCode.LOCATION_40535, null),
                err("dateToString bad specifier", d, "{$dateToString: {date: '$date', format: '%Q'}}", ErrorCode.LOCATION_18536, null),
                err("dateToString trailing percent", d, "{$dateToString: {date: '$date', format: 'x%'}}", ErrorCode.LOCATION_18535, null),
                err("dateToString missing date", d, "{$dateToString: {format: '%Y'}}", ErrorCode.LOCATION_18628, null),
                err("dateToString unknown", d, "{$dateToString: {date: '$date', foo: 1}}", ErrorCode.LOCATION_18534, null),
                err("dateFromString garbage", d, "{$dateFromString: {dateString: 'garbage'}}", ErrorCode.CONVERSION_FAILURE, null),
                err("dateFromString non-string", d, "{$dateFromString: {dateString: 5}}", ErrorCode.CONVERSION_FAILURE, null),
                err("dateFromParts non-integer", d, "{$dateFromParts: {year: 'x'}}", ErrorCode.LOCATION_40515, null),
                err("dateFromParts year range", d, "{$dateFromParts: {year: 0}}", ErrorCode.LOCATION_40523, null),
                err("dateFromParts no year", d, "{$dateFromParts: {month: 1}}", ErrorCode.LOCATION_40516, null),
                err("dateFromParts mixed iso", d, "{$dateFromParts: {year: 2017, isoWeekYear: 2017}}", ErrorCode.LOCATION_40489, null),
                err("dateAdd bad unit", d, "{$dateAdd: {startDate: '$date', unit: 'fortnight', amount: 1}}", ErrorCode.LOCATION_5439014, null),
                err("dateAdd fractional amount", d, "{$dateAdd: {startDate: '$date', unit: 'day', amount: 1.5}}", ErrorCode.LOCATION_5166405, null),
                err("dateAdd string start", d, "{$dateAdd: {startDate: 'x', unit: 'day', amount: 1}}", ErrorCode.LOCATION_5166403, null),
                err("dateTrunc zero binSize", d, "{$dateTrunc: {date: '$date', unit: 'day', binSize: 0}}", ErrorCode.LOCATION_5439017, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(ExprCase c) {
        c.check();
    }
}
