package dev.tusk.pipeline;

import static dev.tusk.pipeline.PipelineCase.c;
import static dev.tusk.pipeline.PipelineCase.err;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.error.ErrorCode;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The $group accumulators added for MongoDB 7.0 ($firstN $lastN $maxN $minN $top $bottom $topN
 * $bottomN $mergeObjects $stdDevPop $stdDevSamp $median $percentile) with the manual's examples,
 * null/missing, types and argument errors; a few in $bucket, and $sum/$avg arithmetic.
 */
class AccumulatorsTest {
    private static final String GAMES = """
            [{_id: 1, playerId: 'PlayerA', gameId: 'G1', score: 31}, {_id: 2, playerId: 'PlayerB', gameId: 'G1', score: 33},
             {_id: 3, playerId: 'PlayerC', gameId: 'G1', score: 99}, {_id: 4, playerId: 'PlayerD', gameId: 'G1', score: 1},
             {_id: 5, playerId: 'PlayerA', gameId: 'G2', score: 10}, {_id: 6, playerId: 'PlayerB', gameId: 'G2', score: 14},
             {_id: 7, playerId: 'PlayerC', gameId: 'G2', score: 66}, {_id: 8, playerId: 'PlayerD', gameId: 'G2', score: 80}]""";
    private static final String SCORES = "[{_id: 1, s: 1}, {_id: 2, s: 2}, {_id: 3, s: 3}, {_id: 4}, {_id: 5, s: null}]";
    private static final String SALES = """
            [{_id: 1, year: 2017, item: 'A', quantity: {'2017Q1': 500, '2017Q2': 500}},
             {_id: 2, year: 2016, item: 'A', quantity: {'2016Q1': 400, '2016Q2': 300, '2016Q3': 0, '2016Q4': 0}},
             {_id: 3, year: 2017, item: 'B', quantity: {'2017Q1': 300}},
             {_id: 4, year: 2016, item: 'B', quantity: {'2016Q3': 100, '2016Q4': 250}}]""";
    private static final String QUIZ = """
            [{_id: 1, quiz: 1, score: 85}, {_id: 2, quiz: 1, score: 90}, {_id: 3, quiz: 1, score: 71},
             {_id: 4, quiz: 2, score: 96}, {_id: 5, quiz: 2, score: 77}, {_id: 6, quiz: 2, score: 82}]""";
    private static final String TESTS = """
            [{_id: 1, test01: 62, test02: 81, test03: 80}, {_id: 2, test01: 60, test02: 83, test03: 79},
             {_id: 3, test01: 67, test02: 82, test03: 78}, {_id: 4, test01: 64, test02: 72, test03: 77},
             {_id: 5, test01: 60, test02: 53, test03: 72}]""";
    private static final String ONE_TO_FOUR = "[{v: 1}, {v: 2}, {v: 3}, {v: 4}]";

    private static String group(String accumulator) {
        return "[{$group: {_id: null, r: " + accumulator + "}}]";
    }

    private static String byGame(String accumulator) {
        return "[{$group: {_id: '$gameId', r: " + accumulator + "}}]";
    }

    static Stream<PipelineCase> cases() {
        return Stream.of(
                c("firstN (manual)", GAMES, byGame("{$firstN: {input: ['$playerId', '$score'], n: 3}}"),
                        "[{_id: 'G1', r: [['PlayerA', 31], ['PlayerB', 33], ['PlayerC', 99]]},"
                                + " {_id: 'G2', r: [['PlayerA', 10], ['PlayerB', 14], ['PlayerC', 66]]}]"),
                c("lastN (manual)", GAMES, byGame("{$lastN: {input: ['$playerId', '$score'], n: 3}}"),
                        "[{_id: 'G1', r: [['PlayerB', 33], ['PlayerC', 99], ['PlayerD', 1]]},"
                                + " {_id: 'G2', r: [['PlayerB', 14], ['PlayerC', 66], ['PlayerD', 80]]}]"),
                c("maxN (manual)", GAMES, byGame("{$maxN: {input: ['$score', '$playerId'], n: 3}}"),
                        "[{_id: 'G1', r: [[99, 'PlayerC'], [33, 'PlayerB'], [31, 'PlayerA']]},"
                                + " {_id: 'G2', r: [[80, 'PlayerD'], [66, 'PlayerC'], [14, 'PlayerB']]}]"),
                c("minN (manual)", GAMES, byGame("{$minN: {input: ['$score', '$playerId'], n: 3}}"),
                        "[{_id: 'G1', r: [[1, 'PlayerD'], [31, 'PlayerA'], [33, 'PlayerB']]},"
                                + " {_id: 'G2', r: [[10, 'PlayerA'], [14, 'PlayerB'], [66, 'PlayerC']]}]"),
                c("topN (manual)", GAMES, byGame("{$topN: {output: ['$playerId', '$score'], sortBy: {score: -1}, n: 3}}"),
                        "[{_id: 'G1', r: [['PlayerC', 99], ['PlayerB', 33], ['PlayerA', 31]]},"
                                + " {_id: 'G2', r: [['PlayerD', 80], ['PlayerC', 66], ['PlayerB', 14]]}]"),
                c("bottomN (manual)", GAMES, byGame("{$bottomN: {output: ['$playerId', '$score'], sortBy: {score: -1}, n: 3}}"),
                        "[{_id: 'G1', r: [['PlayerB', 33], ['PlayerA', 31], ['PlayerD', 1]]},"
                                + " {_id: 'G2', r: [['PlayerC', 66], ['PlayerB', 14], ['PlayerA', 10]]}]"),
                c("top (manual)", GAMES, byGame("{$top: {output: ['$playerId', '$score'], sortBy: {score: -1}}}"),
                        "[{_id: 'G1', r: ['PlayerC', 99]}, {_id: 'G2', r: ['PlayerD', 80]}]"),
                c("bottom (manual)", GAMES, byGame("{$bottom: {output: ['$playerId', '$score'], sortBy: {score: -1}}}"),
                        "[{_id: 'G1', r: ['PlayerD', 1]}, {_id: 'G2', r: ['PlayerA', 10]}]"),
                c("n from the group key", GAMES, "[{$group: {_id: {gameId: '$gameId'}, r: {$firstN: {input: '$score',"
                                + " n: {$cond: {if: {$eq: ['$gameId', 'G2']}, then: 1, else: 3}}}}}}]",
                        "[{_id: {gameId: 'G1'}, r: [31, 33, 99]}, {_id: {gameId: 'G2'}, r: [10]}]"),
                c("topN n from the group key", GAMES, "[{$group: {_id: {gameId: '$gameId'}, r: {$topN: {output: '$playerId',"
                                + " sortBy: {score: 1}, n: {$cond: {if: {$eq: ['$gameId', 'G2']}, then: 1, else: 2}}}}}}]",
                        "[{_id: {gameId: 'G1'}, r: ['PlayerD', 'PlayerA']}, {_id: {gameId: 'G2'}, r: ['PlayerA']}]"),
                c("firstN with n above the group size", GAMES, byGame("{$firstN: {input: '$score', n: 10}}"),
                        "[{_id: 'G1', r: [31, 33, 99, 1]}, {_id: 'G2', r: [10, 14, 66, 80]}]"),
                c("n as a long and as a whole double", GAMES, "[{$group: {_id: '$gameId', a: {$firstN: {input: '$score',"
                                + " n: {$numberLong: '1'}}}, b: {$lastN: {input: '$score', n: 1.0}}}}]",
                        "[{_id: 'G1', a: [31], b: [1]}, {_id: 'G2', a: [10], b: [80]}]"),
                c("firstN keeps null and makes missing null", SCORES, group("{$firstN: {input: '$s', n: 5}}"),
                        "[{_id: null, r: [1, 2, 3, null, null]}]"),
                c("lastN keeps null and makes missing null", SCORES, group("{$lastN: {input: '$s', n: 2}}"),
                        "[{_id: null, r: [null, null]}]"),
                c("maxN ignores null and missing", SCORES, group("{$maxN: {input: '$s', n: 5}}"), "[{_id: null, r: [3, 2, 1]}]"),
                c("minN ignores null and missing", SCORES, group("{$minN: {input: '$s', n: 2}}"), "[{_id: null, r: [1, 2]}]"),
                c("maxN of only nulls is empty", "[{s: null}, {}]", group("{$maxN: {input: '$s', n: 2}}"), "[{_id: null, r: []}]"),
                c("maxN across types in BSON order", "[{v: 'a'}, {v: 5}, {v: {x: 1}}]", group("{$maxN: {input: '$v', n: 2}}"),
                        "[{_id: null, r: [{x: 1}, 'a']}]"),
                c("minN numbers across types", "[{v: 2.5}, {v: {$numberLong: '2'}}, {v: {$numberDecimal: '3'}}]",
                        group("{$minN: {input: '$v', n: 3}}"),
                        "[{_id: null, r: [{$numberLong: '2'}, 2.5, {$numberDecimal: '3'}]}]"),
                c("topN keeps the first of equal keys", "[{k: 1, v: 'a'}, {k: 1, v: 'b'}, {k: 1, v: 'c'}]",
                        group("{$topN: {n: 2, sortBy: {k: 1}, output: '$v'}}"), "[{_id: null, r: ['a', 'b']}]"),
                c("bottomN keeps the first of equal keys", "[{k: 1, v: 'a'}, {k: 1, v: 'b'}, {k: 1, v: 'c'}]",
                        group("{$bottomN: {n: 2, sortBy: {k: 1}, output: '$v'}}"), "[{_id: null, r: ['a', 'b']}]"),
                c("top sorts a missing key as null", "[{v: 'x', k: 2}, {v: 'y'}]", group("{$top: {sortBy: {k: 1}, output: '$v'}}"),
                        "[{_id: null, r: 'y'}]"),
                c("top with missing output is null", "[{k: 1}]", group("{$top: {sortBy: {k: 1}, output: '$v'}}"),
                        "[{_id: null, r: null}]"),
                c("topN with a compound sortBy", "[{a: 1, b: 2, v: 'p'}, {a: 1, b: 1, v: 'q'}, {a: 0, b: 5, v: 'r'}]",
                        group("{$topN: {n: 3, sortBy: {a: 1, b: -1}, output: '$v'}}"), "[{_id: null, r: ['r', 'p', 'q']}]"),
                c("top sorts an array key by its smallest element", "[{k: [5, 1], v: 'a'}, {k: 2, v: 'b'}]",
                        group("{$top: {sortBy: {k: 1}, output: '$v'}}"), "[{_id: null, r: 'a'}]"),
                c("bottom by a dotted key", "[{d: {k: 3}, v: 'a'}, {d: {k: 9}, v: 'b'}, {d: {k: 1}, v: 'c'}]",
                        group("{$bottom: {sortBy: {'d.k': 1}, output: '$v'}}"), "[{_id: null, r: 'b'}]"),
                c("mergeObjects (manual)", SALES, "[{$group: {_id: '$item', mergedSales: {$mergeObjects: '$quantity'}}}]",
                        "[{_id: 'A', mergedSales: {'2017Q1': 500, '2017Q2': 500, '2016Q1': 400, '2016Q2': 300, '2016Q3': 0, '2016Q4': 0}},"
                                + " {_id: 'B', mergedSales: {'2017Q1': 300, '2016Q3': 100, '2016Q4': 250}}]"),
                c("mergeObjects: a later value wins in the first position", "[{d: {a: 1, b: 2}}, {d: {a: 3}}]",
                        group("{$mergeObjects: '$d'}"), "[{_id: null, r: {a: 3, b: 2}}]"),
                c("mergeObjects skips null and missing", "[{d: null}, {}, {d: {x: 1}}]", group("{$mergeObjects: '$d'}"),
                        "[{_id: null, r: {x: 1}}]"),
                c("mergeObjects of nothing is an empty document", "[{d: null}]", group("{$mergeObjects: '$d'}"), "[{_id: null, r: {}}]"),
                c("stdDevPop (manual)", QUIZ, "[{$group: {_id: '$quiz', stdDev: {$stdDevPop: '$score'}}}]",
                        "[{_id: 1, stdDev: 8.04155872120988}, {_id: 2, stdDev: 8.04155872120988}]"),
                c("stdDevSamp", ONE_TO_FOUR, group("{$stdDevSamp: '$v'}"), "[{_id: null, r: 1.2909944487358056}]"),
                c("stdDevPop", ONE_TO_FOUR, group("{$stdDevPop: '$v'}"), "[{_id: null, r: 1.118033988749895}]"),
                c("stdDevPop of one value is 0.0", "[{v: 7}]", group("{$stdDevPop: '$v'}"), "[{_id: null, r: 0.0}]"),
                c("stdDevSamp of one value is null", "[{v: 7}]", group("{$stdDevSamp: '$v'}"), "[{_id: null, r: null}]"),
                c("stdDev ignores non-numbers", "[{v: 'a'}, {v: 2}, {v: null}, {v: 4}]", group("{$stdDevPop: '$v'}"),
                        "[{_id: null, r: 1.0}]"),
                c("stdDev of decimals is a double", "[{v: {$numberDecimal: '1'}}, {v: {$numberDecimal: '3'}}]",
                        group("{$stdDevPop: '$v'}"), "[{_id: null, r: 1.0}]"),
                c("stdDev of no numbers is null", "[{v: 'a'}]", group("{$stdDevPop: '$v'}"), "[{_id: null, r: null}]"),
                c("median (manual)", TESTS, group("{$median: {input: '$test01', method: 'approximate'}}"), "[{_id: null, r: 62.0}]"),
                c("percentile (manual)", TESTS, "[{$group: {_id: null,"
                                + " test01: {$percentile: {input: '$test01', p: [0.5, 0.75, 0.9, 0.95], method: 'approximate'}},"
                                + " test02: {$percentile: {input: '$test02', p: [0.5, 0.75, 0.9, 0.95], method: 'approximate'}},"
                                + " test03: {$percentile: {input: '$test03', p: [0.5, 0.75, 0.9, 0.95], method: 'approximate'}}}}]",
                        "[{_id: null, test01: [62.0, 64.0, 67.0, 67.0], test02: [81.0, 82.0, 83.0, 83.0], test03: [78.0, 79.0, 80.0, 80.0]}]"),
                c("percentile 0.5 of 1..4 is 2", ONE_TO_FOUR, group("{$percentile: {input: '$v', p: [0.5], method: 'approximate'}}"),
                        "[{_id: null, r: [2.0]}]"),
                c("percentile 0 and 1 are the min and max", ONE_TO_FOUR,
                        group("{$percentile: {input: '$v', p: [0, 1], method: 'approximate'}}"), "[{_id: null, r: [1.0, 4.0]}]"),
                c("percentile of no numbers is null for each p", "[{v: 'a'}, {}]",
                        group("{$percentile: {input: '$v', p: [0.5, 0.9], method: 'approximate'}}"), "[{_id: null, r: [null, null]}]"),
                c("median of no numbers is null", "[{v: 'a'}]", group("{$median: {input: '$v', method: 'approximate'}}"),
                        "[{_id: null, r: null}]"),
                c("median of mixed numeric types is a double", "[{v: {$numberDecimal: '2.5'}}, {v: {$numberLong: '1'}}]",
                        group("{$median: {input: '$v', method: 'approximate'}}"), "[{_id: null, r: 1.0}]"),
                c("percentile p from a constant expression", ONE_TO_FOUR,
                        group("{$percentile: {input: '$v', p: {$literal: [0.25]}, method: 'approximate'}}"), "[{_id: null, r: [1.0]}]"),
                c("new accumulators in $bucket", "[{_id: 1, price: 10}, {_id: 2, price: 40}, {_id: 3, price: 30}, {_id: 4, price: 250}]",
                        "[{$bucket: {groupBy: '$price', boundaries: [0, 100, 500], output: {top: {$topN: {n: 2, sortBy: {price: -1},"
                                + " output: '$_id'}}, m: {$median: {input: '$price', method: 'approximate'}}, ids: {$firstN: {input: '$_id', n: 2}}}}}]",
                        "[{_id: 0, top: [2, 3], m: 30.0, ids: [1, 2]}, {_id: 100, top: [4], m: 250.0, ids: [4]}]"),
                c("sum of ten 0.1 is 1.0 (double-double sum)", "[" + "{v: 0.1}, ".repeat(9) + "{v: 0.1}]", group("{$sum: '$v'}"),
                        "[{_id: null, r: 1.0}]"),
                c("sum of ints past int is a long", "[{v: 2147483647}, {v: 1}]", group("{$sum: '$v'}"),
                        "[{_id: null, r: {$numberLong: '2147483648'}}]"),
                c("sum of longs that fit an int stays a long", "[{v: {$numberLong: '1'}}, {v: 2}]", group("{$sum: '$v'}"),
                        "[{_id: null, r: {$numberLong: '3'}}]"),
                c("sum with a negative zero decimal", "[{v: {$numberDecimal: '-0'}}, {v: 1}]", group("{$sum: '$v'}"),
                        "[{_id: null, r: {$numberDecimal: '1'}}]"),
                c("avg of ints is a double", "[{v: 2}, {v: 2}]", group("{$avg: '$v'}"), "[{_id: null, r: 2.0}]"),
                c("count with the new accumulators", GAMES, "[{$group: {_id: '$gameId', n: {$count: {}}, best: {$max: '$score'}}}]",
                        "[{_id: 'G1', n: 4, best: 99}, {_id: 'G2', n: 4, best: 80}]"),
                err("firstN n zero", GAMES, byGame("{$firstN: {input: '$score', n: 0}}"), ErrorCode.LOCATION_5787908,
                        "'n' must be greater than 0, found 0"),
                err("firstN n negative long", GAMES, byGame("{$firstN: {input: '$score', n: {$numberLong: '-2'}}}"),
                        ErrorCode.LOCATION_5787908, "'n' must be greater than 0, found -2"),
                err("firstN n not a number", GAMES, byGame("{$firstN: {input: '$score', n: 'a'}}"), ErrorCode.LOCATION_5787902,
                        "Value for 'n' must be of integral type, but found \"a\""),
                err("lastN n fractional", GAMES, byGame("{$lastN: {input: '$score', n: 2.5}}"), ErrorCode.LOCATION_5787903,
                        "Value for 'n' must be of integral type, but found 2.5"),
                err("maxN n from a missing field", GAMES, byGame("{$maxN: {input: '$score', n: '$nope'}}"), ErrorCode.LOCATION_5787902,
                        null),
                err("firstN not an object", GAMES, byGame("{$firstN: 3}"), ErrorCode.LOCATION_5787801,
                        "specification must be an object; found $firstN: 3"),
                err("minN not an object", GAMES, byGame("{$minN: 'x'}"), ErrorCode.LOCATION_5787900,
                        "specification must be an object; found $minN: \"x\""),
                err("firstN unknown argument", GAMES, byGame("{$firstN: {input: '$score', n: 1, x: 1}}"), ErrorCode.LOCATION_5787901,
                        "Unknown argument for 'n' operator: x"),
                err("firstN without n", GAMES, byGame("{$firstN: {input: '$score'}}"), ErrorCode.LOCATION_5787906,
                        "Missing value for 'n'"),
                err("lastN without input", GAMES, byGame("{$lastN: {n: 1}}"), ErrorCode.LOCATION_5787907, "Missing value for 'input'"),
                err("topN without sortBy", GAMES, byGame("{$topN: {n: 1, output: '$score'}}"), ErrorCode.LOCATION_5788005,
                        "Missing value for 'sortBy'"),
                err("topN without output", GAMES, byGame("{$topN: {n: 1, sortBy: {score: 1}}}"), ErrorCode.LOCATION_5788004,
                        "Missing value for 'output'"),
                err("bottomN without n", GAMES, byGame("{$bottomN: {output: '$score', sortBy: {score: 1}}}"),
                        ErrorCode.LOCATION_5788003, "Missing value for 'n'"),
                err("top does not take n", GAMES, byGame("{$top: {n: 1, output: '$score', sortBy: {score: 1}}}"),
                        ErrorCode.LOCATION_5788002, "Unknown argument to $top 'n'"),
                err("topN not an object", GAMES, byGame("{$topN: 1}"), ErrorCode.LOCATION_5788001,
                        "specification must be an object; found $topN: 1"),
                err("topN sortBy not an object", GAMES, byGame("{$topN: {n: 1, output: '$score', sortBy: 1}}"),
                        ErrorCode.LOCATION_10065, "invalid parameter: expected an object (sortBy)"),
                err("top with an empty sortBy", GAMES, byGame("{$top: {output: '$score', sortBy: {}}}"), ErrorCode.LOCATION_15976,
                        "$sort stage must have at least one sort key"),
                err("top with a bad sort order", GAMES, byGame("{$top: {output: '$score', sortBy: {score: 2}}}"),
                        ErrorCode.LOCATION_15975, "$sort key ordering must be 1 (for ascending) or -1 (for descending)"),
                err("percentile not an object", TESTS, group("{$percentile: 1}"), ErrorCode.LOCATION_7429703,
                        "specification must be an object; found $percentile: 1"),
                err("median not an object", TESTS, group("{$median: 1}"), ErrorCode.LOCATION_7436100,
                        "specification must be an object; found $median: 1"),
                err("percentile without method", TESTS, group("{$percentile: {input: '$test01', p: [0.5]}}"), ErrorCode.LOCATION_40414,
                        "BSON field '$percentile.method' is missing but a required field"),
                err("percentile without p", TESTS, group("{$percentile: {input: '$test01', method: 'approximate'}}"),
                        ErrorCode.LOCATION_40414, "BSON field '$percentile.p' is missing but a required field"),
                err("percentile unknown field", TESTS, group("{$percentile: {input: '$test01', p: [0.5], method: 'approximate', q: 1}}"),
                        ErrorCode.UNKNOWN_BSON_FIELD, "BSON field '$percentile.q' is an unknown field."),
                err("median does not take p", TESTS, group("{$median: {input: '$test01', p: [0.5], method: 'approximate'}}"),
                        ErrorCode.UNKNOWN_BSON_FIELD, "BSON field '$median.p' is an unknown field."),
                err("percentile method other than approximate", TESTS,
                        group("{$percentile: {input: '$test01', p: [0.5], method: 'continuous'}}"), ErrorCode.BAD_VALUE,
                        "Currently only 'approximate' can be used as percentile 'method'."),
                err("percentile method not a string", TESTS, group("{$percentile: {input: '$test01', p: [0.5], method: 1}}"),
                        ErrorCode.TYPE_MISMATCH, "BSON field '$percentile.method' is the wrong type 'int', expected type 'string'"),
                err("percentile p not an array", TESTS, group("{$percentile: {input: '$test01', p: 0.5, method: 'approximate'}}"),
                        ErrorCode.LOCATION_7750301, "The $percentile 'p' field must be an array of numbers from [0.0, 1.0], but found: 0.5"),
                err("percentile p empty", TESTS, group("{$percentile: {input: '$test01', p: [], method: 'approximate'}}"),
                        ErrorCode.LOCATION_7750301, "The $percentile 'p' field must be an array of numbers from [0.0, 1.0], but found: []"),
                err("percentile p above 1", TESTS, group("{$percentile: {input: '$test01', p: [0.5, 1.5], method: 'approximate'}}"),
                        ErrorCode.LOCATION_7750303, "The $percentile 'p' field must be an array of numbers from [0.0, 1.0], but found: 1.5"),
                err("percentile p not a number", TESTS, group("{$percentile: {input: '$test01', p: ['x'], method: 'approximate'}}"),
                        ErrorCode.LOCATION_7750302, "The $percentile 'p' field must be an array of numbers from [0.0, 1.0], but found: \"x\""),
                err("percentile p from a field", TESTS, group("{$percentile: {input: '$test01', p: '$ps', method: 'approximate'}}"),
                        ErrorCode.LOCATION_7750300,
                        "The $percentile 'p' field must be an array of constant values, but found value: \"$ps\"."),
                err("mergeObjects of a non-object", "[{d: 5}]", group("{$mergeObjects: '$d'}"), ErrorCode.LOCATION_40400,
                        "$mergeObjects requires object inputs, but input 5 is of type int"),
                err("$accumulator is not implemented", "[]", group("{$accumulator: {}}"), ErrorCode.NOT_IMPLEMENTED, null),
                err("unknown accumulator", "[]", group("{$foo: 1}"), ErrorCode.LOCATION_15952, "unknown group operator '$foo'"),
                err("covariancePop is a window function only", "[]", group("{$covariancePop: ['$a', '$b']}"),
                        ErrorCode.LOCATION_15952, "unknown group operator '$covariancePop'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void accumulates(PipelineCase c) {
        c.check();
    }

    /** The $group accumulators of the 7.0 manual, but $accumulator (JavaScript, 238). */
    @Test
    void theTableHasTheAccumulatorsOfMongoDb70() {
        assertEquals(Set.of("$addToSet", "$avg", "$bottom", "$bottomN", "$count", "$first", "$firstN", "$last", "$lastN", "$max",
                "$maxN", "$median", "$mergeObjects", "$min", "$minN", "$percentile", "$push", "$stdDevPop", "$stdDevSamp", "$sum",
                "$top", "$topN"), Accumulator.names());
    }
}
