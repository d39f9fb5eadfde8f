package dev.tusk.expr;

import static dev.tusk.expr.ExprCase.c;
import static dev.tusk.expr.ExprCase.err;

import dev.tusk.error.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** String operators, with the manual's examples, UTF-8 edge cases, null/missing and wrong types. */
class StringExprTest {
    static Stream<ExprCase> cases() {
        String d = "{item: 'ABC1', description: 'product 1', city: 'Bakersfield, California, CA', n: null, e: 'cafétéria', "
                + "emoji: 'a😀b', num: 5}";
        return Stream.of(
                c("concat", d, "{$concat: ['$item', ' - ', '$description']}", "'ABC1 - product 1'"),
                c("concat null", d, "{$concat: ['$item', null]}", "null"),
                c("concat missing", d, "{$concat: ['$item', '$nope']}", "null"),
                c("concat none", d, "{$concat: []}", "''"),
                c("toUpper", d, "{$toUpper: '$description'}", "'PRODUCT 1'"),
                c("toUpper ascii only", d, "{$toUpper: '$e'}", "'CAFéTéRIA'"),
                c("toLower", d, "{$toLower: '$item'}", "'abc1'"),
                c("toLower null → empty", d, "{$toLower: '$n'}", "''"),
                c("toLower missing → empty", d, "{$toLower: '$nope'}", "''"),
                c("toUpper number", d, "{$toUpper: '$num'}", "'5'"),
                c("toUpper double", d, "{$toUpper: 1.5}", "'1.5'"),
                c("substr", d, "{$substr: ['$item', 0, 2]}", "'AB'"),
                c("substrBytes", d, "{$substrBytes: ['$description', 8, -1]}", "'1'"),
                c("substrBytes start past end", d, "{$substrBytes: ['$item', 10, 2]}", "''"),
                c("substrBytes negative length", d, "{$substrBytes: ['$item', 1, -1]}", "'BC1'"),
                c("substrBytes length past the largest long", d, "{$substrBytes: ['$item', 1, {$numberLong: '9223372036854775807'}]}", "'BC1'"),
                c("substr infinite length", d, "{$substr: ['$item', 1, Infinity]}", "'BC1'"),
                c("substrBytes multibyte", d, "{$substrBytes: ['$e', 3, 2]}", "'é'"),
                c("substrBytes null input", d, "{$substrBytes: ['$n', 0, 2]}", "''"),
                c("substrCP", d, "{$substrCP: ['$e', 3, 3]}", "'été'"),
                c("substrCP emoji", d, "{$substrCP: ['$emoji', 1, 1]}", "'😀'"),
                c("substrCP past end", d, "{$substrCP: ['$item', 2, 10]}", "'C1'"),
                c("strLenBytes", d, "{$strLenBytes: '$e'}", "11"),
                c("strLenBytes emoji", d, "{$strLenBytes: '$emoji'}", "6"),
                c("strLenCP", d, "{$strLenCP: '$e'}", "9"),
                c("strLenCP emoji", d, "{$strLenCP: '$emoji'}", "3"),
                c("split", d, "{$split: ['$city', ', ']}", "['Bakersfield', 'California', 'CA']"),
                c("split no separator found", d, "{$split: ['abc', '/']}", "['abc']"),
                c("split leading separator", d, "{$split: ['/a/', '/']}", "['', 'a', '']"),
                c("split null", d, "{$split: ['$n', ',']}", "null"),
                c("indexOfBytes", d, "{$indexOfBytes: ['cafeteria', 'e']}", "3"),
                c("indexOfBytes start", d, "{$indexOfBytes: ['cafeteria', 'e', 5]}", "5"),
                c("indexOfBytes range", d, "{$indexOfBytes: ['cafeteria', 'e', 1, 2]}", "-1"),
                c("indexOfBytes not found", d, "{$indexOfBytes: ['abc', 'z']}", "-1"),
                c("indexOfBytes multibyte", d, "{$indexOfBytes: ['$e', 't']}", "5"),
                c("indexOfBytes start > end", d, "{$indexOfBytes: ['abc', 'b', 2, 1]}", "-1"),
                c("indexOfBytes empty token", d, "{$indexOfBytes: ['abc', '']}", "0"),
                c("indexOfBytes null", d, "{$indexOfBytes: [null, 'a']}", "null"),
                c("indexOfCP", d, "{$indexOfCP: ['$e', 't']}", "4"),
                c("indexOfCP emoji", d, "{$indexOfCP: ['$emoji', 'b']}", "2"),
                c("strcasecmp equal", d, "{$strcasecmp: ['$item', 'abc1']}", "0"),
                c("strcasecmp less", d, "{$strcasecmp: ['abc', 'abd']}", "-1"),
                c("strcasecmp greater", d, "{$strcasecmp: ['b', 'A']}", "1"),
                c("strcasecmp null", d, "{$strcasecmp: [null, '']}", "0"),
                c("trim", d, "{$trim: {input: '  ggggoodbyeeeee \\n'}}", "'ggggoodbyeeeee'"),
                c("trim chars", d, "{$trim: {input: 'ggggoodbyeeeee', chars: 'ge'}}", "'oodby'"),
                c("ltrim", d, "{$ltrim: {input: '  x  '}}", "'x  '"),
                c("rtrim", d, "{$rtrim: {input: '  x  '}}", "'  x'"),
                c("trim null", d, "{$trim: {input: '$n'}}", "null"),
                c("trim missing", d, "{$trim: {input: '$nope'}}", "null"),
                c("regexMatch", d, "{$regexMatch: {input: '$description', regex: /product/}}", "true"),
                c("regexMatch no", d, "{$regexMatch: {input: '$description', regex: 'line'}}", "false"),
                c("regexMatch options", d, "{$regexMatch: {input: '$description', regex: 'PRODUCT', options: 'i'}}", "true"),
                c("regexMatch regex options", d, "{$regexMatch: {input: '$description', regex: /PRODUCT/i}}", "true"),
                c("regexMatch null input", d, "{$regexMatch: {input: '$n', regex: 'a'}}", "false"),
                c("regexFind", d, "{$regexFind: {input: '$description', regex: /(\\d)/}}", "{match: '1', idx: 8, captures: ['1']}"),
                c("regexFind idx in code points", d, "{$regexFind: {input: '$e', regex: 't'}}", "{match: 't', idx: 4, captures: []}"),
                c("regexFind no match", d, "{$regexFind: {input: 'abc', regex: 'z'}}", "null"),
                c("regexFind unmatched group", d, "{$regexFind: {input: 'ab', regex: '(a)(z)?'}}",
                        "{match: 'a', idx: 0, captures: ['a', null]}"),
                c("regexFindAll", d, "{$regexFindAll: {input: 'a1b2', regex: '[0-9]'}}",
                        "[{match: '1', idx: 1, captures: []}, {match: '2', idx: 3, captures: []}]"),
                c("regexFindAll null", d, "{$regexFindAll: {input: null, regex: 'a'}}", "[]"),
                c("regexFindAll empty matches", d, "{$regexFindAll: {input: 'ab', regex: 'x*'}}",
                        "[{match: '', idx: 0, captures: []}, {match: '', idx: 1, captures: []}, {match: '', idx: 2, captures: []}]"),
                c("replaceOne", d, "{$replaceOne: {input: 'blue paint', find: 'blue', replacement: 'red'}}", "'red paint'"),
                c("replaceOne first only", d, "{$replaceOne: {input: 'a a a', find: 'a', replacement: 'b'}}", "'b a a'"),
                c("replaceOne not found", d, "{$replaceOne: {input: 'abc', find: 'z', replacement: 'b'}}", "'abc'"),
                c("replaceAll", d, "{$replaceAll: {input: 'a a a', find: 'a', replacement: 'b'}}", "'b b b'"),
                c("replaceAll null", d, "{$replaceAll: {input: '$n', find: 'a', replacement: 'b'}}", "null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(ExprCase c) {
        c.check();
    }

    static Stream<ExprCase> errors() {
        return Stream.of(
                err("concat number", "{$concat: ['a', 1]}", ErrorCode.LOCATION_16702, "$concat only supports strings, not int"),
                err("toUpper array", "{$toUpper: [[1]]}", ErrorCode.LOCATION_16007, "can't convert from BSON type array to String"),
                err("substrBytes mid character end", "{$substrBytes: ['é', 0, 1]}", ErrorCode.LOCATION_28657,
                        "$substrBytes:  Invalid range, ending index is in the middle of a UTF-8 character."),
                err("substrBytes continuation start", "{$substrBytes: ['é', 1, 1]}", ErrorCode.LOCATION_28656, null),
                err("substrBytes start not number", "{$substrBytes: ['abc', 'x', 1]}", ErrorCode.LOCATION_16034,
                        "$substrBytes:  starting index must be a numeric type (is BSON type string)"),
                err("substrBytes length not number", "{$substrBytes: ['abc', 0, 'x']}", ErrorCode.LOCATION_16035, null),
                err("substrCP negative start", "{$substrCP: ['abc', -1, 1]}", ErrorCode.LOCATION_34454, null),
                err("substrCP negative length", "{$substrCP: ['abc', 0, -1]}", ErrorCode.LOCATION_34455, null),
                err("substrCP fractional start", "{$substrCP: ['abc', 0.5, 1]}", ErrorCode.LOCATION_34451, null),
                err("substr arity", "{$substr: ['abc', 0]}", ErrorCode.LOCATION_16020, null),
                err("strLenBytes number", "{$strLenBytes: 1}", ErrorCode.LOCATION_34473, "$strLenBytes requires a string argument, found: int"),
                err("strLenCP missing", "{$strLenCP: '$x'}", ErrorCode.LOCATION_34471, "$strLenCP requires a string argument, found: missing"),
                err("split number", "{$split: [1, ',']}", ErrorCode.LOCATION_40085, null),
                err("split separator number", "{$split: ['a', 1]}", ErrorCode.LOCATION_40086, null),
                err("split empty separator", "{$split: ['a', '']}", ErrorCode.LOCATION_40087, "$split requires a non-empty separator"),
                err("indexOfBytes number", "{$indexOfBytes: [1, 'a']}", ErrorCode.LOCATION_40091,
                        "$indexOfBytes requires a string as the first argument, found: int"),
                err("indexOfBytes token number", "{$indexOfBytes: ['a', 1]}", ErrorCode.LOCATION_40092, null),
                err("indexOfBytes negative start", "{$indexOfBytes: ['a', 'a', -1]}", ErrorCode.LOCATION_40097, null),
                err("indexOfCP fractional start", "{$indexOfCP: ['a', 'a', 1.5]}", ErrorCode.LOCATION_40096, null),
                err("trim not object", "{$trim: 'x'}", ErrorCode.LOCATION_50696, null),
                err("trim no input", "{$trim: {chars: 'x'}}", ErrorCode.LOCATION_50695, null),
                err("trim number input", "{$trim: {input: 1}}", ErrorCode.LOCATION_50699, null),
                err("regexMatch not object", "{$regexMatch: 'x'}", ErrorCode.LOCATION_51103, null),
                err("regexMatch no regex", "{$regexMatch: {input: 'x'}}", ErrorCode.LOCATION_31023, null),
                err("regexMatch unknown", "{$regexMatch: {input: 'x', regex: 'x', foo: 1}}", ErrorCode.LOCATION_31024, null),
                err("regexMatch number input", "{$regexMatch: {input: 1, regex: 'x'}}", ErrorCode.LOCATION_51104, null),
                err("regexMatch bad flag", "{$regexMatch: {input: 'x', regex: 'x', options: 'q'}}", ErrorCode.LOCATION_51108, null),
                err("regexMatch options twice", "{$regexMatch: {input: 'x', regex: /x/i, options: 'm'}}", ErrorCode.LOCATION_51107, null),
                err("regexMatch invalid regex", "{$regexMatch: {input: 'x', regex: '('}}", ErrorCode.LOCATION_51111, null),
                err("replaceOne number", "{$replaceOne: {input: 1, find: 'a', replacement: 'b'}}", ErrorCode.LOCATION_51746, null),
                err("replaceAll missing find", "{$replaceAll: {input: 'a', replacement: 'b'}}", ErrorCode.LOCATION_51748, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(ExprCase c) {
        c.check();
    }
}
