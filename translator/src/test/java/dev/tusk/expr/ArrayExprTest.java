package dev.tusk.expr;

import static dev.tusk.expr.ExprCase.c;
import static dev.tusk.expr.ExprCase.err;

import dev.tusk.error.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Array and set operators, including the variable-binding ones ($filter $map $reduce). */
class ArrayExprTest {
    static Stream<ExprCase> cases() {
        String d = "{a: [1, 2, 3], e: [], n: null, s: 'x', docs: [{k: 'b', v: 2}, {k: 'a', v: 1}], "
                + "items: [{item: 'a', price: 10, qty: 2}, {item: 'b', price: 5, qty: 1}]}";
        return Stream.of(
                c("arrayElemAt", d, "{$arrayElemAt: ['$a', 0]}", "1"),
                c("arrayElemAt negative", d, "{$arrayElemAt: ['$a', -1]}", "3"),
                c("arrayElemAt out of range", d, "{$arrayElemAt: ['$a', 15]}", ExprCase.MISSING),
                c("arrayElemAt long index", d, "{$arrayElemAt: ['$a', NumberLong(1)]}", "2"),
                c("arrayElemAt whole double", d, "{$arrayElemAt: ['$a', 1.0]}", "2"),
                c("arrayElemAt null", d, "{$arrayElemAt: ['$n', 0]}", "null"),
                c("arrayElemAt missing", d, "{$arrayElemAt: ['$nope', 0]}", "null"),
                c("first", d, "{$first: '$a'}", "1"),
                c("first empty", d, "{$first: '$e'}", ExprCase.MISSING),
                c("first null", d, "{$first: '$n'}", "null"),
                c("last", d, "{$last: '$a'}", "3"),
                c("last literal", d, "{$last: [[1, 2]]}", "2"),
                c("size", d, "{$size: '$a'}", "3"),
                c("size empty", d, "{$size: '$e'}", "0"),
                c("isArray", d, "{$isArray: ['$a']}", "true"),
                c("isArray no", d, "{$isArray: '$s'}", "false"),
                c("isArray missing", d, "{$isArray: '$nope'}", "false"),
                c("slice first n", d, "{$slice: ['$a', 2]}", "[1, 2]"),
                c("slice last n", d, "{$slice: ['$a', -2]}", "[2, 3]"),
                c("slice position n", d, "{$slice: ['$a', 1, 1]}", "[2]"),
                c("slice negative position", d, "{$slice: ['$a', -2, 1]}", "[2]"),
                c("slice too many", d, "{$slice: ['$a', 15]}", "[1, 2, 3]"),
                c("slice position past end", d, "{$slice: ['$a', 15, 2]}", "[]"),
                c("slice negative beyond start", d, "{$slice: ['$a', -15, 2]}", "[1, 2]"),
                c("slice null", d, "{$slice: ['$n', 1]}", "null"),
                c("in", d, "{$in: [2, '$a']}", "true"),
                c("in numeric types", d, "{$in: [2.0, '$a']}", "true"),
                c("in no", d, "{$in: ['2', '$a']}", "false"),
                c("in null in array", d, "{$in: [null, [null]]}", "true"),
                c("in missing vs null", d, "{$in: ['$nope', [null]]}", "false"),
                c("indexOfArray", d, "{$indexOfArray: [['a', 'abc', 'b'], 'b']}", "2"),
                c("indexOfArray start", d, "{$indexOfArray: [[1, 2, 1], 1, 1]}", "2"),
                c("indexOfArray end", d, "{$indexOfArray: [[1, 2, 1], 1, 1, 2]}", "-1"),
                c("indexOfArray not found", d, "{$indexOfArray: ['$a', 9]}", "-1"),
                c("indexOfArray null", d, "{$indexOfArray: ['$n', 1]}", "null"),
                c("concatArrays", d, "{$concatArrays: ['$a', [4], []]}", "[1, 2, 3, 4]"),
                c("concatArrays nested stays", d, "{$concatArrays: [[[1]], [2]]}", "[[1], 2]"),
                c("concatArrays null", d, "{$concatArrays: ['$a', '$n']}", "null"),
                c("range", d, "{$range: [0, 5]}", "[0, 1, 2, 3, 4]"),
                c("range step", d, "{$range: [0, 10, 3]}", "[0, 3, 6, 9]"),
                c("range negative step", d, "{$range: [5, 0, -2]}", "[5, 3, 1]"),
                c("range empty", d, "{$range: [5, 0]}", "[]"),
                c("range long args", d, "{$range: [NumberLong(0), 2.0]}", "[0, 1]"),
                c("reverseArray", d, "{$reverseArray: '$a'}", "[3, 2, 1]"),
                c("reverseArray null", d, "{$reverseArray: '$n'}", "null"),
                c("arrayToObject pairs", d, "{$arrayToObject: [[['item', 'abc123'], ['qty', 25]]]}", "{item: 'abc123', qty: 25}"),
                c("arrayToObject k/v", d, "{$arrayToObject: [[{k: 'item', v: 'abc123'}, {k: 'qty', v: 25}]]}", "{item: 'abc123', qty: 25}"),
                c("arrayToObject duplicate keys keep position, last value", d,
                        "{$arrayToObject: [[['a', 1], ['b', 2], ['a', 3]]]}", "{a: 3, b: 2}"),
                c("arrayToObject null", d, "{$arrayToObject: '$n'}", "null"),
                c("arrayToObject empty", d, "{$arrayToObject: [[]]}", "{}"),
                c("objectToArray", d, "{$objectToArray: {item: 'foo', qty: 25}}", "[{k: 'item', v: 'foo'}, {k: 'qty', v: 25}]"),
                c("objectToArray null", d, "{$objectToArray: '$n'}", "null"),
                c("filter", d, "{$filter: {input: '$a', as: 'x', cond: {$gte: ['$$x', 2]}}}", "[2, 3]"),
                c("filter default this", d, "{$filter: {input: '$a', cond: {$ne: ['$$this', 2]}}}", "[1, 3]"),
                c("filter limit", d, "{$filter: {input: '$a', cond: true, limit: 2}}", "[1, 2]"),
                c("filter null input", d, "{$filter: {input: '$n', cond: true}}", "null"),
                c("filter docs", d, "{$filter: {input: '$items', as: 'i', cond: {$gt: ['$$i.price', 6]}}}",
                        "[{item: 'a', price: 10, qty: 2}]"),
                c("map", d, "{$map: {input: '$a', as: 'x', in: {$multiply: ['$$x', 10]}}}", "[10, 20, 30]"),
                c("map default this", d, "{$map: {input: '$items', in: '$$this.item'}}", "['a', 'b']"),
                c("map missing → null", d, "{$map: {input: '$a', in: '$nope'}}", "[null, null, null]"),
                c("map uses root", d, "{$map: {input: '$a', in: {$size: '$$ROOT.a'}}}", "[3, 3, 3]"),
                c("map null", d, "{$map: {input: '$n', in: 1}}", "null"),
                c("reduce sum", d, "{$reduce: {input: '$a', initialValue: 0, in: {$add: ['$$value', '$$this']}}}", "6"),
                c("reduce concat", d, "{$reduce: {input: ['a', 'b', 'c'], initialValue: '', in: {$concat: ['$$value', '$$this']}}}", "'abc'"),
                c("reduce object", d, "{$reduce: {input: '$items', initialValue: {sum: 0}, "
                        + "in: {sum: {$add: ['$$value.sum', {$multiply: ['$$this.price', '$$this.qty']}]}}}}", "{sum: 25}"),
                c("reduce empty", d, "{$reduce: {input: [], initialValue: 7, in: 0}}", "7"),
                c("reduce null", d, "{$reduce: {input: null, initialValue: 7, in: 0}}", "null"),
                c("zip", d, "{$zip: {inputs: [['a', 'b'], [1, 2, 3]]}}", "[['a', 1], ['b', 2]]"),
                c("zip longest", d, "{$zip: {inputs: [['a'], [1, 2]], useLongestLength: true}}", "[['a', 1], [null, 2]]"),
                c("zip defaults", d, "{$zip: {inputs: [['a'], [1, 2]], useLongestLength: true, defaults: ['z', 0]}}", "[['a', 1], ['z', 2]]"),
                c("zip null", d, "{$zip: {inputs: ['$n', [1]]}}", "null"),
                c("sortArray ascending", d, "{$sortArray: {input: [3, 1, 2], sortBy: 1}}", "[1, 2, 3]"),
                c("sortArray descending mixed", d, "{$sortArray: {input: [1, 'a', null], sortBy: -1}}", "['a', 1, null]"),
                c("sortArray by field", d, "{$sortArray: {input: '$docs', sortBy: {k: 1}}}", "[{k: 'a', v: 1}, {k: 'b', v: 2}]"),
                c("sortArray null", d, "{$sortArray: {input: '$n', sortBy: 1}}", "null"),
                c("firstN", d, "{$firstN: {n: 2, input: '$a'}}", "[1, 2]"),
                c("firstN more than size", d, "{$firstN: {n: 10, input: '$a'}}", "[1, 2, 3]"),
                c("lastN", d, "{$lastN: {n: 2, input: '$a'}}", "[2, 3]"),
                c("maxN", d, "{$maxN: {n: 2, input: [3, null, 1, 5]}}", "[5, 3]"),
                c("minN", d, "{$minN: {n: 2, input: [3, null, 1, 5]}}", "[1, 3]"),
                c("setUnion", d, "{$setUnion: [[2, 1], [3, 1]]}", "[1, 2, 3]"),
                c("setUnion null", d, "{$setUnion: [[1], null]}", "null"),
                c("setIntersection", d, "{$setIntersection: [[1, 2, 3], [3, 2, 5]]}", "[2, 3]"),
                c("setIntersection none", d, "{$setIntersection: []}", "[]"),
                c("setDifference", d, "{$setDifference: [[1, 2, 2, 3], [3]]}", "[1, 2]"),
                c("setEquals", d, "{$setEquals: [[1, 2, 2], [2, 1]]}", "true"),
                c("setEquals no", d, "{$setEquals: [[1], [1, 2]]}", "false"),
                c("setIsSubset", d, "{$setIsSubset: [[1], [1, 2]]}", "true"),
                c("setIsSubset no", d, "{$setIsSubset: [[1, 3], [1, 2]]}", "false"),
                c("anyElementTrue", d, "{$anyElementTrue: [[0, null, 1]]}", "true"),
                c("anyElementTrue empty", d, "{$anyElementTrue: [[]]}", "false"),
                c("allElementsTrue", d, "{$allElementsTrue: [[1, 'x', []]]}", "true"),
                c("allElementsTrue false", d, "{$allElementsTrue: [[1, 0]]}", "false"),
                c("allElementsTrue empty", d, "{$allElementsTrue: [[]]}", "true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(ExprCase c) {
        c.check();
    }

    static Stream<ExprCase> errors() {
        String d = "{a: [1, 2, 3], s: 'x'}";
        return Stream.of(
                err("arrayElemAt non-array", d, "{$arrayElemAt: ['$s', 0]}", ErrorCode.LOCATION_28689,
                        "$arrayElemAt's first argument must be an array, but is string"),
                err("arrayElemAt string index", d, "{$arrayElemAt: ['$a', 'x']}", ErrorCode.LOCATION_28690,
                        "$arrayElemAt's second argument must be a numeric value, but is string"),
                err("arrayElemAt fractional index", d, "{$arrayElemAt: ['$a', 1.5]}", ErrorCode.LOCATION_28691,
                        "$arrayElemAt's second argument must be representable as a 32-bit integer: 1.5"),
                err("first non-array", d, "{$first: '$s'}", ErrorCode.LOCATION_28689, "$first's argument must be an array, but is string"),
                err("size non-array", d, "{$size: '$s'}", ErrorCode.LOCATION_17124, "The argument to $size must be an array, but was of type: string"),
                err("size missing", d, "{$size: '$nope'}", ErrorCode.LOCATION_17124, "The argument to $size must be an array, but was of type: missing"),
                err("size literal array is arity", d, "{$size: [1, 2]}", ErrorCode.LOCATION_16020,
                        "Expression $size takes exactly 1 arguments. 2 were passed in."),
                err("slice non-array", d, "{$slice: ['$s', 1]}", ErrorCode.LOCATION_28724, null),
                err("slice zero count", d, "{$slice: ['$a', 0, 0]}", ErrorCode.LOCATION_28729, null),
                err("slice string n", d, "{$slice: ['$a', 'x']}", ErrorCode.LOCATION_28725, null),
                err("in non-array", d, "{$in: [1, '$s']}", ErrorCode.LOCATION_40081, "$in requires an array as a second argument, found: string"),
                err("in missing", d, "{$in: [1, '$nope']}", ErrorCode.LOCATION_40081, "$in requires an array as a second argument, found: missing"),
                err("indexOfArray non-array", d, "{$indexOfArray: ['$s', 1]}", ErrorCode.LOCATION_40090, null),
                err("concatArrays non-array", d, "{$concatArrays: ['$a', '$s']}", ErrorCode.LOCATION_28664,
                        "$concatArrays only supports arrays, not string"),
                err("range string", d, "{$range: ['a', 2]}", ErrorCode.LOCATION_34443, null),
                err("range fractional", d, "{$range: [0.5, 2]}", ErrorCode.LOCATION_34444, null),
                err("range zero step", d, "{$range: [0, 2, 0]}", ErrorCode.LOCATION_34449, "$range requires a non-zero step value"),
                err("reverseArray string", d, "{$reverseArray: '$s'}", ErrorCode.LOCATION_34435, null),
                err("arrayToObject string", d, "{$arrayToObject: '$s'}", ErrorCode.LOCATION_40386, "$arrayToObject requires an array input, found: string"),
                err("arrayToObject bad pair", d, "{$arrayToObject: [[['a', 1, 2]]]}", ErrorCode.LOCATION_40397, null),
                err("arrayToObject mixed", d, "{$arrayToObject: [[['a', 1], {k: 'b', v: 2}]]}", ErrorCode.LOCATION_40391, null),
                err("arrayToObject non-string key", d, "{$arrayToObject: [[[1, 1]]]}", ErrorCode.LOCATION_40395, null),
                err("objectToArray string", d, "{$objectToArray: '$s'}", ErrorCode.LOCATION_40390,
                        "$objectToArray requires a document input, found: string"),
                err("filter not object", d, "{$filter: 1}", ErrorCode.LOCATION_28646, null),
                err("filter missing cond", d, "{$filter: {input: '$a'}}", ErrorCode.LOCATION_28650, "Missing 'cond' parameter to $filter"),
                err("filter unknown", d, "{$filter: {input: '$a', cond: true, x: 1}}", ErrorCode.LOCATION_28647, null),
                err("filter non-array", d, "{$filter: {input: '$s', cond: true}}", ErrorCode.LOCATION_28651, "input to $filter must be an array not string"),
                err("filter zero limit", d, "{$filter: {input: '$a', cond: true, limit: 0}}", ErrorCode.LOCATION_327392, null),
                err("filter variable out of scope", d, "{$filter: {input: '$a', as: 'x', cond: '$$y'}}", ErrorCode.LOCATION_17276, null),
                err("map missing in", d, "{$map: {input: '$a'}}", ErrorCode.LOCATION_16882, "Missing 'in' parameter to $map"),
                err("map non-array", d, "{$map: {input: '$s', in: 1}}", ErrorCode.LOCATION_16883, "input to $map must be an array not string"),
                err("reduce missing initialValue", d, "{$reduce: {input: '$a', in: 1}}", ErrorCode.LOCATION_40078, null),
                err("reduce non-array", d, "{$reduce: {input: '$s', initialValue: 0, in: 1}}", ErrorCode.LOCATION_40080, null),
                err("zip defaults without longest", d, "{$zip: {inputs: [[1]], defaults: [0]}}", ErrorCode.LOCATION_34466, null),
                err("zip non-array input", d, "{$zip: {inputs: ['$s']}}", ErrorCode.LOCATION_34468, null),
                err("sortArray bad sortBy", d, "{$sortArray: {input: '$a', sortBy: 2}}", ErrorCode.LOCATION_2942505, null),
                err("sortArray non-array", d, "{$sortArray: {input: '$s', sortBy: 1}}", ErrorCode.LOCATION_2942504, null),
                err("firstN zero", d, "{$firstN: {n: 0, input: '$a'}}", ErrorCode.LOCATION_5787908, null),
                err("firstN non-array", d, "{$firstN: {n: 1, input: '$s'}}", ErrorCode.LOCATION_5788200, null),
                err("setUnion non-array", d, "{$setUnion: ['$a', '$s']}", ErrorCode.LOCATION_17043,
                        "All operands of $setUnion must be arrays. One argument is of type: string"),
                err("setDifference non-array", d, "{$setDifference: ['$s', '$a']}", ErrorCode.LOCATION_17048, null),
                err("setEquals non-array", d, "{$setEquals: ['$a', '$s']}", ErrorCode.LOCATION_17044,
                        "All operands of $setEquals must be arrays. 2-th argument is of type: string"),
                err("setEquals one argument", d, "{$setEquals: [[1]]}", ErrorCode.LOCATION_17045, null),
                err("setIsSubset non-array", d, "{$setIsSubset: ['$a', '$s']}", ErrorCode.LOCATION_17042, null),
                err("anyElementTrue non-array", d, "{$anyElementTrue: ['$s']}", ErrorCode.LOCATION_17041, null),
                err("allElementsTrue non-array", d, "{$allElementsTrue: ['$s']}", ErrorCode.LOCATION_17040, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(ExprCase c) {
        c.check();
    }
}
