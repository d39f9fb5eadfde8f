package dev.tusk.pipeline;

import static dev.tusk.pipeline.PipelineCase.c;
import static dev.tusk.pipeline.PipelineCase.err;

import dev.tusk.error.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** $densify: the manual's examples, each kind of bounds, partitions, dates with units, null and missing, and the errors. */
class DensifyTest {
    private static final String WEATHER = """
            [{metadata: {sensorId: 5578, type: 'temperature'}, timestamp: {$date: '2021-05-18T00:00:00Z'}, temp: 12},
             {metadata: {sensorId: 5578, type: 'temperature'}, timestamp: {$date: '2021-05-18T04:00:00Z'}, temp: 11},
             {metadata: {sensorId: 5578, type: 'temperature'}, timestamp: {$date: '2021-05-18T08:00:00Z'}, temp: 11},
             {metadata: {sensorId: 5578, type: 'temperature'}, timestamp: {$date: '2021-05-18T12:00:00Z'}, temp: 12}]""";
    private static final String COFFEE = """
            [{altitude: 600, variety: 'Arabica Typica', score: 68.3}, {altitude: 750, variety: 'Arabica Typica', score: 69.5},
             {altitude: 950, variety: 'Arabica Typica', score: 70.5}, {altitude: 1250, variety: 'Gesha', score: 88.15},
             {altitude: 1700, variety: 'Gesha', score: 95.5, price: 1029}]""";
    private static final String BY_VARIETY = ", {$sort: {variety: 1, altitude: 1}}, {$project: {variety: 1, altitude: 1, score: 1}}]";

    private static String densify(String spec) {
        return "[{$densify: {" + spec + "}}]";
    }

    private static String hour(int h) {
        return String.format("{timestamp: {$date: '2021-05-18T%02d:00:00Z'}}", h);
    }

    static Stream<PipelineCase> cases() {
        return Stream.of(
                c("hourly between explicit date bounds (manual)", WEATHER, """
                        [{$densify: {field: 'timestamp', range: {step: 1, unit: 'hour',
                          bounds: [{$date: '2021-05-18T00:00:00Z'}, {$date: '2021-05-18T08:00:00Z'}]}}},
                         {$project: {_id: 0, timestamp: 1, temp: 1}}]""",
                        "[{timestamp: {$date: '2021-05-18T00:00:00Z'}, temp: 12}, " + hour(1) + ", " + hour(2) + ", " + hour(3) + ", "
                                + "{timestamp: {$date: '2021-05-18T04:00:00Z'}, temp: 11}, " + hour(5) + ", " + hour(6) + ", " + hour(7) + ", "
                                + "{timestamp: {$date: '2021-05-18T08:00:00Z'}, temp: 11}, {timestamp: {$date: '2021-05-18T12:00:00Z'}, temp: 12}]"),
                c("full range in every partition (manual)", COFFEE, densify("field: 'altitude', partitionByFields: ['variety'], "
                        + "range: {bounds: 'full', step: 200}") .replaceAll("]$", "") + BY_VARIETY, """
                        [{altitude: 600, variety: 'Arabica Typica', score: 68.3}, {altitude: 750, variety: 'Arabica Typica', score: 69.5},
                         {variety: 'Arabica Typica', altitude: 800}, {altitude: 950, variety: 'Arabica Typica', score: 70.5},
                         {variety: 'Arabica Typica', altitude: 1000}, {variety: 'Arabica Typica', altitude: 1200},
                         {variety: 'Arabica Typica', altitude: 1400}, {variety: 'Arabica Typica', altitude: 1600},
                         {variety: 'Gesha', altitude: 600}, {variety: 'Gesha', altitude: 800}, {variety: 'Gesha', altitude: 1000},
                         {variety: 'Gesha', altitude: 1200}, {altitude: 1250, variety: 'Gesha', score: 88.15},
                         {variety: 'Gesha', altitude: 1400}, {variety: 'Gesha', altitude: 1600},
                         {altitude: 1700, variety: 'Gesha', score: 95.5}]"""),
                c("each partition's own range (manual)", COFFEE, densify("field: 'altitude', partitionByFields: ['variety'], "
                        + "range: {bounds: 'partition', step: 200}").replaceAll("]$", "") + BY_VARIETY, """
                        [{altitude: 600, variety: 'Arabica Typica', score: 68.3}, {altitude: 750, variety: 'Arabica Typica', score: 69.5},
                         {variety: 'Arabica Typica', altitude: 800}, {altitude: 950, variety: 'Arabica Typica', score: 70.5},
                         {altitude: 1250, variety: 'Gesha', score: 88.15}, {variety: 'Gesha', altitude: 1450},
                         {variety: 'Gesha', altitude: 1650}, {altitude: 1700, variety: 'Gesha', score: 95.5}]"""),
                c("explicit bounds fill every partition, upper exclusive", "[{p: 'b', v: 7}, {p: 'a', v: 1}]",
                        densify("field: 'v', partitionByFields: ['p'], range: {step: 2, bounds: [0, 6]}"), """
                        [{p: 'a', v: 0}, {p: 'a', v: 1}, {p: 'b', v: 0}, {p: 'b', v: 2}, {p: 'b', v: 4}, {p: 'b', v: 7},
                         {p: 'a', v: 2}, {p: 'a', v: 4}]"""),
                c("explicit bounds without partitions fill an empty input", "[]", densify("field: 'v', range: {step: 1, bounds: [0, 3]}"),
                        "[{v: 0}, {v: 1}, {v: 2}]"),
                c("null and missing pass unchanged", "[{v: 5}, {v: null}, {}, {v: 2}]", densify("field: 'v', range: {step: 1, bounds: 'full'}"),
                        "[{v: null}, {}, {v: 2}, {v: 3}, {v: 4}, {v: 5}]"),
                c("the step's type: an int range with a double step", "[{v: 1}, {v: 2}]", densify("field: 'v', range: {step: 0.5, bounds: 'full'}"),
                        "[{v: 1}, {v: 1.5}, {v: 2}]"),
                c("a nested field", "[{a: {v: 1}}, {a: {v: 3}}]", densify("field: 'a.v', range: {step: 1, bounds: 'full'}"),
                        "[{a: {v: 1}}, {a: {v: 2}}, {a: {v: 3}}]"),
                c("months add one at a time from the previous point", "[{d: {$date: '2021-01-31T00:00:00Z'}}, {d: {$date: '2021-04-30T00:00:00Z'}}]",
                        densify("field: 'd', range: {step: 1, unit: 'month', bounds: 'full'}"), """
                        [{d: {$date: '2021-01-31T00:00:00Z'}}, {d: {$date: '2021-02-28T00:00:00Z'}}, {d: {$date: '2021-03-28T00:00:00Z'}},
                         {d: {$date: '2021-04-28T00:00:00Z'}}, {d: {$date: '2021-04-30T00:00:00Z'}}]"""),
                err("not an object", "[]", "[{$densify: 1}]", ErrorCode.FAILED_TO_PARSE, "The $densify stage specification must be an object, found int"),
                err("unknown field", "[]", densify("field: 'v', range: {step: 1, bounds: 'full'}, x: 1"), ErrorCode.UNKNOWN_BSON_FIELD,
                        "BSON field '$densify.x' is an unknown field."),
                err("range missing", "[]", densify("field: 'v'"), ErrorCode.LOCATION_40414,
                        "BSON field '$densify.range' is missing but a required field"),
                err("bounds missing", "[]", densify("field: 'v', range: {step: 1}"), ErrorCode.LOCATION_40414,
                        "BSON field '$densify.range.bounds' is missing but a required field"),
                err("field a $-path", "[]", densify("field: '$v', range: {step: 1, bounds: 'full'}"), ErrorCode.LOCATION_16410, null),
                err("field not a string", "[]", densify("field: 1, range: {step: 1, bounds: 'full'}"), ErrorCode.TYPE_MISMATCH,
                        "BSON field '$densify.field' is the wrong type 'int', expected type 'string'"),
                err("step zero", "[]", densify("field: 'v', range: {step: 0, bounds: 'full'}"), ErrorCode.LOCATION_5733401,
                        "The step parameter in a range statement must be a strictly positive numeric value"),
                err("fractional step with a unit", "[]", densify("field: 'v', range: {step: 1.5, unit: 'hour', bounds: 'full'}"),
                        ErrorCode.LOCATION_6586400, "The step parameter in a range statement must be a whole number when densifying a date range"),
                err("unknown unit", "[]", densify("field: 'v', range: {step: 1, unit: 'fortnight', bounds: 'full'}"), ErrorCode.FAILED_TO_PARSE,
                        "unknown time unit value: fortnight"),
                err("one bound", "[]", densify("field: 'v', range: {step: 1, bounds: [1]}"), ErrorCode.LOCATION_5733403,
                        "A bounding array in a range statement must have exactly two elements"),
                err("descending bounds", "[]", densify("field: 'v', range: {step: 1, bounds: [5, 1]}"), ErrorCode.LOCATION_5733402,
                        "A bounding array must be an ascending array of either two dates or two numbers"),
                err("a number and a string", "[]", densify("field: 'v', range: {step: 1, bounds: [0, 'a']}"), ErrorCode.LOCATION_5733406,
                        "A bounding array must contain either both dates or both numeric types"),
                err("numeric bounds with a unit", "[]", densify("field: 'v', range: {step: 1, unit: 'day', bounds: [0, 5]}"),
                        ErrorCode.LOCATION_5733409, "Numeric bounds may not have unit parameter"),
                err("date bounds without a unit", "[]", densify("field: 'v', range: {step: 1, bounds: [{$date: '2021-01-01T00:00:00Z'}, "
                        + "{$date: '2021-02-01T00:00:00Z'}]}"), ErrorCode.LOCATION_5733410, "A bounding array of dates must specify a unit"),
                err("bounds of different numeric types", "[]", densify("field: 'v', range: {step: 1, bounds: [0, 10.0]}"),
                        ErrorCode.LOCATION_5876900, "Upper bound, lower bound, and step must all have the same type"),
                err("string bounds", "[]", densify("field: 'v', range: {step: 1, bounds: ['a', 'b']}"), ErrorCode.LOCATION_5946800,
                        "Explicit bounds must be numeric or dates"),
                err("another bounds word", "[]", densify("field: 'v', range: {step: 1, bounds: 'all'}"), ErrorCode.LOCATION_5946802,
                        "Bounds string must either be 'full' or 'partition'"),
                err("bounds a number", "[]", densify("field: 'v', range: {step: 1, bounds: 5}"), ErrorCode.LOCATION_5733404, null),
                err("partition bounds without partitions", "[]", densify("field: 'v', range: {step: 1, bounds: 'partition'}"),
                        ErrorCode.LOCATION_5733408, null),
                err("a string value", "[{v: 'x'}]", densify("field: 'v', range: {step: 1, bounds: 'full'}"), ErrorCode.LOCATION_5733201,
                        "Densify field type must be numeric or a date"),
                err("a date without a unit", "[{v: {$date: '2021-01-01T00:00:00Z'}}]", densify("field: 'v', range: {step: 1, bounds: 'full'}"),
                        ErrorCode.LOCATION_6053600, null),
                err("a number with a unit", "[{v: 1}]", densify("field: 'v', range: {step: 1, unit: 'day', bounds: 'full'}"),
                        ErrorCode.LOCATION_6053600, null),
                err("too many documents to generate", "[]", densify("field: 'v', range: {step: 1, bounds: [0, 1000000]}"),
                        ErrorCode.LOCATION_5897900, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void densify(PipelineCase c) {
        c.check();
    }
}
