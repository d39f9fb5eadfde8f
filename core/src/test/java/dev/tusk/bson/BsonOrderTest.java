package dev.tusk.bson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BsonOrderTest {
    /** a and b in relaxed extended JSON; expected sign of compare(a, b). */
    record Case(String name, String a, String b, int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("int = long", "1", "{$numberLong: '1'}", 0),
                new Case("int = double", "1", "1.0", 0),
                new Case("int = decimal", "1", "{$numberDecimal: '1.00'}", 0),
                new Case("-0 = 0", "{$numberDouble: '-0.0'}", "0", 0),
                new Case("decimal -0 = 0", "{$numberDecimal: '-0'}", "0", 0),
                new Case("long beyond double precision", "{$numberLong: '9007199254740993'}", "9007199254740992.0", 1),
                new Case("double 0.1 vs decimal 0.1", "0.1", "{$numberDecimal: '0.1'}", 1),
                new Case("NaN lowest number", "{$numberDouble: 'NaN'}", "{$numberDouble: '-Infinity'}", -1),
                new Case("NaN = decimal NaN", "{$numberDouble: 'NaN'}", "{$numberDecimal: 'NaN'}", 0),
                new Case("Infinity above big decimal", "{$numberDouble: 'Infinity'}", "{$numberDecimal: '1E+6000'}", 1),
                new Case("number < string", "99999", "''", -1),
                new Case("null < number", "null", "{$numberDouble: 'NaN'}", -1),
                new Case("minKey < undefined", "{$minKey: 1}", "{$undefined: true}", -1),
                new Case("undefined < null", "{$undefined: true}", "null", -1),
                new Case("Z < a", "'Z'", "'a'", -1),
                new Case("a < é", "'a'", "'é'", -1),
                new Case("BMP private use < emoji (UTF-8 order)", "'\uE000'", "'\uD83D\uDE00'", -1),
                new Case("prefix shorter", "'ab'", "'abc'", -1),
                new Case("symbol = string", "{$symbol: 'a'}", "'a'", 0),
                new Case("string < object", "'z'", "{}", -1),
                new Case("object < array", "{a: 1}", "[]", -1),
                new Case("docs: field order matters", "{a: 1, b: 2}", "{b: 2, a: 1}", -1),
                new Case("docs: type before name", "{b: 1}", "{a: 'x'}", -1),
                new Case("docs: shorter smaller", "{a: 1}", "{a: 1, b: 1}", -1),
                new Case("docs: numeric value equality", "{a: 1}", "{a: 1.0}", 0),
                new Case("arrays element-wise", "[1, 2]", "[1, 3]", -1),
                new Case("arrays shorter", "[1]", "[1, 0]", -1),
                new Case("array < binData", "[5]", "{$binary: {base64: '', subType: '00'}}", -1),
                new Case("binData length first", "{$binary: {base64: 'AQ==', subType: '80'}}", "{$binary: {base64: 'AAA=', subType: '00'}}", -1),
                new Case("binData subtype", "{$binary: {base64: 'AQ==', subType: '00'}}", "{$binary: {base64: 'AA==', subType: '01'}}", -1),
                new Case("binData < objectId", "{$binary: {base64: 'AQ==', subType: '00'}}", "{$oid: '000000000000000000000000'}", -1),
                new Case("objectId bytes", "{$oid: '00000000000000000000000f'}", "{$oid: 'f00000000000000000000000'}", -1),
                new Case("objectId < bool", "{$oid: 'ffffffffffffffffffffffff'}", "false", -1),
                new Case("false < true", "false", "true", -1),
                new Case("bool < date", "true", "{$date: 0}", -1),
                new Case("date negative", "{$date: -1}", "{$date: 0}", -1),
                new Case("date < timestamp", "{$date: 9999999999999}", "{$timestamp: {t: 0, i: 0}}", -1),
                new Case("timestamp unsigned", "{$timestamp: {t: 1, i: 0}}", "{$timestamp: {t: 4294967295, i: 0}}", -1),
                new Case("timestamp < regex", "{$timestamp: {t: 1, i: 1}}", "{$regex: 'a', $options: ''}", -1),
                new Case("regex pattern then flags", "{$regex: 'a', $options: 'i'}", "{$regex: 'b', $options: ''}", -1),
                new Case("regex < code", "{$regex: 'a', $options: ''}", "{$code: 'x'}", -1),
                new Case("code < maxKey", "{$code: 'x'}", "{$maxKey: 1}", -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compares(Case c) {
        BsonValue a = value(c.a());
        BsonValue b = value(c.b());
        assertEquals(c.expected(), Integer.signum(BsonOrder.compare(a, b)), "compare(a, b)");
        assertEquals(-c.expected(), Integer.signum(BsonOrder.compare(b, a)), "compare(b, a)");
        assertEquals(c.expected() == 0, BsonOrder.valuesEqual(a, b));
    }

    @Test
    void sortsTheBracketsInOrder() {
        List<String> ordered = List.of("{$minKey: 1}", "{$undefined: true}", "null", "{$numberDouble: 'NaN'}", "-5",
                "{$numberDecimal: '2.5'}", "'a'", "{}", "[]", "{$binary: {base64: '', subType: '00'}}",
                "{$oid: '000000000000000000000000'}", "false", "{$date: 0}", "{$timestamp: {t: 0, i: 0}}",
                "{$regex: '', $options: ''}", "{$code: ''}", "{$code: '', $scope: {}}", "{$maxKey: 1}");
        List<BsonValue> values = new ArrayList<>(ordered.stream().map(BsonOrderTest::value).toList());
        List<BsonValue> expected = List.copyOf(values);
        Collections.reverse(values);
        values.sort(BsonOrder.COMPARATOR);
        assertEquals(expected, values);
    }

    static BsonValue value(String json) {
        return BsonDocument.parse("{v: " + json + "}").get("v");
    }

    @Test
    void arraysCompareElementwise() {
        BsonArray a = new BsonArray(List.of(value("1"), value("'x'")));
        BsonArray b = new BsonArray(List.of(value("1.0"), value("'x'")));
        assertEquals(0, BsonOrder.compare(a, b));
    }
}
