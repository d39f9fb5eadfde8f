package dev.tusk.expr;

import static dev.tusk.expr.ExprCase.c;
import static dev.tusk.expr.ExprCase.err;

import dev.tusk.error.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** $type, $isNumber, $convert (onError/onNull) and its shorthands; objects; accumulators as expressions; trigonometry; misc. */
class TypeExprTest {
    static Stream<ExprCase> cases() {
        String d = "{n: null, s: '5', o: {a: 1, b: {c: 2}}, a: [1, 2, 3, 4], oid: ObjectId('5ab9cbfa31c2ab715d42129e'), "
                + "date: ISODate('2018-03-27T04:08:58.123Z')}";
        return Stream.of(
                c("type int", d, "{$type: 1}", "'int'"),
                c("type long", d, "{$type: NumberLong(1)}", "'long'"),
                c("type double", d, "{$type: 1.5}", "'double'"),
                c("type decimal", d, "{$type: NumberDecimal('1')}", "'decimal'"),
                c("type string", d, "{$type: '$s'}", "'string'"),
                c("type object", d, "{$type: '$o'}", "'object'"),
                c("type array literal", d, "{$type: [[1]]}", "'array'"),
                c("type null", d, "{$type: '$n'}", "'null'"),
                c("type missing", d, "{$type: '$nope'}", "'missing'"),
                c("type objectId", d, "{$type: '$oid'}", "'objectId'"),
                c("type date", d, "{$type: '$date'}", "'date'"),
                c("type bool", d, "{$type: true}", "'bool'"),
                c("isNumber", d, "{$isNumber: 1.5}", "true"),
                c("isNumber string", d, "{$isNumber: '$s'}", "false"),
                c("isNumber missing", d, "{$isNumber: '$nope'}", "false"),
                c("toInt string", d, "{$toInt: '$s'}", "5"),
                c("toInt double truncates", d, "{$toInt: 5.9}", "5"),
                c("toInt negative double truncates", d, "{$toInt: -5.9}", "-5"),
                c("toInt bool", d, "{$toInt: true}", "1"),
                c("toInt long", d, "{$toInt: NumberLong(7)}", "7"),
                c("toInt decimal", d, "{$toInt: NumberDecimal('9.9')}", "9"),
                c("toInt null", d, "{$toInt: null}", "null"),
                c("toInt missing", d, "{$toInt: '$nope'}", "null"),
                c("toLong", d, "{$toLong: '$date'}", "NumberLong('1522123738123')"),
                c("toLong string", d, "{$toLong: '-12'}", "NumberLong(-12)"),
                c("toDouble string", d, "{$toDouble: '5.5'}", "5.5"),
                c("toDouble int", d, "{$toDouble: 2}", "2.0"),
                c("toDouble exponent", d, "{$toDouble: '1e3'}", "1000.0"),
                c("toDouble date", d, "{$toDouble: ISODate('1970-01-01T00:00:01Z')}", "1000.0"),
                c("toDecimal double", d, "{$toDecimal: 2.5}", "NumberDecimal('2.50000000000000')"),
                c("toDecimal int", d, "{$toDecimal: 5}", "NumberDecimal('5')"),
                c("toDecimal string", d, "{$toDecimal: '1.10'}", "NumberDecimal('1.10')"),
                c("toDecimal bool", d, "{$toDecimal: true}", "NumberDecimal('1')"),
                c("toString int", d, "{$toString: 5}", "'5'"),
                c("toString double", d, "{$toString: 2.5}", "'2.5'"),
                c("toString whole double", d, "{$toString: 2.0}", "'2'"),
                c("toString decimal", d, "{$toString: NumberDecimal('2.50')}", "'2.50'"),
                c("toString bool", d, "{$toString: false}", "'false'"),
                c("toString objectId", d, "{$toString: '$oid'}", "'5ab9cbfa31c2ab715d42129e'"),
                c("toString date", d, "{$toString: '$date'}", "'2018-03-27T04:08:58.123Z'"),
                c("toString null", d, "{$toString: null}", "null"),
                c("toObjectId", d, "{$toObjectId: '5ab9cbfa31c2ab715d42129e'}", "ObjectId('5ab9cbfa31c2ab715d42129e')"),
                c("toDate string", d, "{$toDate: '2018-03-03'}", "ISODate('2018-03-03T00:00:00Z')"),
                c("toDate string time", d, "{$toDate: '2018-03-20 11:00:06 +0500'}", "ISODate('2018-03-20T06:00:06Z')"),
                c("toDate long", d, "{$toDate: NumberLong('1522123738123')}", "ISODate('2018-03-27T04:08:58.123Z')"),
                c("toDate double", d, "{$toDate: 1000.0}", "ISODate('1970-01-01T00:00:01Z')"),
                c("toDate objectId", d, "{$toDate: '$oid'}", "ISODate('2018-03-27T04:43:38Z')"),
                c("toBool zero", d, "{$toBool: 0}", "false"),
                c("toBool string", d, "{$toBool: ''}", "true"),
                c("toBool object", d, "{$toBool: '$o'}", "true"),
                c("toBool date", d, "{$toBool: '$date'}", "true"),
                c("toBool null", d, "{$toBool: null}", "null"),
                c("convert", d, "{$convert: {input: '$s', to: 'int'}}", "5"),
                c("convert to by number", d, "{$convert: {input: '$s', to: 16}}", "5"),
                c("convert onError", d, "{$convert: {input: 'abc', to: 'int', onError: -1}}", "-1"),
                c("convert onError unsupported", d, "{$convert: {input: '$o', to: 'int', onError: 'bad'}}", "'bad'"),
                c("convert onNull", d, "{$convert: {input: '$n', to: 'int', onNull: 0}}", "0"),
                c("convert onNull missing input", d, "{$convert: {input: '$nope', to: 'int', onNull: 0}}", "0"),
                c("convert null no onNull", d, "{$convert: {input: null, to: 'int'}}", "null"),
                c("convert to null", d, "{$convert: {input: 1, to: null}}", "null"),
                c("convert overflow onError", d, "{$convert: {input: 1e20, to: 'int', onError: 'overflow'}}", "'overflow'"),
                c("mergeObjects", d, "{$mergeObjects: [{a: 1}, {b: 2}, {a: 3}]}", "{a: 3, b: 2}"),
                c("mergeObjects null skipped", d, "{$mergeObjects: [{a: 1}, null, '$nope']}", "{a: 1}"),
                c("mergeObjects none", d, "{$mergeObjects: []}", "{}"),
                c("mergeObjects single doc", d, "{$mergeObjects: '$o'}", "{a: 1, b: {c: 2}}"),
                c("getField", d, "{$getField: {field: 'a', input: '$o'}}", "1"),
                c("getField shorthand", d, "{$getField: 's'}", "'5'"),
                c("getField dollar field with literal", "{'$price': 5}", "{$getField: {$literal: '$price'}}", "5"),
                c("getField dotted name", "{'a.b': 7}", "{$getField: 'a.b'}", "7"),
                c("getField missing", d, "{$getField: {field: 'z', input: '$o'}}", ExprCase.MISSING),
                c("getField null input", d, "{$getField: {field: 'z', input: null}}", "null"),
                c("setField", d, "{$setField: {field: 'c', input: '$o', value: 3}}", "{a: 1, b: {c: 2}, c: 3}"),
                c("setField replace", d, "{$setField: {field: 'a', input: '$o', value: 9}}", "{a: 9, b: {c: 2}}"),
                c("setField remove", d, "{$setField: {field: 'a', input: '$o', value: '$$REMOVE'}}", "{b: {c: 2}}"),
                c("setField null input", d, "{$setField: {field: 'a', input: null, value: 1}}", "null"),
                c("unsetField", d, "{$unsetField: {field: 'a', input: '$o'}}", "{b: {c: 2}}"),
                c("sum array", d, "{$sum: '$a'}", "10"),
                c("sum args", d, "{$sum: [1, 2.5]}", "3.5"),
                c("sum ignores non-numbers", d, "{$sum: [[1, 'x', null, 2]]}", "3"),
                c("sum of nothing", d, "{$sum: '$nope'}", "0"),
                c("sum long", d, "{$sum: [NumberLong(1), 1]}", "NumberLong(2)"),
                c("sum decimal", d, "{$sum: [NumberDecimal('1.1'), 1]}", "NumberDecimal('2.1')"),
                c("avg array", d, "{$avg: '$a'}", "2.5"),
                c("avg args", d, "{$avg: [1, 2]}", "1.5"),
                c("avg no numbers", d, "{$avg: [['x']]}", "null"),
                c("max array", d, "{$max: '$a'}", "4"),
                c("max mixed types", d, "{$max: [1, 'a', null]}", "'a'"),
                c("max of nothing", d, "{$max: '$nope'}", "null"),
                c("min", d, "{$min: [3, 1, null]}", "1"),
                c("stdDevPop", d, "{$stdDevPop: [[1, 2, 3, 4]]}", "1.118033988749895"),
                c("stdDevSamp", d, "{$stdDevSamp: '$a'}", "1.2909944487358056"),
                c("stdDevSamp one value", d, "{$stdDevSamp: [[1]]}", "null"),
                c("sin", d, "{$sin: 0}", "0.0"),
                c("cos", d, "{$cos: 0}", "1.0"),
                c("tan decimal", d, "{$tan: NumberDecimal('0')}", "NumberDecimal('0')"),
                c("asin", d, "{$asin: 1}", "1.5707963267948966"),
                c("acos", d, "{$acos: 1}", "0.0"),
                c("atan", d, "{$atan: 0}", "0.0"),
                c("atan2", d, "{$atan2: [1, 1]}", "0.7853981633974483"),
                c("sinh", d, "{$sinh: 0}", "0.0"),
                c("cosh", d, "{$cosh: 0}", "1.0"),
                c("tanh", d, "{$tanh: 0}", "0.0"),
                c("asinh", d, "{$asinh: 0}", "0.0"),
                c("acosh", d, "{$acosh: 1}", "0.0"),
                c("atanh", d, "{$atanh: 0}", "0.0"),
                c("degreesToRadians", d, "{$degreesToRadians: 180}", "3.141592653589793"),
                c("radiansToDegrees", d, "{$radiansToDegrees: 3.141592653589793}", "180.0"),
                c("sin null", d, "{$sin: null}", "null"),
                c("sin NaN", d, "{$sin: NaN}", "NaN"),
                c("rand in [0, 1)", d, "{$and: [{$gte: [{$rand: {}}, 0]}, {$lt: [{$rand: {}}, 1]}]}", "true"),
                c("bitAnd", d, "{$bitAnd: [12, 10]}", "8"),
                c("bitOr long", d, "{$bitOr: [12, NumberLong(3)]}", "NumberLong(15)"),
                c("bitXor", d, "{$bitXor: [12, 10]}", "6"),
                c("bitNot", d, "{$bitNot: 0}", "-1"),
                c("tsSecond", d, "{$tsSecond: Timestamp(1622731060, 10)}", "NumberLong(1622731060)"),
                c("tsIncrement", d, "{$tsIncrement: Timestamp(1622731060, 10)}", "NumberLong(10)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(ExprCase c) {
        c.check();
    }

    static Stream<ExprCase> errors() {
        String d = "{o: {a: 1}}";
        return Stream.of(
                err("toInt bad string", d, "{$toInt: 'abc'}", ErrorCode.CONVERSION_FAILURE,
                        "Failed to parse number 'abc' in $convert with no onError value: Did not consume whole string."),
                err("toInt overflow", d, "{$toInt: 1e20}", ErrorCode.CONVERSION_FAILURE, null),
                err("toInt NaN", d, "{$toInt: NaN}", ErrorCode.CONVERSION_FAILURE,
                        "Attempt to convert NaN value to integer type in $convert with no onError value"),
                err("toInt object", d, "{$toInt: '$o'}", ErrorCode.CONVERSION_FAILURE,
                        "Unsupported conversion from object to int in $convert with no onError value"),
                err("toDouble hex", d, "{$toDouble: '0x10'}", ErrorCode.CONVERSION_FAILURE, null),
                err("toObjectId short", d, "{$toObjectId: 'abc'}", ErrorCode.CONVERSION_FAILURE, null),
                err("toDate bad string", d, "{$toDate: 'not a date'}", ErrorCode.CONVERSION_FAILURE, null),
                err("toDate int unsupported", d, "{$toDate: 5}", ErrorCode.CONVERSION_FAILURE,
                        "Unsupported conversion from int to date in $convert with no onError value"),
                err("toInt arity", d, "{$toInt: [1, 2]}", ErrorCode.LOCATION_16020, null),
                err("convert missing to", d, "{$convert: {input: 1}}", ErrorCode.FAILED_TO_PARSE, "Missing 'to' parameter to $convert"),
                err("convert missing input", d, "{$convert: {to: 'int'}}", ErrorCode.FAILED_TO_PARSE, "Missing 'input' parameter to $convert"),
                err("convert unknown argument", d, "{$convert: {input: 1, to: 'int', foo: 1}}", ErrorCode.FAILED_TO_PARSE, null),
                err("convert unknown type", d, "{$convert: {input: 1, to: 'foo'}}", ErrorCode.BAD_VALUE, "Unknown type name: foo"),
                err("convert error without onError", d, "{$convert: {input: 'x', to: 'int', onNull: 1}}", ErrorCode.CONVERSION_FAILURE, null),
                err("mergeObjects non-object", d, "{$mergeObjects: [{a: 1}, 5]}", ErrorCode.LOCATION_40400,
                        "$mergeObjects requires object inputs, but input 5 is of type int"),
                err("getField non-object input", d, "{$getField: {field: 'a', input: 5}}", ErrorCode.LOCATION_3041705, null),
                err("getField unknown argument", d, "{$getField: {field: 'a', foo: 1}}", ErrorCode.LOCATION_3041701, null),
                err("setField missing value", d, "{$setField: {field: 'a', input: '$o'}}", ErrorCode.LOCATION_4161104, null),
                err("setField non-string field", d, "{$setField: {field: 1, input: '$o', value: 1}}", ErrorCode.LOCATION_4161106, null),
                err("acos out of range", d, "{$acos: 2}", ErrorCode.LOCATION_50989, null),
                err("sin infinity", d, "{$sin: Infinity}", ErrorCode.LOCATION_50989, null),
                err("sin string", d, "{$sin: 'x'}", ErrorCode.LOCATION_28765, "$sin only supports numeric types, not string"),
                err("atan2 string", d, "{$atan2: ['x', 1]}", ErrorCode.LOCATION_51044, null),
                err("bitAnd double", d, "{$bitAnd: [1, 1.5]}", ErrorCode.TYPE_MISMATCH, null),
                err("rand with argument", d, "{$rand: 1}", ErrorCode.LOCATION_10065, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(ExprCase c) {
        c.check();
    }
}
