package dev.tusk.expr;

import static dev.tusk.expr.ExprCase.c;
import static dev.tusk.expr.ExprCase.err;

import dev.tusk.error.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Arithmetic operators: the manual's examples, numeric type promotion, null/missing, wrong types. */
class ArithmeticExprTest {
    static Stream<ExprCase> cases() {
        String d = "{a: 5, b: 2, l: NumberLong(7), x: 1.5, dec: NumberDecimal('2.5'), s: 'str', n: null, "
                + "date: ISODate('2014-03-01T08:00:00Z'), big: 2147483647, lmax: NumberLong('9223372036854775807')}";
        return Stream.of(
                c("add int+int", d, "{$add: ['$a', '$b']}", "7"),
                c("add int overflow → long", d, "{$add: ['$big', 1]}", "NumberLong(2147483648)"),
                c("add long", d, "{$add: ['$a', '$l']}", "NumberLong(12)"),
                c("add long overflow → double", d, "{$add: ['$lmax', 1]}", "9.223372036854775808E18"),
                c("add double", d, "{$add: ['$a', '$x']}", "6.5"),
                c("add decimal", d, "{$add: ['$a', '$dec']}", "NumberDecimal('7.5')"),
                c("add double + decimal", d, "{$add: ['$x', '$dec']}", "NumberDecimal('4.00000000000000')"),
                c("add null", d, "{$add: ['$a', null]}", "null"),
                c("add missing", d, "{$add: ['$a', '$nope']}", "null"),
                c("add no args", d, "{$add: []}", "0"),
                c("add single non-array", d, "{$add: '$a'}", "5"),
                c("add date + ms", d, "{$add: ['$date', 3600000]}", "ISODate('2014-03-01T09:00:00Z')"),
                c("add number + date", d, "{$add: [1000, '$date']}", "ISODate('2014-03-01T08:00:01Z')"),
                c("add date + double rounds", d, "{$add: ['$date', 1.5]}", "ISODate('2014-03-01T08:00:00.002Z')"),
                c("subtract ints", d, "{$subtract: ['$a', '$b']}", "3"),
                c("subtract long", d, "{$subtract: ['$l', 1]}", "NumberLong(6)"),
                c("subtract double", d, "{$subtract: ['$a', '$x']}", "3.5"),
                c("subtract decimal", d, "{$subtract: ['$dec', 1]}", "NumberDecimal('1.5')"),
                c("subtract dates → ms", "{a: ISODate('2014-03-01T08:00:00Z'), b: ISODate('2014-03-01T07:00:00Z')}",
                        "{$subtract: ['$a', '$b']}", "NumberLong(3600000)"),
                c("subtract ms from date", d, "{$subtract: ['$date', 5 * 60 * 1000]}".replace("5 * 60 * 1000", "300000"),
                        "ISODate('2014-03-01T07:55:00Z')"),
                c("subtract null", d, "{$subtract: ['$a', null]}", "null"),
                c("subtract missing", d, "{$subtract: ['$nope', 1]}", "null"),
                c("subtract int underflow → long", d, "{$subtract: [{$literal: -2147483648}, 1]}", "NumberLong(-2147483649)"),
                c("multiply ints", d, "{$multiply: ['$a', '$b']}", "10"),
                c("multiply overflow → long", d, "{$multiply: ['$big', 2]}", "NumberLong(4294967294)"),
                c("multiply long overflow → double", d, "{$multiply: ['$lmax', 2]}", "1.8446744073709552E19"),
                c("multiply double", d, "{$multiply: ['$a', '$x']}", "7.5"),
                c("multiply decimal", d, "{$multiply: ['$dec', 2]}", "NumberDecimal('5.0')"),
                c("multiply null", d, "{$multiply: ['$a', null]}", "null"),
                c("multiply none", d, "{$multiply: []}", "1"),
                c("divide ints → double", d, "{$divide: ['$a', '$b']}", "2.5"),
                c("divide exact → double", d, "{$divide: [10, 5]}", "2.0"),
                c("divide decimal", d, "{$divide: ['$dec', 2]}", "NumberDecimal('1.25')"),
                c("divide null", d, "{$divide: [null, 2]}", "null"),
                c("divide missing", d, "{$divide: ['$a', '$nope']}", "null"),
                c("mod ints", d, "{$mod: ['$a', '$b']}", "1"),
                c("mod negative dividend", "{$mod: [-5, 3]}", "-2"),
                c("mod long", d, "{$mod: ['$l', 4]}", "NumberLong(3)"),
                c("mod double", d, "{$mod: [5.5, 2]}", "1.5"),
                c("mod decimal", d, "{$mod: ['$dec', 1]}", "NumberDecimal('0.5')"),
                c("mod null", d, "{$mod: [null, 2]}", "null"),
                c("abs int", "{$abs: -1}", "1"),
                c("abs int min → long", "{$abs: {$literal: -2147483648}}", "NumberLong(2147483648)"),
                c("abs long", "{$abs: NumberLong(-5)}", "NumberLong(5)"),
                c("abs double", "{$abs: -1.5}", "1.5"),
                c("abs decimal", "{$abs: NumberDecimal('-2.50')}", "NumberDecimal('2.50')"),
                c("abs null", "{$abs: null}", "null"),
                c("abs missing", "{$abs: '$x'}", "null"),
                c("abs array form", "{$abs: [-3]}", "3"),
                c("ceil double", "{$ceil: 7.80}", "8.0"),
                c("ceil negative", "{$ceil: -2.8}", "-2.0"),
                c("ceil int unchanged", "{$ceil: 1}", "1"),
                c("ceil decimal", "{$ceil: NumberDecimal('1.2')}", "NumberDecimal('2')"),
                c("floor double", "{$floor: 7.80}", "7.0"),
                c("floor negative", "{$floor: -2.8}", "-3.0"),
                c("floor long unchanged", "{$floor: NumberLong(3)}", "NumberLong(3)"),
                c("floor null", "{$floor: null}", "null"),
                c("round half to even", "{$round: [2.5, 0]}", "2.0"),
                c("round 3.5", "{$round: [3.5, 0]}", "4.0"),
                c("round places", "{$round: [19.25, 1]}", "19.2"),
                c("round negative place", "{$round: [1234.5678, -2]}", "1200.0"),
                c("round int negative place", "{$round: [1234, -2]}", "1200"),
                c("round int positive place unchanged", "{$round: [1234, 2]}", "1234"),
                c("round long", "{$round: [NumberLong(1250), -2]}", "NumberLong(1200)"),
                c("round decimal", "{$round: [NumberDecimal('1.2345'), 2]}", "NumberDecimal('1.23')"),
                c("round one arg", "{$round: [4.6]}", "5.0"),
                c("round null place", "{$round: [4.6, null]}", "null"),
                c("round null value", "{$round: [null, 1]}", "null"),
                c("trunc", "{$trunc: [19.25, 1]}", "19.2"),
                c("trunc negative", "{$trunc: [-1.9, 0]}", "-1.0"),
                c("trunc default place", "{$trunc: 7.8}", "7.0"),
                c("trunc int negative place", "{$trunc: [1299, -2]}", "1200"),
                c("exp", "{$exp: 0}", "1.0"),
                c("exp null", "{$exp: null}", "null"),
                c("ln 1", "{$ln: 1}", "0.0"),
                c("ln e", "{$ln: 2.718281828459045}", "1.0"),
                c("log 100 base 10", "{$log: [100, 10]}", "2.0"),
                c("log base 2", "{$log: [8, 2]}", "3.0"),
                c("log null", "{$log: [null, 2]}", "null"),
                c("log10", "{$log10: 1000}", "3.0"),
                c("log10 null", "{$log10: null}", "null"),
                c("pow ints", "{$pow: [5, 2]}", "25"),
                c("pow negative exponent → double", "{$pow: [2, -1]}", "0.5"),
                c("pow overflow → long", "{$pow: [2, 40]}", "NumberLong(1099511627776)"),
                c("pow long overflow → double", "{$pow: [10, 30]}", "1.0E30"),
                c("pow long stays long", "{$pow: [NumberLong(2), 2]}", "NumberLong(4)"),
                c("pow double", "{$pow: [2.0, 3]}", "8.0"),
                c("pow decimal", "{$pow: [NumberDecimal('1.5'), 2]}", "NumberDecimal('2.25')"),
                c("pow 0^0", "{$pow: [0, 0]}", "1"),
                c("pow -1 odd", "{$pow: [-1, 3]}", "-1"),
                c("pow null", "{$pow: [null, 2]}", "null"),
                c("sqrt", "{$sqrt: 25}", "5.0"),
                c("sqrt decimal", "{$sqrt: NumberDecimal('2.25')}", "NumberDecimal('1.5')"),
                c("sqrt null", "{$sqrt: null}", "null"),
                c("sqrt NaN", "{$sqrt: NaN}", "NaN"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(ExprCase c) {
        c.check();
    }

    static Stream<ExprCase> errors() {
        return Stream.of(
                err("add string", "{a: 'x'}", "{$add: [1, '$a']}", ErrorCode.TYPE_MISMATCH, "$add only supports numeric or date types, not string"),
                err("add bool", "{$add: [1, true]}", ErrorCode.TYPE_MISMATCH, "$add only supports numeric or date types, not bool"),
                err("add two dates", "{d: ISODate('2020-01-01T00:00:00Z')}", "{$add: ['$d', '$d']}", ErrorCode.LOCATION_16612,
                        "only one date allowed in an $add expression"),
                err("subtract string", "{$subtract: ['a', 1]}", ErrorCode.TYPE_MISMATCH, "can't $subtract int from string"),
                err("subtract date from number", "{d: ISODate('2020-01-01T00:00:00Z')}", "{$subtract: [1, '$d']}",
                        ErrorCode.TYPE_MISMATCH, "can't $subtract date from int"),
                err("subtract string from date", "{d: ISODate('2020-01-01T00:00:00Z')}", "{$subtract: ['$d', 'x']}",
                        ErrorCode.TYPE_MISMATCH, "can't $subtract string from Date"),
                err("subtract arity", "{$subtract: [1]}", ErrorCode.LOCATION_16020, "Expression $subtract takes exactly 2 arguments. 1 were passed in."),
                err("multiply string", "{$multiply: [2, 'x']}", ErrorCode.TYPE_MISMATCH, "$multiply only supports numeric types, not string"),
                err("divide by zero", "{$divide: [1, 0]}", ErrorCode.BAD_VALUE, "can't $divide by zero"),
                err("divide by decimal zero", "{$divide: [1, NumberDecimal('0')]}", ErrorCode.BAD_VALUE, "can't $divide by zero"),
                err("divide string", "{$divide: ['a', 2]}", ErrorCode.TYPE_MISMATCH, "$divide only supports numeric types, not string and int"),
                err("divide arity", "{$divide: [1, 2, 3]}", ErrorCode.LOCATION_16020, "Expression $divide takes exactly 2 arguments. 3 were passed in."),
                err("mod by zero", "{$mod: [1, 0]}", ErrorCode.LOCATION_16610, "can't $mod by zero"),
                err("mod string", "{$mod: ['a', 2]}", ErrorCode.LOCATION_16611, "$mod only supports numeric types, not string and int"),
                err("abs string", "{$abs: 'x'}", ErrorCode.LOCATION_28765, "$abs only supports numeric types, not string"),
                err("abs long min", "{$abs: NumberLong('-9223372036854775808')}", ErrorCode.LOCATION_28680, "can't take $abs of long long min"),
                err("abs arity", "{$abs: [1, 2]}", ErrorCode.LOCATION_16020, "Expression $abs takes exactly 1 arguments. 2 were passed in."),
                err("ceil string", "{$ceil: 'x'}", ErrorCode.LOCATION_28765, "$ceil only supports numeric types, not string"),
                err("round string", "{$round: ['x', 1]}", ErrorCode.LOCATION_51081, "$round only supports numeric types, not string"),
                err("round fractional place", "{$round: [1, 1.5]}", ErrorCode.LOCATION_51082, null),
                err("round place range", "{$round: [1, 101]}", ErrorCode.LOCATION_51083,
                        "cannot apply $round with precision value 101 value must be in [-20, 100]"),
                err("round arity", "{$round: [1, 2, 3]}", ErrorCode.LOCATION_28667,
                        "Expression $round takes at least 1 arguments, and at most 2, but 3 were passed in."),
                err("sqrt negative", "{$sqrt: -1}", ErrorCode.LOCATION_28714, "$sqrt's argument must be greater than or equal to 0"),
                err("ln zero", "{$ln: 0}", ErrorCode.LOCATION_28766, "$ln's argument must be a positive number, but is 0"),
                err("log10 negative", "{$log10: -1}", ErrorCode.LOCATION_28761, "$log10's argument must be a positive number, but is -1"),
                err("log base 1", "{$log: [10, 1]}", ErrorCode.LOCATION_28759, "$log's base must be a positive number not equal to 1, but is 1"),
                err("log string", "{$log: ['x', 10]}", ErrorCode.LOCATION_28756, "$log's argument must be numeric, not string"),
                err("pow 0 negative", "{$pow: [0, -1]}", ErrorCode.LOCATION_28764, "$pow cannot take a base of 0 and a negative exponent"),
                err("pow string base", "{$pow: ['x', 2]}", ErrorCode.LOCATION_28762, "$pow's base must be numeric, not string"),
                err("pow string exponent", "{$pow: [2, 'x']}", ErrorCode.LOCATION_28763, "$pow's exponent must be numeric, not string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(ExprCase c) {
        c.check();
    }
}
