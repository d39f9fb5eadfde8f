package dev.tusk.pipeline;

import static dev.tusk.pipeline.PipelineCase.c;
import static dev.tusk.pipeline.PipelineCase.err;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.expr.ParseContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * $setWindowFields: the manual's examples, document and range windows (numbers and dates), every
 * window function, empty windows, partitions, the types windows return, and MongoDB's errors.
 */
class SetWindowFieldsTest {
    private static final String CAKES = """
            [{_id: 0, type: 'chocolate', orderDate: {$date: '2020-05-18T14:10:30Z'}, state: 'CA', price: 13, quantity: 120},
             {_id: 1, type: 'chocolate', orderDate: {$date: '2021-03-20T11:30:05Z'}, state: 'WA', price: 14, quantity: 140},
             {_id: 2, type: 'vanilla', orderDate: {$date: '2021-01-11T06:31:15Z'}, state: 'CA', price: 12, quantity: 145},
             {_id: 3, type: 'vanilla', orderDate: {$date: '2020-02-08T13:13:23Z'}, state: 'WA', price: 13, quantity: 104},
             {_id: 4, type: 'strawberry', orderDate: {$date: '2019-05-18T16:09:01Z'}, state: 'CA', price: 41, quantity: 162},
             {_id: 5, type: 'strawberry', orderDate: {$date: '2019-01-08T06:12:03Z'}, state: 'WA', price: 43, quantity: 134}]""";
    private static final String BY_STATE_AND_DATE = "partitionBy: '$state', sortBy: {orderDate: 1}";
    private static final String BY_YEAR = "partitionBy: {$year: '$orderDate'}, sortBy: {orderDate: 1}";
    private static final String TRUCKS = """
            [{_id: 1, truckID: '1', timeStamp: {$date: '2020-05-18T14:10:30Z'}, miles: 1295.1},
             {_id: 2, truckID: '1', timeStamp: {$date: '2020-05-18T14:11:00Z'}, miles: 1295.63},
             {_id: 3, truckID: '1', timeStamp: {$date: '2020-05-18T14:11:30Z'}, miles: 1296.25},
             {_id: 4, truckID: '1', timeStamp: {$date: '2020-05-18T14:12:00Z'}, miles: 1296.76},
             {_id: 5, truckID: '2', timeStamp: {$date: '2020-05-18T14:10:30Z'}, miles: 10234.1},
             {_id: 6, truckID: '2', timeStamp: {$date: '2020-05-18T14:11:00Z'}, miles: 10234.33},
             {_id: 7, truckID: '2', timeStamp: {$date: '2020-05-18T14:11:30Z'}, miles: 10234.73},
             {_id: 8, truckID: '2', timeStamp: {$date: '2020-05-18T14:12:00Z'}, miles: 10235.13}]""";
    private static final String POWER = """
            [{_id: 1, meter: '1', timeStamp: {$date: '2020-05-18T14:10:30Z'}, kilowatts: 2.95},
             {_id: 2, meter: '1', timeStamp: {$date: '2020-05-18T14:11:00Z'}, kilowatts: 2.7},
             {_id: 3, meter: '1', timeStamp: {$date: '2020-05-18T14:11:30Z'}, kilowatts: 2.6},
             {_id: 4, meter: '1', timeStamp: {$date: '2020-05-18T14:12:00Z'}, kilowatts: 2.98},
             {_id: 5, meter: '2', timeStamp: {$date: '2020-05-18T14:10:30Z'}, kilowatts: 2.5},
             {_id: 6, meter: '2', timeStamp: {$date: '2020-05-18T14:11:00Z'}, kilowatts: 2.25},
             {_id: 7, meter: '2', timeStamp: {$date: '2020-05-18T14:11:30Z'}, kilowatts: 2.75},
             {_id: 8, meter: '2', timeStamp: {$date: '2020-05-18T14:12:00Z'}, kilowatts: 2.82}]""";
    private static final String STOCKS = """
            [{_id: 1, stock: 'MDB', date: {$date: '2020-05-18T20:00:00Z'}, price: 13},
             {_id: 2, stock: 'MDB', date: {$date: '2020-05-19T20:00:00Z'}, price: 15.4},
             {_id: 3, stock: 'MDB', date: {$date: '2020-05-20T20:00:00Z'}, price: 12},
             {_id: 4, stock: 'MDB', date: {$date: '2020-05-21T20:00:00Z'}, price: 11.7},
             {_id: 5, stock: 'MSFT', date: {$date: '2020-05-18T20:00:00Z'}, price: 82},
             {_id: 6, stock: 'MSFT', date: {$date: '2020-05-19T20:00:00Z'}, price: 94},
             {_id: 7, stock: 'MSFT', date: {$date: '2020-05-20T20:00:00Z'}, price: 112},
             {_id: 8, stock: 'MSFT', date: {$date: '2020-05-21T20:00:00Z'}, price: 97.3}]""";
    private static final String GAPS = """
            [{_id: 1, time: {$date: '2021-03-08T09:00:00Z'}, price: 500}, {_id: 2, time: {$date: '2021-03-08T10:00:00Z'}},
             {_id: 3, time: {$date: '2021-03-08T11:00:00Z'}, price: 515}, {_id: 4, time: {$date: '2021-03-08T12:00:00Z'}},
             {_id: 5, time: {$date: '2021-03-08T13:00:00Z'}}, {_id: 6, time: {$date: '2021-03-08T14:00:00Z'}, price: 485}]""";
    private static final String FIVE = "[{_id: 1, v: 5}, {_id: 2, v: 1}, {_id: 3, v: 4}, {_id: 4, v: 2}, {_id: 5, v: 3}]";
    private static final String BY_ID = "sortBy: {_id: 1}";

    /** One output field "out" of a $setWindowFields, then only _id and out. */
    private static String window(String partitionAndSort, String output) {
        return "[{$setWindowFields: {" + partitionAndSort + ", output: {out: " + output + "}}}, {$project: {out: 1}}]";
    }

    private static String outs(Object... idAndOut) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < idAndOut.length; i += 2) {
            sb.append(i == 0 ? "" : ", ").append("{_id: ").append(idAndOut[i]).append(", out: ").append(idAndOut[i + 1]).append('}');
        }
        return sb.append(']').toString();
    }

    static Stream<PipelineCase> results() {
        return Stream.of(
                c("sum, documents unbounded to current, by state (manual)", CAKES,
                        window(BY_STATE_AND_DATE, "{$sum: '$quantity', window: {documents: ['unbounded', 'current']}}"),
                        outs(4, 162, 0, 282, 2, 427, 5, 134, 3, 238, 1, 378)),
                c("sum partitioned by an expression (manual)", CAKES,
                        window(BY_YEAR, "{$sum: '$quantity', window: {documents: ['unbounded', 'current']}}"),
                        outs(5, 134, 4, 296, 3, 104, 0, 224, 2, 145, 1, 285)),
                c("moving average of documents [-1, 0] (manual)", CAKES,
                        window(BY_YEAR, "{$avg: '$quantity', window: {documents: [-1, 0]}}"),
                        outs(5, "134.0", 4, "148.0", 3, "104.0", 0, "112.0", 2, "145.0", 1, "142.5")),
                c("max over the whole partition (manual)", CAKES,
                        window(BY_YEAR, "{$max: '$quantity', window: {documents: ['unbounded', 'unbounded']}}"),
                        outs(5, 162, 4, 162, 3, 120, 0, 120, 2, 145, 1, 145)),
                c("sum of documents [-1, 1]", CAKES, window(BY_STATE_AND_DATE, "{$sum: '$quantity', window: {documents: [-1, 1]}}"),
                        outs(4, 282, 0, 427, 2, 265, 5, 238, 3, 378, 1, 244)),
                c("documents ahead [1, 2]; past the end the sum is 0", CAKES,
                        window(BY_STATE_AND_DATE, "{$sum: '$quantity', window: {documents: [1, 2]}}"),
                        outs(4, 265, 0, 145, 2, 0, 5, 244, 3, 140, 1, 0)),
                c("range [-10, 10] of price (manual)", CAKES,
                        window("partitionBy: '$state', sortBy: {price: 1}", "{$sum: '$quantity', window: {range: [-10, 10]}}"),
                        outs(2, 265, 0, 265, 4, 162, 3, 244, 1, 244, 5, 134)),
                c("range unbounded to 10 months (manual)", CAKES,
                        window(BY_STATE_AND_DATE, "{$push: '$_id', window: {range: ['unbounded', 10], unit: 'month'}}"),
                        outs(4, "[4]", 0, "[4, 0, 2]", 2, "[4, 0, 2]", 5, "[5]", 3, "[5, 3]", 1, "[5, 3, 1]")),
                c("range unbounded to -10 months (manual)", CAKES,
                        window(BY_STATE_AND_DATE, "{$push: '$_id', window: {range: ['unbounded', -10], unit: 'month'}}"),
                        outs(4, "[]", 0, "[4]", 2, "[4]", 5, "[]", 3, "[5]", 1, "[5, 3]")),
                c("range of days around each order", CAKES,
                        window(BY_STATE_AND_DATE, "{$count: {}, window: {range: [-400, 400], unit: 'day'}}"),
                        outs(4, 2, 0, 3, 2, 2, 5, 2, 3, 2, 1, 1)),
                c("range ['current', 1] starts at the current document", "[{_id: 1, v: 1}, {_id: 2, v: 2}, {_id: 3, v: 2}, {_id: 4, v: 3}]",
                        window("sortBy: {v: 1}", "{$sum: '$v', window: {range: ['current', 1]}}"), outs(1, 5, 2, 7, 3, 5, 4, 3)),
                c("range [0, 0] takes every tie", "[{_id: 1, v: 1}, {_id: 2, v: 2}, {_id: 3, v: 2}, {_id: 4, v: 3}]",
                        window("sortBy: {v: 1}", "{$sum: '$v', window: {range: [0, 0]}}"), outs(1, 1, 2, 4, 3, 4, 4, 3)),
                c("range with fractional bounds; the sum's type follows the window", "[{_id: 1, v: 1}, {_id: 2, v: 1.4}, {_id: 3, v: 2}]",
                        window("sortBy: {v: 1}", "{$sum: '$v', window: {range: [-0.5, 0.5]}}"), outs(1, "2.4", 2, "2.4", 3, 2)),
                c("range unbounded stops at non-numeric sort values", "[{_id: 1, v: 1}, {_id: 2, v: 2}]",
                        window("sortBy: {v: 1}", "{$push: '$_id', window: {range: ['unbounded', 'unbounded']}}"),
                        outs(1, "[1, 2]", 2, "[1, 2]")),
                c("rank (manual)", CAKES, window("partitionBy: '$state', sortBy: {quantity: -1}", "{$rank: {}}"),
                        outs(4, 1, 2, 2, 0, 3, 1, 1, 5, 2, 3, 3)),
                c("rank with ties skips ranks", "[{_id: 1, s: 10}, {_id: 2, s: 20}, {_id: 3, s: 20}, {_id: 4, s: 30}]",
                        window("sortBy: {s: 1}", "{$rank: {}}"), outs(1, 1, 2, 2, 3, 2, 4, 4)),
                c("denseRank with ties does not skip", "[{_id: 1, s: 10}, {_id: 2, s: 20}, {_id: 3, s: 20}, {_id: 4, s: 30}]",
                        window("sortBy: {s: 1}", "{$denseRank: {}}"), outs(1, 1, 2, 2, 3, 2, 4, 3)),
                c("documentNumber counts ties apart", "[{_id: 1, s: 10}, {_id: 2, s: 20}, {_id: 3, s: 20}, {_id: 4, s: 30}]",
                        window("sortBy: {s: 1}", "{$documentNumber: {}}"), outs(1, 1, 2, 2, 3, 3, 4, 4)),
                c("rank: null and missing tie", "[{_id: 1}, {_id: 2, s: null}, {_id: 3, s: 1}]",
                        window("sortBy: {s: 1}", "{$rank: {}}"), outs(1, 1, 2, 1, 3, 3)),
                c("rank: arrays tie by their sort key", "[{_id: 1, s: [1, 5]}, {_id: 2, s: 1}, {_id: 3, s: 2}]",
                        window("sortBy: {s: 1}", "{$denseRank: {}}"), outs(1, 1, 2, 1, 3, 2)),
                c("shift by 1 with a default (manual)", CAKES,
                        window("partitionBy: '$state', sortBy: {quantity: -1}",
                                "{$shift: {output: '$quantity', by: 1, default: 'Not available'}}"),
                        outs(4, 145, 2, 120, 0, "'Not available'", 1, 134, 5, 104, 3, "'Not available'")),
                c("shift by -1 defaults to null", CAKES,
                        window("partitionBy: '$state', sortBy: {quantity: -1}", "{$shift: {output: '$quantity', by: -1}}"),
                        outs(4, "null", 2, 162, 0, 145, 1, "null", 5, 140, 3, 134)),
                c("shift onto a document without the field removes it", "[{_id: 1, x: 5}, {_id: 2}]",
                        window(BY_ID, "{$shift: {output: '$x', by: 1}}"), "[{_id: 1}, {_id: 2, out: null}]"),
                c("first over the whole partition", CAKES, window(BY_STATE_AND_DATE, "{$first: '$quantity'}"),
                        outs(4, 162, 0, 162, 2, 162, 5, 134, 3, 134, 1, 134)),
                c("last over the whole partition", CAKES, window(BY_STATE_AND_DATE, "{$last: '$quantity'}"),
                        outs(4, 145, 0, 145, 2, 145, 5, 140, 3, 140, 1, 140)),
                c("first of a sliding window", CAKES, window(BY_STATE_AND_DATE, "{$first: '$quantity', window: {documents: [-1, 0]}}"),
                        outs(4, 162, 0, 162, 2, 120, 5, 134, 3, 134, 1, 104)),
                c("last of a missing field removes the output", "[{_id: 1, x: 1}, {_id: 2}]",
                        window(BY_ID, "{$last: '$x', window: {documents: [0, 0]}}"), "[{_id: 1, out: 1}, {_id: 2}]"),
                c("derivative per hour over 30 seconds (manual)", TRUCKS, "[{$setWindowFields: {partitionBy: '$truckID',"
                                + " sortBy: {timeStamp: 1}, output: {speed: {$derivative: {input: '$miles', unit: 'hour'},"
                                + " window: {range: [-30, 0], unit: 'second'}}}}}, {$match: {speed: {$gt: 50}}}, {$project: {speed: 1}}]",
                        "[{_id: 2, speed: 63.60000000002401}, {_id: 3, speed: 74.3999999999869}, {_id: 4, speed: 61.199999999998916}]"),
                c("derivative of numbers; one document is null", "[{_id: 1, t: 0, v: 0}, {_id: 2, t: 2, v: 10}, {_id: 3, t: 4, v: 30}]",
                        window("sortBy: {t: 1}", "{$derivative: {input: '$v'}, window: {documents: [-1, 0]}}"),
                        outs(1, "null", 2, "5.0", 3, "10.0")),
                c("integral in kilowatt-hours (manual)", POWER, window("partitionBy: '$meter', sortBy: {timeStamp: 1}",
                                "{$integral: {input: '$kilowatts', unit: 'hour'}, window: {range: ['unbounded', 'current'], unit: 'hour'}}"),
                        outs(1, "0.0", 2, "0.023541666666666666", 3, "0.045625", 4, "0.068875",
                                5, "0.0", 6, "0.019791666666666666", 7, "0.040625", 8, "0.06383333333333334")),
                c("integral of numbers over the partition", "[{_id: 1, x: 0, y: 0}, {_id: 2, x: 1, y: 2}, {_id: 3, x: 3, y: 2}]",
                        window("sortBy: {x: 1}", "{$integral: {input: '$y'}}"), outs(1, "5.0", 2, "5.0", 3, "5.0")),
                c("integral of one point is the int 0", "[{_id: 1, x: 0, y: 0}, {_id: 2, x: 1, y: 2}, {_id: 3, x: 3, y: 2}]",
                        window("sortBy: {x: 1}", "{$integral: {input: '$y'}, window: {documents: ['unbounded', 'current']}}"),
                        outs(1, 0, 2, "1.0", 3, "5.0")),
                c("integral over a sliding window", "[{_id: 1, x: 0, y: 0}, {_id: 2, x: 1, y: 2}, {_id: 3, x: 3, y: 2}]",
                        window("sortBy: {x: 1}", "{$integral: {input: '$y'}, window: {documents: [-1, 0]}}"),
                        outs(1, 0, 2, "1.0", 3, "4.0")),
                c("expMovingAvg with N (manual)", STOCKS,
                        window("partitionBy: '$stock', sortBy: {date: 1}", "{$expMovingAvg: {input: '$price', N: 2}}"),
                        outs(1, "13.0", 2, "14.6", 3, "12.866666666666667", 4, "12.088888888888889",
                                5, "82.0", 6, "90.0", 7, "104.66666666666667", 8, "99.75555555555556")),
                c("expMovingAvg with alpha (manual)", STOCKS,
                        window("partitionBy: '$stock', sortBy: {date: 1}", "{$expMovingAvg: {input: '$price', alpha: 0.75}}"),
                        outs(1, "13.0", 2, "14.8", 3, "12.7", 4, "11.95", 5, "82.0", 6, "91.0", 7, "106.75", 8, "99.6625")),
                c("expMovingAvg skips non-numbers; a decimal makes decimals",
                        "[{_id: 1, v: 'x'}, {_id: 2, v: {$numberDecimal: '10'}}, {_id: 3, v: 20}]",
                        window(BY_ID, "{$expMovingAvg: {input: '$v', alpha: 0.5}}"),
                        outs(1, "null", 2, "{$numberDecimal: '10'}", 3, "{$numberDecimal: '15.000000000000000'}")),
                c("expMovingAvg stays infinite after an infinity", "[{_id: 1, v: 1}, {_id: 2, v: Infinity}, {_id: 3, v: 2}]",
                        window(BY_ID, "{$expMovingAvg: {input: '$v', alpha: 0.5}}"), outs(1, "1.0", 2, "Infinity", 3, "Infinity")),
                c("covariancePop (manual)", CAKES, window(BY_STATE_AND_DATE,
                                "{$covariancePop: [{$year: '$orderDate'}, '$quantity'], window: {documents: ['unbounded', 'current']}}"),
                        outs(4, "0.0", 0, "-10.5", 2, "-5.666666666666671", 5, "0.0", 3, "-7.5", 1, "2.0")),
                c("covarianceSamp", CAKES, window(BY_STATE_AND_DATE,
                                "{$covarianceSamp: [{$year: '$orderDate'}, '$quantity'], window: {documents: ['unbounded', 'current']}}"),
                        outs(4, "null", 0, "-21.0", 2, "-8.500000000000007", 5, "null", 3, "-15.0", 1, "3.0")),
                c("covariancePop over a sliding window", "[{_id: 1, x: 1, y: 2}, {_id: 2, x: 2, y: 4}, {_id: 3, x: 3, y: 0}]",
                        window(BY_ID, "{$covariancePop: ['$x', '$y'], window: {documents: [-1, 0]}}"),
                        outs(1, "0.0", 2, "0.5", 3, "-1.0")),
                c("linearFill (manual)", GAPS, window("sortBy: {time: 1}", "{$linearFill: '$price'}"),
                        outs(1, 500, 2, "507.5", 3, 515, 4, "505.0", 5, "495.0", 6, 485)),
                c("linearFill leaves the ends null", "[{_id: 1, x: 1}, {_id: 2, x: 2, v: 10}, {_id: 3, x: 3}]",
                        window("sortBy: {x: 1}", "{$linearFill: '$v'}"), outs(1, "null", 2, 10, 3, "null")),
                c("locf (manual)", GAPS, window("sortBy: {time: 1}", "{$locf: '$price'}"), outs(1, 500, 2, 500, 3, 515, 4, 515, 5, 515, 6, 485)),
                c("locf before any value is null", "[{_id: 1}, {_id: 2, v: 3}, {_id: 3, v: null}]",
                        window(BY_ID, "{$locf: '$v'}"), outs(1, "null", 2, 3, 3, 3)),
                c("firstN over documents [-1, 1]", FIVE, window(BY_ID, "{$firstN: {input: '$v', n: 2}, window: {documents: [-1, 1]}}"),
                        outs(1, "[5, 1]", 2, "[5, 1]", 3, "[1, 4]", 4, "[4, 2]", 5, "[2, 3]")),
                c("lastN over documents [-1, 1]", FIVE, window(BY_ID, "{$lastN: {input: '$v', n: 2}, window: {documents: [-1, 1]}}"),
                        outs(1, "[5, 1]", 2, "[1, 4]", 3, "[4, 2]", 4, "[2, 3]", 5, "[2, 3]")),
                c("lastN growing from the start", FIVE, window(BY_ID, "{$lastN: {input: '$v', n: 2}, window: {documents: ['unbounded', 0]}}"),
                        outs(1, "[5]", 2, "[5, 1]", 3, "[1, 4]", 4, "[4, 2]", 5, "[2, 3]")),
                c("maxN over a range window", FIVE, window(BY_ID, "{$maxN: {input: '$v', n: 2}, window: {range: [-1, 1]}}"),
                        outs(1, "[5, 1]", 2, "[5, 4]", 3, "[4, 2]", 4, "[4, 3]", 5, "[3, 2]")),
                c("minN over documents [-2, 0]", FIVE, window(BY_ID, "{$minN: {input: '$v', n: 2}, window: {documents: [-2, 0]}}"),
                        outs(1, "[5]", 2, "[1, 5]", 3, "[1, 4]", 4, "[1, 2]", 5, "[2, 3]")),
                c("topN over a sliding window", FIVE,
                        window(BY_ID, "{$topN: {n: 2, sortBy: {v: -1}, output: '$_id'}, window: {documents: [-1, 1]}}"),
                        outs(1, "[1, 2]", 2, "[1, 3]", 3, "[3, 4]", 4, "[3, 5]", 5, "[5, 4]")),
                c("bottom over a sliding window", FIVE,
                        window(BY_ID, "{$bottom: {sortBy: {v: -1}, output: '$_id'}, window: {documents: [-1, 1]}}"),
                        outs(1, 2, 2, 2, 3, 2, 4, 4, 5, 4)),
                c("median over documents [-1, 1]", FIVE,
                        window(BY_ID, "{$median: {input: '$v', method: 'approximate'}, window: {documents: [-1, 1]}}"),
                        outs(1, "1.0", 2, "4.0", 3, "2.0", 4, "3.0", 5, "2.0")),
                c("percentile over the partition", FIVE,
                        window(BY_ID, "{$percentile: {input: '$v', p: [0.25, 0.75], method: 'approximate'}}"),
                        outs(1, "[2.0, 4.0]", 2, "[2.0, 4.0]", 3, "[2.0, 4.0]", 4, "[2.0, 4.0]", 5, "[2.0, 4.0]")),
                c("push over documents [-1, 0]", FIVE, window(BY_ID, "{$push: '$v', window: {documents: [-1, 0]}}"),
                        outs(1, "[5]", 2, "[5, 1]", 3, "[1, 4]", 4, "[4, 2]", 5, "[2, 3]")),
                c("push skips missing values", "[{_id: 1, v: 1}, {_id: 2}, {_id: 3, v: null}]",
                        window(BY_ID, "{$push: '$v', window: {documents: ['unbounded', 'current']}}"),
                        outs(1, "[1]", 2, "[1]", 3, "[1, null]")),
                c("addToSet over documents [-2, 0]", "[{_id: 1, v: 'b'}, {_id: 2, v: 'a'}, {_id: 3, v: 'b'}, {_id: 4, v: 'c'}]",
                        window(BY_ID, "{$addToSet: '$v', window: {documents: [-2, 0]}}"),
                        outs(1, "['b']", 2, "['a', 'b']", 3, "['a', 'b']", 4, "['a', 'b', 'c']")),
                c("min and max over documents [-1, 0]", "[{_id: 1, v: 3}, {_id: 2, v: 1}, {_id: 3, v: 2}]",
                        "[{$setWindowFields: {sortBy: {_id: 1}, output: {lo: {$min: '$v', window: {documents: [-1, 0]}},"
                                + " hi: {$max: '$v', window: {documents: [-1, 0]}}}}}, {$project: {lo: 1, hi: 1}}]",
                        "[{_id: 1, lo: 3, hi: 3}, {_id: 2, lo: 1, hi: 3}, {_id: 3, lo: 1, hi: 2}]"),
                c("min ignores null; only nulls give null", "[{_id: 1, v: null}, {_id: 2, v: 2}]",
                        "[{$setWindowFields: {sortBy: {_id: 1}, output: {all: {$min: '$v'}, own: {$min: '$v', window: {documents: [0, 0]}}}}},"
                                + " {$project: {all: 1, own: 1}}]",
                        "[{_id: 1, all: 2, own: null}, {_id: 2, all: 2, own: 2}]"),
                c("count over documents [-1, 1]", FIVE, window(BY_ID, "{$count: {}, window: {documents: [-1, 1]}}"),
                        outs(1, 2, 2, 3, 3, 3, 4, 3, 5, 2)),
                c("stdDevPop sliding: one value is the int 0", "[{_id: 1, v: 0}, {_id: 2, v: 2}, {_id: 3, v: 4}]",
                        window(BY_ID, "{$stdDevPop: '$v', window: {documents: [-1, 0]}}"), outs(1, 0, 2, "1.0", 3, "1.0")),
                c("stdDevPop from the start is $group's (0.0 for one value)", "[{_id: 1, v: 0}, {_id: 2, v: 2}, {_id: 3, v: 4}]",
                        window(BY_ID, "{$stdDevPop: '$v', window: {documents: ['unbounded', 'current']}}"),
                        outs(1, "0.0", 2, "1.0", 3, "1.632993161855452")),
                c("stdDevSamp sliding", "[{_id: 1, v: 0}, {_id: 2, v: 2}, {_id: 3, v: 4}]",
                        window(BY_ID, "{$stdDevSamp: '$v', window: {documents: [-1, 0]}}"),
                        outs(1, "null", 2, "1.4142135623730951", 3, "1.4142135623730951")),
                // MongoDB's removable standard deviation counts a NaN in its running count, even after it left
                c("stdDevPop of a window with NaN is NaN", "[{_id: 1, v: NaN}, {_id: 2, v: 2}, {_id: 3, v: 4}]",
                        window(BY_ID, "{$stdDevPop: '$v', window: {documents: [-1, 0]}}"), outs(1, "NaN", 2, "NaN", 3, "2.0")),
                c("sliding sum narrows when a double leaves the window", "[{_id: 1, v: 1.5}, {_id: 2, v: 2}, {_id: 3, v: 4}]",
                        window(BY_ID, "{$sum: '$v', window: {documents: [-1, 0]}}"), outs(1, "1.5", 2, "3.5", 3, 6)),
                c("sliding sum of longs that fit is an int", "[{_id: 1, v: {$numberLong: '1'}}, {_id: 2, v: {$numberLong: '2'}}]",
                        window(BY_ID, "{$sum: '$v', window: {documents: [-1, 0]}}"), outs(1, 1, 2, 3)),
                c("sum from the start keeps $group's long", "[{_id: 1, v: {$numberLong: '1'}}, {_id: 2, v: {$numberLong: '2'}}]",
                        window(BY_ID, "{$sum: '$v', window: {documents: ['unbounded', 'current']}}"),
                        outs(1, "{$numberLong: '1'}", 2, "{$numberLong: '3'}")),
                c("sliding sum past int is a long", "[{_id: 1, v: 2147483647}, {_id: 2, v: 2147483647}]",
                        window(BY_ID, "{$sum: '$v', window: {documents: [-1, 0]}}"), outs(1, 2147483647, 2, "{$numberLong: '4294967294'}")),
                c("sliding sum with decimals and NaN", "[{_id: 1, v: {$numberDecimal: '1.5'}}, {_id: 2, v: NaN}, {_id: 3, v: 2}]",
                        window(BY_ID, "{$sum: '$v', window: {documents: [-1, 0]}}"),
                        outs(1, "{$numberDecimal: '1.5'}", 2, "{$numberDecimal: 'NaN'}", 3, "NaN")),
                c("sliding avg", "[{_id: 1, v: 1}, {_id: 2, v: 2}, {_id: 3, v: 'x'}]",
                        window(BY_ID, "{$avg: '$v', window: {documents: [-1, 0]}}"), outs(1, "1.0", 2, "1.5", 3, "2.0")),
                c("empty windows give each function's empty value", "[{_id: 1, v: 5}]",
                        "[{$setWindowFields: {sortBy: {_id: 1}, output: {"
                                + "sum: {$sum: '$v', window: {documents: [-2, -1]}}, avg: {$avg: '$v', window: {documents: [-2, -1]}},"
                                + "count: {$count: {}, window: {documents: [-2, -1]}}, push: {$push: '$v', window: {documents: [-2, -1]}},"
                                + "set: {$addToSet: '$v', window: {documents: [-2, -1]}}, min: {$min: '$v', window: {documents: [-2, -1]}},"
                                + "sd: {$stdDevPop: '$v', window: {documents: [-2, -1]}}, first: {$first: '$v', window: {documents: [-2, -1]}},"
                                + "firstN: {$firstN: {input: '$v', n: 2}, window: {documents: [-2, -1]}},"
                                + "top: {$top: {sortBy: {v: 1}, output: '$v'}, window: {documents: [-2, -1]}},"
                                + "median: {$median: {input: '$v', method: 'approximate'}, window: {documents: [-2, -1]}},"
                                + "pct: {$percentile: {input: '$v', p: [0.5], method: 'approximate'}, window: {documents: [-2, -1]}},"
                                + "cov: {$covariancePop: ['$v', '$v'], window: {documents: [-2, -1]}},"
                                + "integral: {$integral: {input: '$v'}, window: {documents: [-2, -1]}},"
                                + "rate: {$derivative: {input: '$v'}, window: {documents: [-2, -1]}}}}}, {$project: {v: 0}}]",
                        "[{_id: 1, sum: 0, avg: null, count: 0, push: [], set: [], min: null, sd: null, first: null, firstN: [],"
                                + " top: null, median: null, pct: [null], cov: null, integral: null, rate: null}]"),
                c("missing and null partitionBy values share a partition", "[{_id: 1, p: null, v: 1}, {_id: 2, v: 2}, {_id: 3, p: 'a', v: 3}]",
                        window("partitionBy: '$p'", "{$sum: '$v'}"), outs(1, 3, 2, 3, 3, 3)),
                c("equal numbers of different types share a partition",
                        "[{_id: 1, p: 1, v: 1}, {_id: 2, p: {$numberLong: '1'}, v: 2}, {_id: 3, p: 1.0, v: 3}, {_id: 4, p: 2, v: 4}]",
                        window("partitionBy: '$p'", "{$push: '$v'}"), outs(1, "[1, 2, 3]", 2, "[1, 2, 3]", 3, "[1, 2, 3]", 4, "[4]")),
                c("without sortBy the input order is kept", "[{_id: 3}, {_id: 1}, {_id: 2}]",
                        window("partitionBy: null", "{$push: '$_id'}"), outs(3, "[3, 1, 2]", 1, "[3, 1, 2]", 2, "[3, 1, 2]")),
                c("descending sortBy with a documents window", FIVE, window("sortBy: {v: -1}", "{$push: '$v', window: {documents: [-1, 0]}}"),
                        outs(1, "[5]", 3, "[5, 4]", 5, "[4, 3]", 4, "[3, 2]", 2, "[2, 1]")),
                c("compound sortBy", "[{_id: 1, a: 1, b: 2}, {_id: 2, a: 1, b: 1}, {_id: 3, a: 0, b: 9}]",
                        window("sortBy: {a: 1, b: 1}", "{$push: '$_id', window: {documents: ['unbounded', 'current']}}"),
                        outs(3, "[3]", 2, "[3, 2]", 1, "[3, 2, 1]")),
                c("a dotted output path and an overwritten field", "[{_id: 1, a: {c: 1}, v: 'old'}]",
                        "[{$setWindowFields: {output: {'a.b': {$sum: 1}, v: {$count: {}}}}}]", "[{_id: 1, a: {c: 1, b: 1}, v: 1}]"),
                c("no outputs: the documents come sorted", FIVE, "[{$setWindowFields: {sortBy: {v: -1}, output: {}}}, {$project: {_id: 1}}]",
                        "[{_id: 1}, {_id: 3}, {_id: 5}, {_id: 4}, {_id: 2}]"),
                c("a window past the partition is empty", FIVE, window(BY_ID, "{$push: '$v', window: {documents: [5, 6]}}"),
                        outs(1, "[]", 2, "[]", 3, "[]", 4, "[]", 5, "[]")),
                c("inputs are any expression", FIVE, window(BY_ID,
                                "{$sum: {$let: {vars: {d: 2}, in: {$multiply: ['$v', '$$d']}}}, window: {documents: [0, 1]}}"),
                        outs(1, 12, 2, 10, 3, 12, 4, 10, 5, 6)));
    }

    static Stream<PipelineCase> errors() {
        String sum = "{$sum: '$v'}";
        return Stream.of(
                err("spec not an object", "[]", "[{$setWindowFields: 1}]", ErrorCode.FAILED_TO_PARSE,
                        "the $setWindowFields stage specification must be an object, found int"),
                err("unknown stage field", "[]", "[{$setWindowFields: {output: {}, foo: 1}}]", ErrorCode.UNKNOWN_BSON_FIELD,
                        "BSON field '$setWindowFields.foo' is an unknown field."),
                err("missing output", "[]", "[{$setWindowFields: {sortBy: {a: 1}}}]", ErrorCode.LOCATION_40414,
                        "BSON field '$setWindowFields.output' is missing but a required field"),
                err("sortBy not an object", "[]", "[{$setWindowFields: {sortBy: 1, output: {}}}]", ErrorCode.TYPE_MISMATCH,
                        "BSON field '$setWindowFields.sortBy' is the wrong type 'int', expected type 'object'"),
                err("empty sortBy", "[]", "[{$setWindowFields: {sortBy: {}, output: {}}}]", ErrorCode.LOCATION_15976,
                        "$sort stage must have at least one sort key"),
                err("output field not an object", "[]", "[{$setWindowFields: {output: {a: 1}}}]", ErrorCode.FAILED_TO_PARSE,
                        "The field 'a' must be an object"),
                err("unknown window function", "[]", window(BY_ID, "{$foo: '$v'}"), ErrorCode.FAILED_TO_PARSE,
                        "Unrecognized window function, $foo"),
                err("mergeObjects is not a window function in 7.0", "[]", window(BY_ID, "{$mergeObjects: '$v'}"),
                        ErrorCode.FAILED_TO_PARSE, "Unrecognized window function, $mergeObjects"),
                err("no window function", "[]", window(BY_ID, "{window: {documents: [0, 0]}}"), ErrorCode.FAILED_TO_PARSE,
                        "Expected a $-prefixed window function, window"),
                err("unknown argument next to the function", "[]", window(BY_ID, "{$sum: '$v', foo: 1}"), ErrorCode.FAILED_TO_PARSE,
                        "Window function found an unknown argument: foo"),
                err("two functions", "[]", window(BY_ID, "{$sum: '$v', $avg: '$v'}"), ErrorCode.FAILED_TO_PARSE,
                        "Cannot specify two functions in window function spec"),
                err("output path starting with $", "[]", "[{$setWindowFields: {output: {$a: " + sum + "}}}]", ErrorCode.LOCATION_16410,
                        "FieldPath field names may not start with '$'. Consider using $getField or $setField."),
                err("conflicting output paths", "[]", "[{$setWindowFields: {output: {a: " + sum + ", 'a.b': " + sum + "}}}]",
                        ErrorCode.LOCATION_6307900, "$setWindowFields 'output' specification contains two conflicting paths"),
                err("a documents window needs sortBy", "[]", "[{$setWindowFields: {output: {a: {$sum: 1, window: {documents: [-1, 0]}}}}}]",
                        ErrorCode.LOCATION_5339901, "Document-based bounds require a sortBy"),
                err("a range window needs one sortBy field", "[]", window("sortBy: {a: 1, b: 1}", "{$sum: 1, window: {range: [-1, 0]}}"),
                        ErrorCode.LOCATION_5339902, "Range-based bounds require sortBy a single field"),
                err("a range window needs an ascending sortBy", "[]", window("sortBy: {a: -1}", "{$sum: 1, window: {range: [-1, 0]}}"),
                        ErrorCode.LOCATION_8947401, "Range-based bounds require an ascending sortBy"),
                err("lower bound above the upper bound", "[]", window(BY_ID, "{$sum: 1, window: {documents: [1, -1]}}"),
                        ErrorCode.LOCATION_5339900, "Lower bound must not exceed upper bound: [1, -1]"),
                err("current above a negative upper bound", "[]", window(BY_ID, "{$sum: 1, window: {documents: ['current', -1]}}"),
                        ErrorCode.LOCATION_5339900, "Lower bound must not exceed upper bound: [0, -1]"),
                err("fractional documents bound", "[]", window(BY_ID, "{$sum: 1, window: {documents: [-1.5, 0]}}"),
                        ErrorCode.FAILED_TO_PARSE, "Numeric document-based bounds must be an integer"),
                err("unknown bound word", "[]", window(BY_ID, "{$sum: 1, window: {documents: ['before', 0]}}"), ErrorCode.FAILED_TO_PARSE,
                        "Window bounds must be 'unbounded', 'current', or a number."),
                err("bound from a field", "[]", window(BY_ID, "{$sum: 1, window: {documents: [{$add: ['$x', 1]}, 0]}}"), ErrorCode.FAILED_TO_PARSE,
                        "Window bounds expression must be a constant."),
                err("bounds not a pair", "[]", window(BY_ID, "{$sum: 1, window: {documents: [1]}}"), ErrorCode.FAILED_TO_PARSE, null),
                err("window not an object", "[]", window(BY_ID, "{$sum: 1, window: 1}"), ErrorCode.FAILED_TO_PARSE,
                        "'window' field must be an object"),
                err("documents and range together", "[]", window(BY_ID, "{$sum: 1, window: {documents: [0, 0], range: [0, 0]}}"),
                        ErrorCode.FAILED_TO_PARSE, "Window bounds can specify either 'documents' or 'unit', not both."),
                err("unit without range", "[]", window(BY_ID, "{$sum: 1, window: {documents: [0, 0], unit: 'day'}}"),
                        ErrorCode.FAILED_TO_PARSE, "Window bounds can only specify 'unit' with range-based bounds."),
                err("unknown window field", "[]", window(BY_ID, "{$sum: 1, window: {rows: [0, 0]}}"), ErrorCode.FAILED_TO_PARSE,
                        "'window' field can only contain 'documents' as the only argument or 'range' with an optional 'unit' field"),
                err("range bound not a number", "[]", window(BY_ID, "{$sum: 1, window: {range: ['a', 0]}}"), ErrorCode.FAILED_TO_PARSE,
                        "Window bounds must be 'unbounded', 'current', or a number."),
                err("unknown time unit", "[]", window(BY_ID, "{$sum: 1, window: {range: [-1, 0], unit: 'fortnight'}}"),
                        ErrorCode.FAILED_TO_PARSE, "unknown time unit value: fortnight"),
                err("range over dates needs a unit", CAKES, window("sortBy: {orderDate: 1}", "{$sum: 1, window: {range: [-1, 0]}}"),
                        ErrorCode.LOCATION_5429413,
                        "Invalid range: For windows that involve date or time ranges, a unit must be provided."),
                err("range with a unit needs dates", FIVE, window("sortBy: {v: 1}", "{$sum: 1, window: {range: [-1, 0], unit: 'day'}}"),
                        ErrorCode.LOCATION_5429513, "Invalid range: Expected the sortBy field to be a Date, but it was int"),
                err("range over a string sort value", "[{v: 1}, {v: 'a'}]", window("sortBy: {v: 1}", "{$sum: 1, window: {range: [-1, 0]}}"),
                        ErrorCode.LOCATION_5429414, "Invalid range: Expected the sortBy field to be a number, but it was string"),
                err("rank needs one sortBy field", "[]", window("sortBy: {a: 1, b: 1}", "{$rank: {}}"), ErrorCode.LOCATION_5371602,
                        "$rank must be specified with a top level sortBy expression with exactly one element"),
                err("rank takes no window", "[]", window(BY_ID, "{$rank: {}, window: {documents: [0, 0]}}"), ErrorCode.LOCATION_5371601,
                        "Rank style window functions take no other arguments"),
                err("denseRank argument must be {}", "[]", window(BY_ID, "{$denseRank: 1}"), ErrorCode.LOCATION_5371603,
                        "$denseRank must be specified with '{}' as the value"),
                err("shift needs sortBy", "[]", "[{$setWindowFields: {output: {a: {$shift: {output: '$v', by: 1}}}}}]",
                        ErrorCode.FAILED_TO_PARSE, "'$shift' requires a sortBy"),
                err("shift by a fraction", "[]", window(BY_ID, "{$shift: {output: '$v', by: 1.5}}"), ErrorCode.FAILED_TO_PARSE,
                        "'$shift:by' field must be an integer, but found  by: 1.5"),
                err("shift with a window", "[]", window(BY_ID, "{$shift: {output: '$v', by: 1}, window: {documents: [0, 0]}}"),
                        ErrorCode.FAILED_TO_PARSE, "$shift does not accept a 'window' field"),
                err("shift default from a field", "[]", window(BY_ID, "{$shift: {output: '$v', by: 1, default: '$x'}}"),
                        ErrorCode.FAILED_TO_PARSE, "'$shift:default' expression must yield a constant value."),
                err("shift without by", "[]", window(BY_ID, "{$shift: {output: '$v'}}"), ErrorCode.FAILED_TO_PARSE,
                        "$shift requires 'by' as an integer value."),
                err("derivative needs a window", "[]", window(BY_ID, "{$derivative: {input: '$v'}}"), ErrorCode.FAILED_TO_PARSE,
                        "$derivative requires explicit window bounds"),
                err("derivative by months", "[]", window(BY_ID, "{$derivative: {input: '$v', unit: 'month'}, window: {documents: [-1, 0]}}"),
                        ErrorCode.LOCATION_5490710, "unit must be 'week' or smaller"),
                err("derivative over dates needs a unit", CAKES,
                        window("sortBy: {orderDate: 1}", "{$derivative: {input: '$quantity'}, window: {documents: [-1, 0]}}"),
                        ErrorCode.LOCATION_5624901, "$derivative where the sortBy is a Date requires an 'unit'"),
                err("integral of a non-number", "[{_id: 1, v: 'a'}]", window(BY_ID, "{$integral: {input: '$v'}}"),
                        ErrorCode.LOCATION_5423900, null),
                err("integral needs sortBy", "[]", "[{$setWindowFields: {output: {a: {$integral: {input: '$v'}}}}}]",
                        ErrorCode.FAILED_TO_PARSE, "$integral requires a sortBy"),
                err("expMovingAvg without N or alpha", "[]", window(BY_ID, "{$expMovingAvg: {input: '$v'}}"), ErrorCode.FAILED_TO_PARSE,
                        "$expMovingAvg sub object must have exactly two fields: An 'input' field, and either an 'N' field or an 'alpha' field"),
                err("expMovingAvg alpha out of range", "[]", window(BY_ID, "{$expMovingAvg: {input: '$v', alpha: 1.5}}"),
                        ErrorCode.FAILED_TO_PARSE, "'alpha' must be between 0 and 1 (exclusive), found alpha: 1.5"),
                err("expMovingAvg N zero", "[]", window(BY_ID, "{$expMovingAvg: {input: '$v', N: 0}}"), ErrorCode.FAILED_TO_PARSE,
                        "'N' must be greater than zero. Got 0"),
                err("expMovingAvg with a window", "[]", window(BY_ID, "{$expMovingAvg: {input: '$v', N: 2}, window: {documents: [0, 0]}}"),
                        ErrorCode.FAILED_TO_PARSE, "$expMovingAvg must have exactly one argument that is an object"),
                err("linearFill needs one sortBy field", "[]", window("sortBy: {a: 1, b: 1}", "{$linearFill: '$v'}"),
                        ErrorCode.LOCATION_605001, "$linearFill must be specified with a top level sortBy expression with exactly one element"),
                err("linearFill with a repeated sort value", "[{_id: 1, x: 1, v: 1}, {_id: 2, x: 1}]",
                        window("sortBy: {x: 1}", "{$linearFill: '$v'}"), ErrorCode.LOCATION_6050106,
                        "There can be no repeated values in the sort field"),
                err("linearFill of a string", "[{_id: 1, v: 'a'}]", window(BY_ID, "{$linearFill: '$v'}"), ErrorCode.TYPE_MISMATCH,
                        "Value to be filled must be numeric or nullish, but found string"),
                err("locf with a window", "[]", window(BY_ID, "{$locf: '$v', window: {documents: [0, 0]}}"), ErrorCode.FAILED_TO_PARSE,
                        "'window' field is not allowed in $locf"),
                err("count with an argument", "[]", window(BY_ID, "{$count: 1}"), ErrorCode.FAILED_TO_PARSE,
                        "$count only accepts an empty object as input"),
                err("firstN with n zero", FIVE, window(BY_ID, "{$firstN: {input: '$v', n: 0}}"), ErrorCode.LOCATION_5787908,
                        "'n' must be greater than 0, found 0"),
                err("topN with an unexpected argument", "[]", window(BY_ID, "{$topN: {n: 1, sortBy: {v: 1}, output: '$v'}, foo: 1}"),
                        ErrorCode.FAILED_TO_PARSE, "$topN got unexpected argument: foo"),
                err("percentile without method in a window", "[]", window(BY_ID, "{$percentile: {input: '$v', p: [0.5]}}"),
                        ErrorCode.LOCATION_40414, "BSON field '$percentile.method' is missing but a required field"),
                err("partitionBy evaluating to an array", "[{_id: 1, p: [1, 2]}]", window("partitionBy: '$p'", sum),
                        ErrorCode.TYPE_MISMATCH, "Cannot 'partitionBy' an expression of type array"),
                err("partitionBy a constant array", "[]", window("partitionBy: [1, 2]", sum), ErrorCode.TYPE_MISMATCH,
                        "An expression used to partition cannot evaluate to value of type array"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("results")
    void computes(PipelineCase c) {
        c.check();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(PipelineCase c) {
        c.check();
    }

    private static Iterator<BsonDocument> mebibyteDocuments(int n) {
        String mebibyte = "x".repeat(1024 * 1024);
        return Stream.iterate(0, i -> i + 1).limit(n)
                .map(i -> new BsonDocument("_id", new BsonInt32(i)).append("k", new BsonInt32(i % 2)).append("s", new BsonString(mebibyte)))
                .iterator();
    }

    /** 101 documents of 1 MiB: over the 100 MiB a blocking stage may hold without allowDiskUse. */
    @Test
    void holdsAtMost100MiBWithoutDiskUse() {
        for (String spec : List.of("{sortBy: {_id: 1}, output: {n: {$count: {}}}}", "{output: {n: {$count: {}}}}")) {
            Pipeline pipeline = Pipeline.parse(BsonArray.parse("[{$setWindowFields: " + spec + "}]"),
                    ParseContext.defaults().withDiskUse(false));
            Iterator<BsonDocument> input = mebibyteDocuments(101);
            MongoServerException e = assertThrows(MongoServerException.class, () -> pipeline.run(input).hasNext());
            assertEquals(ErrorCode.QUERY_EXCEEDED_MEMORY_LIMIT_NO_DISK_USE_ALLOWED, e.code());
        }
    }

    /** With allowDiskUse (7.0's default) the sort and a partition past 100 MiB go to temporary files. */
    @Test
    void spillsPast100MiBWithDiskUse() {
        Pipeline one = Pipeline.parse(BsonArray.parse(
                "[{$setWindowFields: {sortBy: {_id: -1}, output: {n: {$documentNumber: {}}, total: {$count: {}}}}}]"));
        List<BsonDocument> out = new ArrayList<>();
        one.run(mebibyteDocuments(101)).forEachRemaining(d -> out.add(new BsonDocument("_id", d.get("_id"))
                .append("n", d.get("n")).append("total", d.get("total")).append("len", new BsonInt32(d.getString("s").getValue().length()))));
        assertEquals(101, out.size());
        for (int i = 0; i < 101; i++) {
            assertEquals(BsonDocument.parse("{_id: " + (100 - i) + ", n: " + (i + 1) + ", total: 101, len: 1048576}"), out.get(i));
        }
        Pipeline byK = Pipeline.parse(BsonArray.parse(
                "[{$setWindowFields: {partitionBy: '$k', sortBy: {_id: 1}, output: {sum: {$sum: '$_id', window: {documents: ['unbounded', 'current']}}}}},"
                        + " {$project: {s: 0}}]"));
        List<BsonDocument> sums = new ArrayList<>();
        byK.run(mebibyteDocuments(210)).forEachRemaining(sums::add);
        assertEquals(210, sums.size());
        assertEquals(BsonDocument.parse("{_id: 0, k: 0, sum: 0}"), sums.get(0));
        assertEquals(BsonDocument.parse("{_id: 208, k: 0, sum: " + (104 * 105) + "}"), sums.get(104));
        assertEquals(BsonDocument.parse("{_id: 1, k: 1, sum: 1}"), sums.get(105));
        assertEquals(BsonDocument.parse("{_id: 209, k: 1, sum: " + (105 * 105) + "}"), sums.get(209));
    }

    /** The window operators of the 7.0 manual. */
    @Test
    void theTableHasTheWindowFunctionsOfMongoDb70() {
        assertEquals(Set.of("$addToSet", "$avg", "$bottom", "$bottomN", "$count", "$covariancePop", "$covarianceSamp", "$denseRank",
                "$derivative", "$documentNumber", "$expMovingAvg", "$first", "$firstN", "$integral", "$last", "$lastN", "$linearFill",
                "$locf", "$max", "$maxN", "$median", "$min", "$minN", "$percentile", "$push", "$rank", "$shift", "$stdDevPop",
                "$stdDevSamp", "$sum", "$top", "$topN"), WindowFunctions.names());
    }
}
