package dev.tusk.expr;

import static dev.tusk.expr.ExprCase.c;
import static dev.tusk.expr.ExprCase.err;

import dev.tusk.error.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** $median and $percentile as expressions (the manual's testScores examples, then edge cases and errors). */
class QuantileExprTest {
    private static final String MEDIAN = "{$median: {input: %s, method: 'approximate'}}";
    private static final String PERCENTILE = "{$percentile: {input: %s, p: %s, method: 'approximate'}}";

    private static String median(String input) {
        return MEDIAN.formatted(input);
    }

    private static String percentile(String input, String p) {
        return PERCENTILE.formatted(input, p);
    }

    static Stream<ExprCase> cases() {
        String tests = "['$test01', '$test02', '$test03']";
        String s2345 = "{studentId: '2345', test01: 62, test02: 81, test03: 80}";
        String s2356 = "{studentId: '2356', test01: 60, test02: 83, test03: 79}";
        String s2369 = "{studentId: '2369', test01: 60, test02: 53, test03: 72}";
        String d = "{a: [5, 1, 4, 2, 3], mixed: [3, 'x', null, 1, {$numberDecimal: '2'}, NumberLong(4), [9]], nan: [NaN, 1, 2],"
                + " inf: [-Infinity, 1, Infinity], words: ['a', 'b'], e: [], n: null, s: 'x', one: 7, big: NumberLong(9007199254740993)}";
        return Stream.of(
                c("manual median 2345", s2345, median(tests), "80.0"),
                c("manual median 2356", s2356, median(tests), "79.0"),
                c("manual median 2369", s2369, median(tests), "60.0"),
                c("manual percentile 2345", s2345, percentile(tests, "[0.5, 0.95]"), "[80.0, 81.0]"),
                c("manual percentile 2356", s2356, percentile(tests, "[0.5, 0.95]"), "[79.0, 83.0]"),
                c("manual percentile 2369", s2369, percentile(tests, "[0.5, 0.95]"), "[60.0, 72.0]"),
                c("median of a field's array", d, median("'$a'"), "3.0"),
                c("median of an even count is the lower middle", d, median("[1, 2, 3, 4]"), "2.0"),
                c("percentile ranks ceil(p n) - 1", d, percentile("'$a'", "[0, 0.2, 0.21, 0.99, 1]"), "[1.0, 1.0, 2.0, 5.0, 5.0]"),
                c("only numbers count, any numeric type", d, percentile("'$mixed'", "[0, 0.5, 1]"), "[1.0, 2.0, 4.0]"),
                c("NaN in an array is ignored", d, median("'$nan'"), "1.0"),
                c("infinities sort at the ends", d, percentile("'$inf'", "[0, 0.5, 1]"), "[-Infinity, 1.0, Infinity]"),
                c("a single number is every percentile", d, percentile("'$one'", "[0.1, 0.9]"), "[7.0, 7.0]"),
                c("a single number's median", d, median("'$one'"), "7.0"),
                c("a single NaN stays", d, median("NaN"), "NaN"),
                c("a long becomes a double", d, median("'$big'"), "9007199254740992.0"),
                c("no numbers: median null", d, median("'$words'"), "null"),
                c("no numbers: a null per p", d, percentile("'$words'", "[0.1, 0.9]"), "[null, null]"),
                c("empty array", d, median("'$e'"), "null"),
                c("null input", d, percentile("'$n'", "[0.5]"), "[null]"),
                c("missing input", d, median("'$nope'"), "null"),
                c("string input", d, median("'$s'"), "null"),
                c("p from a constant expression", d, percentile("'$a'", "{$concatArrays: [[0.5], [1]]}"), "[3.0, 5.0]"),
                c("p elements from expressions", d, percentile("'$a'", "[{$add: [0.25, 0.25]}]"), "[3.0]"),
                err("median not an object", "{$median: [1, 2]}", ErrorCode.LOCATION_7436201,
                        "specification must be an object; found $median: [ 1, 2 ]"),
                err("percentile not an object", "{$percentile: 'x'}", ErrorCode.LOCATION_7436200,
                        "specification must be an object; found $percentile: \"x\""),
                err("median missing method", "{$median: {input: [1]}}", ErrorCode.LOCATION_40414,
                        "BSON field '$median.method' is missing but a required field"),
                err("median missing input", "{$median: {method: 'approximate'}}", ErrorCode.LOCATION_40414,
                        "BSON field '$median.input' is missing but a required field"),
                err("percentile missing p", "{$percentile: {input: [1], method: 'approximate'}}", ErrorCode.LOCATION_40414,
                        "BSON field '$percentile.p' is missing but a required field"),
                err("median takes no p", "{$median: {input: [1], p: [0.5], method: 'approximate'}}", ErrorCode.UNKNOWN_BSON_FIELD,
                        "BSON field '$median.p' is an unknown field."),
                err("unknown field", "{$percentile: {input: [1], p: [0.5], method: 'approximate', x: 1}}",
                        ErrorCode.UNKNOWN_BSON_FIELD, "BSON field '$percentile.x' is an unknown field."),
                err("method other than approximate", "{$median: {input: [1], method: 'continuous'}}", ErrorCode.BAD_VALUE,
                        "Currently only 'approximate' can be used as percentile 'method'."),
                err("method not a string", "{$median: {input: [1], method: 1}}", ErrorCode.TYPE_MISMATCH,
                        "BSON field '$median.method' is the wrong type 'int', expected type 'string'"),
                err("p reads the document", "{$percentile: {input: [1], p: '$ps', method: 'approximate'}}",
                        ErrorCode.LOCATION_7750300, "The $percentile 'p' field must be an array of constant values, but found value: \"$ps\"."),
                err("p not an array", "{$percentile: {input: [1], p: 0.5, method: 'approximate'}}", ErrorCode.LOCATION_7750301,
                        "The $percentile 'p' field must be an array of numbers from [0.0, 1.0], but found: 0.5"),
                err("p empty", "{$percentile: {input: [1], p: [], method: 'approximate'}}", ErrorCode.LOCATION_7750301,
                        "The $percentile 'p' field must be an array of numbers from [0.0, 1.0], but found: []"),
                err("p not a number", "{$percentile: {input: [1], p: ['a'], method: 'approximate'}}", ErrorCode.LOCATION_7750302,
                        "The $percentile 'p' field must be an array of numbers from [0.0, 1.0], but found: \"a\""),
                err("p above 1", "{$percentile: {input: [1], p: [0.5, 1.5], method: 'approximate'}}", ErrorCode.LOCATION_7750303,
                        "The $percentile 'p' field must be an array of numbers from [0.0, 1.0], but found: 1.5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void quantileExpressions(ExprCase c) {
        c.check();
    }
}
