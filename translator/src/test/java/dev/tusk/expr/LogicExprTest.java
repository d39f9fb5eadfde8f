package dev.tusk.expr;

import static dev.tusk.expr.ExprCase.c;
import static dev.tusk.expr.ExprCase.err;

import dev.tusk.error.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Comparison, boolean and conditional operators, variables ($let, $$ROOT, $$REMOVE ...), literals and parse errors. */
class LogicExprTest {
    static Stream<ExprCase> cases() {
        String d = "{_id: 1, qty: 250, n: null, s: 'abc', arr: [1, 2], sub: {a: 1, b: [{c: 1}, {c: 2}, {d: 3}, 4]}}";
        return Stream.of(
                c("cmp less", d, "{$cmp: ['$qty', 300]}", "-1"),
                c("cmp equal", d, "{$cmp: ['$qty', 250]}", "0"),
                c("cmp greater", d, "{$cmp: ['$qty', 200]}", "1"),
                c("cmp across numeric types", d, "{$cmp: ['$qty', 250.0]}", "0"),
                c("cmp number < string", d, "{$cmp: ['$qty', 'a']}", "-1"),
                c("cmp missing < null", d, "{$cmp: ['$nope', null]}", "-1"),
                c("eq true", d, "{$eq: ['$qty', 250]}", "true"),
                c("eq long vs int", d, "{$eq: ['$qty', NumberLong(250)]}", "true"),
                c("eq decimal", d, "{$eq: ['$qty', NumberDecimal('250.00')]}", "true"),
                c("eq missing vs null is false", d, "{$eq: ['$nope', null]}", "false"),
                c("eq null vs null", d, "{$eq: ['$n', null]}", "true"),
                c("eq missing vs missing", d, "{$eq: ['$nope', '$nope2']}", "true"),
                c("eq arrays", d, "{$eq: ['$arr', [1, 2]]}", "true"),
                c("eq documents", d, "{$eq: [{a: 1}, {a: 1}]}", "true"),
                c("ne", d, "{$ne: ['$qty', 250]}", "false"),
                c("gt", d, "{$gt: ['$qty', 250]}", "false"),
                c("gte", d, "{$gte: ['$qty', 250]}", "true"),
                c("lt", d, "{$lt: ['$qty', 250]}", "false"),
                c("lte", d, "{$lte: ['$qty', 250]}", "true"),
                c("gt string vs number (type order)", d, "{$gt: ['$s', 1000]}", "true"),
                c("lt null vs number", d, "{$lt: [null, 0]}", "true"),
                c("gt missing vs null false", d, "{$gt: ['$nope', null]}", "false"),
                c("and true", d, "{$and: [{$gt: ['$qty', 100]}, {$lt: ['$qty', 300]}]}", "true"),
                c("and false", d, "{$and: [{$gt: ['$qty', 100]}, {$lt: ['$qty', 200]}]}", "false"),
                c("and empty", d, "{$and: []}", "true"),
                c("and null is false", d, "{$and: [1, null]}", "false"),
                c("and zero is false", d, "{$and: [1, 0]}", "false"),
                c("and missing is false", d, "{$and: ['$nope']}", "false"),
                c("and string is true", d, "{$and: ['', []]}", "true"),
                c("and NaN is true", d, "{$and: [NaN]}", "true"),
                c("and decimal zero false", d, "{$and: [NumberDecimal('0.00')]}", "false"),
                c("or", d, "{$or: [0, false, 'x']}", "true"),
                c("or all false", d, "{$or: [0, false, null]}", "false"),
                c("or empty", d, "{$or: []}", "false"),
                c("not", d, "{$not: [{$gt: ['$qty', 250]}]}", "true"),
                c("not single", d, "{$not: 0}", "true"),
                c("not missing", d, "{$not: ['$nope']}", "true"),
                c("cond array form", d, "{$cond: [{$gte: ['$qty', 250]}, 30, 20]}", "30"),
                c("cond document form", d, "{$cond: {if: {$lt: ['$qty', 250]}, then: 30, else: 20}}", "20"),
                c("cond null condition", d, "{$cond: [null, 1, 2]}", "2"),
                c("cond result missing", d, "{$cond: [true, '$nope', 2]}", ExprCase.MISSING),
                c("ifNull null", d, "{$ifNull: ['$n', 'Unspecified']}", "'Unspecified'"),
                c("ifNull missing", d, "{$ifNull: ['$nope', 'Unspecified']}", "'Unspecified'"),
                c("ifNull present", d, "{$ifNull: ['$qty', 'Unspecified']}", "250"),
                c("ifNull multiple", d, "{$ifNull: ['$nope', '$n', '$s', 'x']}", "'abc'"),
                c("ifNull all null returns last", d, "{$ifNull: ['$nope', null]}", "null"),
                c("ifNull replacement missing", d, "{$ifNull: ['$nope', '$nope2']}", ExprCase.MISSING),
                c("switch first match", d, "{$switch: {branches: [{case: {$gt: ['$qty', 100]}, then: 'big'}, "
                        + "{case: {$gt: ['$qty', 10]}, then: 'medium'}], default: 'small'}}", "'big'"),
                c("switch default", d, "{$switch: {branches: [{case: {$eq: ['$qty', 1]}, then: 'one'}], default: 'other'}}", "'other'"),
                c("let", d, "{$let: {vars: {total: {$add: ['$qty', 50]}, discounted: true}, "
                        + "in: {$cond: {if: '$$discounted', then: {$multiply: ['$$total', 0.5]}, else: '$$total'}}}}", "150.0"),
                c("let shadowing", d, "{$let: {vars: {x: 1}, in: {$let: {vars: {x: 2}, in: '$$x'}}}}", "2"),
                c("let path into variable", d, "{$let: {vars: {o: {a: {b: 5}}}, in: '$$o.a.b'}}", "5"),
                c("let outer variable in vars", d, "{$let: {vars: {x: 1}, in: {$let: {vars: {y: {$add: ['$$x', 1]}}, in: '$$y'}}}}", "2"),
                c("literal", d, "{$literal: '$qty'}", "'$qty'"),
                c("literal operator document", d, "{$literal: {$add: [1, 2]}}", "{$add: [1, 2]}"),
                c("literal array", d, "{$literal: [1, 2]}", "[1, 2]"),
                c("ROOT", "{a: 1}", "'$$ROOT'", "{a: 1}"),
                c("CURRENT path", d, "'$$CURRENT.qty'", "250"),
                c("ROOT path", d, "'$$ROOT.sub.a'", "1"),
                c("REMOVE is missing", d, "'$$REMOVE'", ExprCase.MISSING),
                c("field path missing", d, "'$nope'", ExprCase.MISSING),
                c("field path through scalar", d, "'$qty.x'", ExprCase.MISSING),
                c("field path through array of docs", d, "'$sub.b.c'", "[1, 2]"),
                c("field path numeric component is a field name", d, "'$arr.0'", "[]"),
                c("document expression", d, "{x: '$qty', y: {$add: [1, 1]}, z: '$nope'}", "{x: 250, y: 2}"),
                c("array expression missing → null", d, "['$qty', '$nope']", "[250, null]"),
                c("constant", d, "5", "5"),
                c("NOW is a date", d, "{$type: '$$NOW'}", "'date'"),
                c("CLUSTER_TIME is a timestamp", d, "{$type: '$$CLUSTER_TIME'}", "'timestamp'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(ExprCase c) {
        c.check();
    }

    static Stream<ExprCase> errors() {
        return Stream.of(
                err("unknown operator", "{$foo: 1}", ErrorCode.INVALID_PIPELINE_OPERATOR, "Unrecognized expression '$foo'"),
                err("not implemented operator", "{$function: {body: 'x', args: [], lang: 'js'}}", ErrorCode.NOT_IMPLEMENTED, null),
                err("two operators in one object", "{$add: [1], $multiply: [2]}", ErrorCode.LOCATION_15983,
                        "An object representing an expression must have exactly one field: { $add: [ 1 ], $multiply: [ 2 ] }"),
                err("undefined variable", "'$$nope'", ErrorCode.LOCATION_17276, "Use of undefined variable: nope"),
                err("bare dollar", "'$'", ErrorCode.LOCATION_16872, "'$' by itself is not a valid FieldPath"),
                err("empty path component", "'$a..b'", ErrorCode.LOCATION_15998, "FieldPath field names may not be empty strings."),
                err("dollar field in document expression", "{a: 1, $b: 2}", ErrorCode.LOCATION_16410, null),
                err("dotted field in document expression", "{'a.b': 1}", ErrorCode.LOCATION_16412, null),
                err("cmp arity", "{$cmp: [1]}", ErrorCode.LOCATION_16020, "Expression $cmp takes exactly 2 arguments. 1 were passed in."),
                err("eq arity", "{$eq: [1, 2, 3]}", ErrorCode.LOCATION_16020, "Expression $eq takes exactly 2 arguments. 3 were passed in."),
                err("not arity", "{$not: [1, 2]}", ErrorCode.LOCATION_16020, null),
                err("cond arity", "{$cond: [1, 2]}", ErrorCode.LOCATION_16020, "Expression $cond takes exactly 3 arguments. 2 were passed in."),
                err("cond missing if", "{$cond: {then: 1, else: 2}}", ErrorCode.LOCATION_17080, "Missing 'if' parameter to $cond"),
                err("cond missing then", "{$cond: {if: 1, else: 2}}", ErrorCode.LOCATION_17081, "Missing 'then' parameter to $cond"),
                err("cond missing else", "{$cond: {if: 1, then: 2}}", ErrorCode.LOCATION_17082, "Missing 'else' parameter to $cond"),
                err("cond unknown", "{$cond: {if: 1, then: 2, else: 3, foo: 4}}", ErrorCode.LOCATION_17083, "Unrecognized parameter to $cond: foo"),
                err("ifNull one arg", "{$ifNull: ['$a']}", ErrorCode.LOCATION_1257300, "$ifNull needs at least two arguments, had: 1"),
                err("switch not object", "{$switch: 1}", ErrorCode.LOCATION_40060, "$switch requires an object as an argument, found: int"),
                err("switch branches not array", "{$switch: {branches: 1}}", ErrorCode.LOCATION_40061, null),
                err("switch branch missing case", "{$switch: {branches: [{then: 1}]}}", ErrorCode.LOCATION_40064, null),
                err("switch branch missing then", "{$switch: {branches: [{case: true}]}}", ErrorCode.LOCATION_40065, null),
                err("switch unknown argument", "{$switch: {branches: [{case: true, then: 1}], foo: 1}}", ErrorCode.LOCATION_40067,
                        "$switch found an unknown argument: foo"),
                err("switch no branches", "{$switch: {default: 1}}", ErrorCode.LOCATION_40068, "$switch requires at least one branch"),
                err("switch no match no default", "{$switch: {branches: [{case: false, then: 1}]}}", ErrorCode.LOCATION_40066, null),
                err("let not object", "{$let: 1}", ErrorCode.LOCATION_16874, "$let only supports an object as its argument"),
                err("let missing vars", "{$let: {in: 1}}", ErrorCode.LOCATION_16876, "Missing 'vars' parameter to $let"),
                err("let missing in", "{$let: {vars: {}}}", ErrorCode.LOCATION_16877, "Missing 'in' parameter to $let"),
                err("let unknown", "{$let: {vars: {}, in: 1, x: 1}}", ErrorCode.LOCATION_16875, "Unrecognized parameter to $let: x"),
                err("let bad variable name", "{$let: {vars: {Bad: 1}, in: 1}}", ErrorCode.LOCATION_16870,
                        "'Bad' starts with an invalid character for a user variable name"),
                err("let variable out of scope", "{$add: [{$let: {vars: {x: 1}, in: '$$x'}}, '$$x']}", ErrorCode.LOCATION_17276, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(ExprCase c) {
        c.check();
    }
}
