package dev.tusk.sql;

import java.util.List;
import org.bson.BsonDocument;

/** Hand-picked documents and filters for the differential test: the edge cases of the manual. */
final class FilterSqlCases {
    private FilterSqlCases() {}

    static List<BsonDocument> documents() {
        return List.of(
                "{a: [[5]], b: [[{c: 1}]]}", "{a: [5, [6]]}", "{a: {b: [1, 2]}}", "{a: [{b: 1}, {c: 2}]}",
                "{a: [1, 2], b: 5}", "{a: 'x\\u0000y'}", "{a: 'x\\u0001y'}", "{a: 'x'}", "{a: {$numberDecimal: '1E+5000'}}",
                "{a: {$numberDecimal: '-1E+5000'}}", "{a: Infinity}", "{a: -Infinity}", "{a: NaN}", "{a: {'0': 5}}",
                "{a: [{'0': 5}]}", "{a: []}", "{a: {}}", "{a: null}", "{a: [null]}", "{a: {$date: 5}}",
                "{a: {$timestamp: {t: 4294967295, i: 7}}}", "{a: {$binary: {base64: 'AQ==', subType: '00'}}}",
                "{a: /abc/i}", "{a: {$minKey: 1}}", "{a: {$maxKey: 1}}", "{a: {$symbol: 'x'}}", "{a: true}", "{a: false}",
                "{a: 0.1}", "{a: {$numberDecimal: '0.1'}}", "{a: {$numberLong: '9223372036854775807'}}", "{a: -0.0}",
                "{a: {b: {c: [1, [2]]}}}", "{a: [{b: [{c: 3}]}]}", "{'$x': 1, a: {'$y': 2}}", "{a: {$undefined: true}}",
                "{a: [[null]]}", "{a: [1, null]}", "{a: [{$undefined: true}]}", "{'$a': null}", "{b: null}", "{a: /^x/}",
                "{a: ['xy', 1]}", "{a: [['xz']]}", "{a: {$symbol: 'xs'}}", "{a: /^x/m}", "{a: 'X'}", "{a: {b: 'xb'}}", "{a: [{b: 'xq'}]}",
                // dotted null: scalars, markers and null on the way, directly or in arrays, nested arrays, null leaves
                "{a: 5}", "{a: {b: null}}", "{a: {b: [null]}}", "{a: {b: [[null]]}}", "{a: {b: {$undefined: true}}}",
                "{a: [{$date: 5}]}", "{a: [{$oid: '650000000000000000000001'}, {b: 1}]}", "{a: [[{b: 1}], {b: 2}]}",
                "{a: [[{c: 1}]]}", "{a: {b: {$date: 7}}}", "{a: [{b: {$date: 7}}]}", "{a: {b: 5, c: {$date: 1}}}",
                "{a: {'$b': null}}", "{a: [{b: 1}, 'str']}", "{a: {b: {c: null}}}", "{a: {b: [{c: 1}, {d: 2}]}}",
                "{a: [{'-1': null}, 7]}", "{a: {'-1': 'x'}}")
                .stream().map(BsonDocument::parse).toList();
    }

    static List<String> filters() {
        return List.of(
                "{a: 5}", "{a: 6}", "{'b.c': 1}", "{'a.b': 1}", "{'a.b': 2}", "{'a.c': 2}", "{a: 'x\\u0000y'}",
                "{a: 'x\\u0001y'}", "{a: {$gt: 'x'}}", "{a: {$gte: 'x\\u0000'}}", "{a: {$lt: 'x\\u0001z'}}",
                "{a: {$gt: 1e300}}", "{a: {$gt: {$numberDecimal: '1E+2000'}}}", "{a: {$lt: {$numberDecimal: '-1E+2000'}}}",
                "{a: {$lt: -1e300}}", "{a: {$eq: {$numberDecimal: '1E+5000'}}}", "{a: {$gt: 0}}", "{a: {$lt: 0}}",
                "{a: {$gte: NaN}}", "{a: {$lt: Infinity}}", "{a: {$lte: Infinity}}", "{a: {$gt: -Infinity}}",
                "{a: {$gte: -Infinity}}", "{a: {$eq: Infinity}}", "{a: {$gt: Infinity}}", "{a: {$lt: -Infinity}}",
                "{a: NaN}", "{'a.0': 5}", "{'a.1': 6}", "{'a.1': [6]}", "{a: [5]}", "{a: [6]}", "{a: []}", "{a: {}}",
                "{a: null}", "{a: {$ne: null}}", "{a: {$gte: null}}", "{a: {$lte: null}}", "{b: null}", "{'0': null}", "{a: {$in: [null, 5]}}", "{a: /^x/}", "{a: /^x$/}", "{a: /^xy/}", "{a: /^/}", "{a: {$regex: '^x'}}",
                "{a: /^x/i}", "{a: {$in: [/^x/, 5]}}", "{a: {$nin: [/^x/]}}", "{'a.b': /^x/}", "{a: {$not: /^x/}}", "{a: /x/}", "{a: {$nin: [null, 'x']}}", "{'a.b': {$in: [null]}}",
                "{a: {$not: {$eq: null}}}", "{$nor: [{a: null}, {b: 5}]}", "{a: {$exists: true}}", "{a: {$exists: false}}", "{'a.b': {$exists: true}}",
                "{'a.b.c': {$exists: true}}", "{'a.b.c': 3}", "{'a.b.c': 2}", "{a: {$gt: {$date: 0}}}",
                "{a: {$gte: {$timestamp: {t: 4294967295, i: 0}}}}", "{a: {$eq: {$binary: {base64: 'AQ==', subType: '00'}}}}",
                "{a: {$eq: /abc/i}}", "{a: {$type: 'array'}}", "{a: {$type: 'number'}}", "{a: {$type: 'string'}}",
                "{a: {$type: 'double'}}", "{a: {$type: 'minKey'}}", "{a: {$type: 'null'}}", "{a: {$type: 'object'}}",
                "{a: {$size: 0}}", "{a: {$size: 1}}", "{'a.b': {$size: 2}}", "{a: {$gt: {$minKey: 1}}}",
                "{a: {$lt: {$maxKey: 1}}}", "{a: {$in: [5, 'x', null]}}", "{a: {$in: [[5], true]}}", "{a: {$nin: [5, 'x']}}",
                "{a: {$all: [5]}}", "{a: {$elemMatch: {$gte: 5}}}", "{a: {$elemMatch: {b: 1}}}", "{a: /^x/}",
                "{a: {$mod: [2, 1]}}", "{a: {$not: {$gt: 0}}}", "{$nor: [{a: 5}, {b: 5}]}", "{$or: [{a: 5}, {b: 5}]}",
                "{a: true}", "{a: {$gt: false}}", "{a: 0.1}", "{a: {$numberDecimal: '0.1'}}", "{a: {$gt: 9223372036854775806}}",
                "{a: 0}", "{'a.$y': 2}", "{a: {$eq: {'$y': 2}}}", "{a: {$gt: {}}}", "{a: {$gt: []}}",
                "{'a.b': null}", "{'a.b': {$ne: null}}", "{'a.b.c': null}", "{'a.b.c': {$in: [null, 1]}}", "{'a.c': {$nin: [null]}}",
                "{'a.$b': null}", "{'a.-1': null}", "{'a.b': {$lte: null}}", "{$or: [{'a.b': null}, {'a.c': {$gte: null}}]}");
    }
}
