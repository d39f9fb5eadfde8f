package dev.tusk.pipeline;

import static dev.tusk.pipeline.PipelineCase.c;
import static dev.tusk.pipeline.PipelineCase.err;

import dev.tusk.error.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** $fill: the manual's examples (value, linear, locf, partitions), both kinds together, and the errors. */
class FillTest {
    private static final String SALES = """
            [{_id: 1, date: {$date: '2022-02-02T00:00:00Z'}, bootsSold: 10, sandalsSold: 20, sneakersSold: 12},
             {_id: 2, date: {$date: '2022-02-03T00:00:00Z'}, bootsSold: 7, sneakersSold: 18},
             {_id: 3, date: {$date: '2022-02-04T00:00:00Z'}, sneakersSold: 5}]""";
    private static final String STOCK = """
            [{_id: 1, time: {$date: '2021-03-08T09:00:00Z'}, price: 500}, {_id: 2, time: {$date: '2021-03-08T10:00:00Z'}},
             {_id: 3, time: {$date: '2021-03-08T11:00:00Z'}, price: 515}, {_id: 4, time: {$date: '2021-03-08T12:00:00Z'}},
             {_id: 5, time: {$date: '2021-03-08T13:00:00Z'}}, {_id: 6, time: {$date: '2021-03-08T14:00:00Z'}, price: 485}]""";
    private static final String REVIEWS = """
            [{_id: 1, day: 8, score: 90}, {_id: 2, day: 9, score: 92}, {_id: 3, day: 10}, {_id: 4, day: 11},
             {_id: 5, day: 12, score: 85}, {_id: 6, day: 13}]""";
    private static final String TWO_RESTAURANTS = """
            [{_id: 1, day: 8, restaurant: "Joe's Pizza", score: 90}, {_id: 2, day: 8, restaurant: "Sally's Deli", score: 75},
             {_id: 3, day: 9, restaurant: "Joe's Pizza", score: 92}, {_id: 4, day: 9, restaurant: "Sally's Deli"},
             {_id: 5, day: 10, restaurant: "Joe's Pizza"}, {_id: 6, day: 10, restaurant: "Sally's Deli", score: 68},
             {_id: 7, day: 11, restaurant: "Joe's Pizza", score: 93}, {_id: 8, day: 11, restaurant: "Sally's Deli"}]""";
    private static final String SCORES = ", {$project: {score: 1}}]";

    private static String fill(String spec) {
        return "[{$fill: {" + spec + "}}]";
    }

    static Stream<PipelineCase> cases() {
        return Stream.of(
                c("constant values (manual)", SALES, fill("output: {bootsSold: {value: 0}, sandalsSold: {value: 0}, sneakersSold: {value: 0}}"), """
                        [{_id: 1, date: {$date: '2022-02-02T00:00:00Z'}, bootsSold: 10, sandalsSold: 20, sneakersSold: 12},
                         {_id: 2, date: {$date: '2022-02-03T00:00:00Z'}, bootsSold: 7, sneakersSold: 18, sandalsSold: 0},
                         {_id: 3, date: {$date: '2022-02-04T00:00:00Z'}, sneakersSold: 5, bootsSold: 0, sandalsSold: 0}]"""),
                c("linear interpolation (manual)", STOCK, fill("sortBy: {time: 1}, output: {price: {method: 'linear'}}")
                        .replaceAll("]$", "") + ", {$project: {price: 1}}]",
                        "[{_id: 1, price: 500}, {_id: 2, price: 507.5}, {_id: 3, price: 515}, {_id: 4, price: 505.0}, {_id: 5, price: 495.0}, "
                                + "{_id: 6, price: 485}]"),
                c("last observation carried forward (manual)", REVIEWS, fill("sortBy: {day: 1}, output: {score: {method: 'locf'}}")
                        .replaceAll("]$", "") + SCORES,
                        "[{_id: 1, score: 90}, {_id: 2, score: 92}, {_id: 3, score: 92}, {_id: 4, score: 92}, {_id: 5, score: 85}, "
                                + "{_id: 6, score: 85}]"),
                c("partitionBy (manual)", TWO_RESTAURANTS, fill("sortBy: {day: 1}, partitionBy: {restaurant: '$restaurant'}, "
                        + "output: {score: {method: 'locf'}}").replaceAll("]$", "") + SCORES, """
                        [{_id: 1, score: 90}, {_id: 3, score: 92}, {_id: 5, score: 92}, {_id: 7, score: 93},
                         {_id: 2, score: 75}, {_id: 4, score: 75}, {_id: 6, score: 68}, {_id: 8, score: 68}]"""),
                c("partitionByFields", TWO_RESTAURANTS, fill("sortBy: {day: 1}, partitionByFields: ['restaurant'], "
                        + "output: {score: {method: 'locf'}}").replaceAll("]$", "") + SCORES, """
                        [{_id: 1, score: 90}, {_id: 3, score: 92}, {_id: 5, score: 92}, {_id: 7, score: 93},
                         {_id: 2, score: 75}, {_id: 4, score: 75}, {_id: 6, score: 68}, {_id: 8, score: 68}]"""),
                c("a method and a value together; the value is an expression", "[{_id: 1, a: 1, b: null, n: 5}, {_id: 2, n: 6}]",
                        fill("sortBy: {_id: 1}, output: {a: {method: 'locf'}, b: {value: {$multiply: ['$n', 10]}}}"),
                        "[{_id: 1, a: 1, b: 50, n: 5}, {_id: 2, n: 6, a: 1, b: 60}]"),
                c("locf before the first value leaves null", "[{_id: 1}, {_id: 2, a: 3}]",
                        fill("sortBy: {_id: 1}, output: {a: {method: 'locf'}}"), "[{_id: 1, a: null}, {_id: 2, a: 3}]"),
                err("not an object", "[]", "[{$fill: 1}]", ErrorCode.FAILED_TO_PARSE, "The $fill stage specification must be an object, found int"),
                err("output missing", "[]", fill("sortBy: {a: 1}"), ErrorCode.LOCATION_40414,
                        "BSON field '$fill.output' is missing but a required field"),
                err("output empty", "[]", fill("output: {}"), ErrorCode.LOCATION_6050203,
                        "The output field in '$fill' must contain an object with at least one element"),
                err("unknown field", "[]", fill("output: {a: {value: 1}}, bogus: 1"), ErrorCode.UNKNOWN_BSON_FIELD,
                        "BSON field '$fill.bogus' is an unknown field."),
                err("an output not an object", "[]", fill("output: {a: 1}"), ErrorCode.LOCATION_6050200,
                        "Each fill output specification must be an object with exactly one field"),
                err("method and value", "[]", fill("sortBy: {a: 1}, output: {a: {method: 'locf', value: 1}}"), ErrorCode.LOCATION_6050201,
                        "Each fill output specification must have exactly one of 'method' or 'value' fields, not both"),
                err("unknown method", "[]", fill("sortBy: {a: 1}, output: {a: {method: 'mean'}}"), ErrorCode.LOCATION_6050202,
                        "Method must be either locf or linear"),
                err("partitionBy and partitionByFields", "[]", fill("partitionBy: '$p', partitionByFields: ['p'], output: {a: {value: 1}}"),
                        ErrorCode.LOCATION_6050204, "Maximum one of 'partitionBy' and 'partitionByFields can be specified in '$fill'"),
                err("sortBy not an object", "[]", fill("sortBy: 1, output: {a: {value: 1}}"), ErrorCode.TYPE_MISMATCH,
                        "BSON field '$fill.sortBy' is the wrong type 'int', expected type 'object'"),
                err("linear without sortBy", "[]", fill("output: {a: {method: 'linear'}}"), ErrorCode.LOCATION_605001,
                        "$linearFill must be specified with a top level sortBy expression with exactly one element"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fill(PipelineCase c) {
        c.check();
    }
}
