package dev.tusk.pipeline;

import static dev.tusk.pipeline.PipelineCase.c;
import static dev.tusk.pipeline.PipelineCase.err;

import dev.tusk.error.ErrorCode;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** $bucketAuto: the manual's examples, ties, granularities, empty and small inputs, and MongoDB's errors. */
class BucketAutoTest {
    private static final String ARTWORK = """
            [{_id: 1, title: 'The Pillars of Society', artist: 'Grosz', year: 1926, price: {$numberDecimal: '199.99'}},
             {_id: 2, title: 'Melancholy III', artist: 'Munch', year: 1902, price: {$numberDecimal: '280.00'}},
             {_id: 3, title: 'Dancer', artist: 'Miro', year: 1925, price: {$numberDecimal: '76.04'}},
             {_id: 4, title: 'The Great Wave off Kanagawa', artist: 'Hokusai', price: {$numberDecimal: '167.30'}},
             {_id: 5, title: 'The Persistence of Memory', artist: 'Dali', year: 1931, price: {$numberDecimal: '483.00'}},
             {_id: 6, title: 'Composition VII', artist: 'Kandinsky', year: 1913, price: {$numberDecimal: '385.00'}},
             {_id: 7, title: 'The Scream', artist: 'Munch', price: {$numberDecimal: '159.00'}},
             {_id: 8, title: 'Blue Flower', artist: "O'Keefe", year: 1918, price: {$numberDecimal: '118.42'}}]""";
    /** The manual's `things`: _id 0 to 99. */
    private static final String THINGS = IntStream.range(0, 100).mapToObj(i -> "{_id: " + i + "}")
            .collect(Collectors.joining(", ", "[", "]"));
    private static final String TIES = "[{v: 1}, {v: 1}, {v: 1}, {v: 1}, {v: 2}]";

    private static String auto(String spec) {
        return "[{$bucketAuto: {" + spec + "}}]";
    }

    static Stream<PipelineCase> cases() {
        return Stream.of(
                c("prices in 4 buckets (manual)", ARTWORK, auto("groupBy: '$price', buckets: 4"), """
                        [{_id: {min: {$numberDecimal: '76.04'}, max: {$numberDecimal: '159.00'}}, count: 2},
                         {_id: {min: {$numberDecimal: '159.00'}, max: {$numberDecimal: '199.99'}}, count: 2},
                         {_id: {min: {$numberDecimal: '199.99'}, max: {$numberDecimal: '385.00'}}, count: 2},
                         {_id: {min: {$numberDecimal: '385.00'}, max: {$numberDecimal: '483.00'}}, count: 2}]"""),
                c("years with missing values first, as null (manual)", ARTWORK, auto("groupBy: '$year', buckets: 4"), """
                        [{_id: {min: null, max: 1902}, count: 2}, {_id: {min: 1902, max: 1918}, count: 2},
                         {_id: {min: 1918, max: 1926}, count: 2}, {_id: {min: 1926, max: 1931}, count: 2}]"""),
                c("an expression and output accumulators (manual)", ARTWORK, auto("""
                        groupBy: {$multiply: ['$_id', 10]}, buckets: 3,
                        output: {count: {$sum: 1}, titles: {$push: '$title'}, firstYear: {$first: '$year'}}"""), """
                        [{_id: {min: 10, max: 40}, count: 3, titles: ['The Pillars of Society', 'Melancholy III', 'Dancer'],
                          firstYear: 1926},
                         {_id: {min: 40, max: 70}, count: 3,
                          titles: ['The Great Wave off Kanagawa', 'The Persistence of Memory', 'Composition VII'], firstYear: null},
                         {_id: {min: 70, max: 80}, count: 2, titles: ['The Scream', 'Blue Flower'], firstYear: null}]"""),
                c("R20 granularity (manual)", THINGS, auto("groupBy: '$_id', buckets: 5, granularity: 'R20'"), """
                        [{_id: {min: 0, max: 20.0}, count: 20}, {_id: {min: 20.0, max: 40.0}, count: 20},
                         {_id: {min: 40.0, max: 63.0}, count: 23}, {_id: {min: 63.0, max: 90.0}, count: 27},
                         {_id: {min: 90.0, max: 100.0}, count: 10}]"""),
                c("E24 granularity (manual)", THINGS, auto("groupBy: '$_id', buckets: 5, granularity: 'E24'"), """
                        [{_id: {min: 0, max: 20.0}, count: 20}, {_id: {min: 20.0, max: 43.0}, count: 23},
                         {_id: {min: 43.0, max: 68.0}, count: 25}, {_id: {min: 68.0, max: 91.0}, count: 23},
                         {_id: {min: 91.0, max: 100.0}, count: 9}]"""),
                c("1-2-5 granularity makes fewer buckets (manual)", THINGS, auto("groupBy: '$_id', buckets: 5, granularity: '1-2-5'"), """
                        [{_id: {min: 0, max: 20.0}, count: 20}, {_id: {min: 20.0, max: 50.0}, count: 30},
                         {_id: {min: 50.0, max: 100.0}, count: 50}]"""),
                c("powers of two stay integers (manual)", THINGS, auto("groupBy: '$_id', buckets: 5, granularity: 'POWERSOF2'"), """
                        [{_id: {min: 0, max: 32}, count: 32}, {_id: {min: 32, max: 64}, count: 32},
                         {_id: {min: 64, max: 128}, count: 36}]"""),
                c("R5 rounds below one and the first min down", "[{v: 0.5}, {v: 0.7}, {v: 3.3}]",
                        auto("groupBy: '$v', buckets: 2, granularity: 'R5'"), """
                        [{_id: {min: 0.4, max: 1.0}, count: 2}, {_id: {min: 1.0, max: 4.0}, count: 1}]"""),
                c("powers of two over doubles", "[{v: 0.3}, {v: 5.5}]", auto("groupBy: '$v', buckets: 2, granularity: 'POWERSOF2'"), """
                        [{_id: {min: 0.25, max: 0.5}, count: 1}, {_id: {min: 0.5, max: 8}, count: 1}]"""),
                c("a bucket of zeros ends where the next value rounds down", "[{v: 0}, {v: 0}, {v: 7}, {v: 9}]",
                        auto("groupBy: '$v', buckets: 2, granularity: 'R10'"), """
                        [{_id: {min: 0, max: 6.3}, count: 2}, {_id: {min: 6.3, max: 10.0}, count: 2}]"""),
                c("equal values are never split", TIES, auto("groupBy: '$v', buckets: 2"), """
                        [{_id: {min: 1, max: 2}, count: 4}, {_id: {min: 2, max: 2}, count: 1}]"""),
                c("one value makes one bucket", "[{v: 'a'}, {v: 'a'}, {v: 'a'}]", auto("groupBy: '$v', buckets: 3"),
                        "[{_id: {min: 'a', max: 'a'}, count: 3}]"),
                c("more buckets than documents: one document each", "[{v: 3}, {v: 1}, {v: 2}]", auto("groupBy: '$v', buckets: 10"), """
                        [{_id: {min: 1, max: 2}, count: 1}, {_id: {min: 2, max: 3}, count: 1}, {_id: {min: 3, max: 3}, count: 1}]"""),
                c("the last bucket takes the rest", "[{v: 1}, {v: 2}, {v: 3}, {v: 4}, {v: 5}, {v: 6}, {v: 7}]",
                        auto("groupBy: '$v', buckets: 3"), """
                        [{_id: {min: 1, max: 3}, count: 2}, {_id: {min: 3, max: 5}, count: 2}, {_id: {min: 5, max: 7}, count: 3}]"""),
                c("values of several types in BSON order", "[{v: 'x'}, {v: 2}, {}, {v: {a: 1}}]", auto("groupBy: '$v', buckets: 2"), """
                        [{_id: {min: null, max: 'x'}, count: 2}, {_id: {min: 'x', max: {a: 1}}, count: 2}]"""),
                c("no input, no buckets", "[]", auto("groupBy: '$v', buckets: 2"), "[]"),
                c("buckets as a whole double", "[{v: 1}, {v: 2}]", auto("groupBy: '$v', buckets: 2.0"),
                        "[{_id: {min: 1, max: 2}, count: 1}, {_id: {min: 2, max: 2}, count: 1}]"),
                err("not an object", "[]", "[{$bucketAuto: 1}]", ErrorCode.LOCATION_40240,
                        "The argument to $bucketAuto must be an object, but found type: int"),
                err("buckets missing", "[]", auto("groupBy: '$v'"), ErrorCode.LOCATION_40246,
                        "$bucketAuto requires 'groupBy' and 'buckets' to be specified"),
                err("buckets zero", "[]", auto("groupBy: '$v', buckets: 0"), ErrorCode.LOCATION_40243,
                        "The $bucketAuto 'buckets' field must be greater than 0, but found: 0"),
                err("buckets fractional", "[]", auto("groupBy: '$v', buckets: 1.5"), ErrorCode.LOCATION_40242,
                        "The $bucketAuto 'buckets' field must be representable as a 32-bit integer, but found 1.5"),
                err("buckets a string", "[]", auto("groupBy: '$v', buckets: 'two'"), ErrorCode.LOCATION_40241,
                        "The $bucketAuto 'buckets' field must be a numeric value, but found type: string"),
                err("groupBy a plain string", "[]", auto("groupBy: 'price', buckets: 2"), ErrorCode.LOCATION_40239,
                        "The $bucketAuto 'groupBy' field must be defined as a $-prefixed path or an expression object, but found: \"price\""),
                err("unknown option", "[]", auto("groupBy: '$v', buckets: 2, bogus: 1"), ErrorCode.LOCATION_40245,
                        "Unrecognized option to $bucketAuto: bogus"),
                err("output not an object", "[]", auto("groupBy: '$v', buckets: 2, output: 1"), ErrorCode.LOCATION_40244,
                        "The $bucketAuto 'output' field must be an object, but found type: int"),
                err("output not an accumulator", "[]", auto("groupBy: '$v', buckets: 2, output: {n: {$bogus: 1}}"),
                        ErrorCode.LOCATION_15952, "unknown group operator '$bogus'"),
                err("granularity not a string", "[]", auto("groupBy: '$v', buckets: 2, granularity: 5"), ErrorCode.LOCATION_40261,
                        "The $bucketAuto 'granularity' field must be a string, but found type: int"),
                err("unknown granularity", "[]", auto("groupBy: '$v', buckets: 2, granularity: 'R7'"), ErrorCode.LOCATION_40257,
                        "Unknown rounding granularity 'R7'"),
                err("granularity over a string value", "[{v: 'a'}]", auto("groupBy: '$v', buckets: 2, granularity: 'R5'"),
                        ErrorCode.LOCATION_40258,
                        "$bucketAuto can specify a 'granularity' with numeric boundaries only, but found a value with type: string"),
                err("granularity over a missing value", "[{}]", auto("groupBy: '$v', buckets: 2, granularity: 'R5'"),
                        ErrorCode.LOCATION_40258,
                        "$bucketAuto can specify a 'granularity' with numeric boundaries only, but found a value with type: missing"),
                err("granularity over NaN", "[{v: NaN}]", auto("groupBy: '$v', buckets: 2, granularity: 'R5'"), ErrorCode.LOCATION_40259,
                        "$bucketAuto can specify a 'granularity' with numeric boundaries only, but found a NaN"),
                err("granularity over a negative number", "[{v: -1}]", auto("groupBy: '$v', buckets: 2, granularity: 'E6'"),
                        ErrorCode.LOCATION_40260,
                        "$bucketAuto can specify a 'granularity' with non-negative numbers only, but found a negative number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bucketAuto(PipelineCase c) {
        c.check();
    }
}
