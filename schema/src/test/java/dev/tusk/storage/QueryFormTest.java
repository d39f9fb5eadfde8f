package dev.tusk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QueryFormTest {
    record Case(String name, String doc, String json) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("scalars", "{a: 1, b: 'x', c: true, d: null}", "{\"a\":1,\"b\":\"x\",\"c\":true,\"d\":null}"),
                new Case("long", "{a: {$numberLong: '-9223372036854775808'}}", "{\"a\":-9223372036854775808.0}"),
                new Case("double exact value", "{a: 0.5, b: 0.1}",
                        "{\"a\":0.50,\"b\":0.1000000000000000055511151231257827021181583404541015625000}"),
                new Case("double integral", "{a: 3.0, b: 1e20}", "{\"a\":3.00,\"b\":100000000000000000000.00}"),
                new Case("negative zero", "{a: -0.0, b: {$numberDecimal: '-0'}}", "{\"a\":0.00,\"b\":0.000}"),
                new Case("decimal", "{a: {$numberDecimal: '1.50'}}", "{\"a\":1.500}"),
                new Case("decimal clamped", "{a: {$numberDecimal: '1E+5000'}, b: {$numberDecimal: '-1E-5000'}}",
                        "{\"a\":1" + "0".repeat(901) + ".000,\"b\":-1.00E-901}"),
                new Case("NaN and infinities", "{a: NaN, b: Infinity, c: -Infinity, d: {$numberDecimal: 'NaN'}}",
                        "{\"a\":{\"$num\":\"NaN\"},\"b\":{\"$num\":\"Infinity\"},\"c\":{\"$num\":\"-Infinity\"},\"d\":{\"$num\":\"NaN\"}}"),
                new Case("nested", "{a: {b: [1, {c: []}]}}", "{\"a\":{\"b\":[1,{\"c\":[]}]}}"),
                new Case("dollar field", "{$x: 1, a: {$y: 'x'}}", "{\"$$x\":1,\"a\":{\"$$y\":\"x\"}}"),
                new Case("objectId", "{_id: {$oid: '5F0000000000000000000abc'}}", "{\"_id\":{\"$oid\":\"5f0000000000000000000abc\"}}"),
                new Case("date", "{d: {$date: {$numberLong: '-5'}}}", "{\"d\":{\"$date\":-5}}"),
                new Case("timestamp", "{t: {$timestamp: {t: 4294967295, i: 1}}}", "{\"t\":{\"$ts\":18446744069414584321}}"),
                new Case("binary", "{b: {$binary: {base64: 'AQL/', subType: '80'}}}", "{\"b\":{\"$bin\":\"80:0102ff\"}}"),
                new Case("regex", "{r: {$regex: 'a\"b', $options: 'si'}}", "{\"r\":{\"$regex\":\"a\\\"b\",\"$options\":\"is\"}}"),
                new Case("keys", "{a: {$minKey: 1}, b: {$maxKey: 1}, c: {$undefined: true}}",
                        "{\"a\":{\"$minKey\":1},\"b\":{\"$maxKey\":1},\"c\":{\"$undefined\":true}}"),
                new Case("code", "{c: {$code: 'f()'}, s: {$code: 'g', $scope: {x: 1}}}",
                        "{\"c\":{\"$code\":\"f()\"},\"s\":{\"$code\":\"g\",\"$scope\":{\"x\":1}}}"),
                new Case("symbol", "{s: {$symbol: 'sym'}}", "{\"s\":\"sym\"}"),
                new Case("escapes", "{'q\"k': 'a\\\\b\\n\\t\\u0001\\u001f é 😀'}",
                        "{\"q\\\"k\":\"a\\\\b\\n\\t\\u0001\\u001f é 😀\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodes(Case c) {
        assertEquals(c.json(), QueryForm.toJson(BsonDocument.parse(c.doc())));
    }

    @Test
    void nulBecomesU0001() {
        BsonDocument doc = new BsonDocument("a", new BsonString("x\u0000y"));
        assertEquals("{\"a\":\"x\\u0001y\"}", QueryForm.toJson(doc));
        assertFalse(QueryForm.isStringExact("x\u0000"));
        assertFalse(QueryForm.isStringExact("x\u0001"));
        assertTrue(QueryForm.isStringExact("xy"));
    }

    @Test
    void scalarsWhoseFormKeepsThemComeBack() {
        for (org.bson.BsonValue v : java.util.List.of(new BsonString("a\"b\\c é"), org.bson.BsonBoolean.TRUE, org.bson.BsonNull.VALUE,
                new org.bson.BsonInt32(-7), new org.bson.BsonInt64(Long.MAX_VALUE), new org.bson.BsonDouble(0.1),
                new org.bson.BsonDouble(-1e300), new org.bson.BsonDateTime(-62_000_000_000_000L),
                new org.bson.BsonObjectId(new org.bson.types.ObjectId("65a000000000000000000001")))) {
            String json = QueryForm.valueToJson(v);
            assertEquals(v, QueryForm.scalar(json), json);
        }
        assertEquals(new org.bson.BsonInt64(5), QueryForm.scalar("5", QueryForm.INT64_TAG), "a tag given by the caller wins");
    }

    @Test
    void numberRange() {
        assertTrue(QueryForm.isNumberExact(new BigDecimal("1E+900")));
        assertFalse(QueryForm.isNumberExact(new BigDecimal("1E+901")));
        assertTrue(QueryForm.isNumberExact(new BigDecimal("1E-900")));
        assertFalse(QueryForm.isNumberExact(new BigDecimal("1E-901")));
        assertEquals("7", QueryForm.valueToJson(new org.bson.BsonInt32(7)));
    }

    /** Every number keeps its exact value and says its BSON type in its scale modulo 4. */
    @Test
    void numbersCarryTheirTypeInTheirScale() {
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < 20_000; i++) {
            long bits = r.nextLong();
            double d = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(bits);
                case 1 -> r.nextDouble() * 100;
                case 2 -> r.nextInt(2000) - 1000;
                default -> Math.scalb(r.nextDouble(), r.nextInt(200) - 100);
            };
            org.bson.BsonValue[] values = {new org.bson.BsonInt32((int) bits), new org.bson.BsonInt64(bits),
                    new org.bson.BsonDouble(d), new org.bson.BsonDecimal128(new org.bson.types.Decimal128(
                            BigDecimal.valueOf(bits, r.nextInt(60) - 20)))};
            for (int tag = 0; tag < 4; tag++) {
                org.bson.BsonValue v = values[tag];
                if (v.isDouble() && !Double.isFinite(d)) {
                    continue;
                }
                String text = QueryForm.valueToJson(v);
                assertEquals(tag, QueryForm.scaleTag(text), text);
                BigDecimal exact = dev.tusk.bson.BsonNumbers.exactStripped(v).orElseThrow();
                if (QueryForm.isNumberExact(exact)) {
                    assertEquals(0, exact.compareTo(new BigDecimal(text)), text);
                }
            }
        }
    }
    /** A double's text is its exact value with the double's scale tag, as BigDecimal would write it. */
    @Test
    void doubleTextIsTheTaggedExactValue() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(12);
        for (int i = 0; i < 20_000; i++) {
            double d = switch (i % 3) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> Math.scalb(r.nextDouble() - 0.5, r.nextInt(160) - 80);
                default -> (double) (r.nextLong() >> r.nextInt(64));
            };
            if (!Double.isFinite(d)) {
                continue;
            }
            BigDecimal stripped = d == 0 ? BigDecimal.ZERO : new BigDecimal(d).stripTrailingZeros();
            BigDecimal expected = new BigDecimal(QueryForm.tagged(stripped, QueryForm.DOUBLE_TAG));
            String text = QueryForm.valueToJson(new org.bson.BsonDouble(d));
            assertEquals(expected, new BigDecimal(text), text); // equals: the same value and the same scale
        }
    }
    /** Written from a document's bytes, the query form is the one written from its tree. */
    @Test
    void rawDocumentsGiveTheTreesForm() {
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 2_000; i++) {
            org.bson.BsonDocument doc = new org.bson.BsonDocument();
            int fields = r.nextInt(8);
            for (int f = 0; f < fields; f++) {
                doc.put(List.of("a", "$b", "c.d", "é", "", "x\"y").get(r.nextInt(6)) + f, IdKeyTest.randomValue(r, 0));
            }
            if (i % 10 == 0) {
                doc.put("js", new org.bson.BsonJavaScriptWithScope("f()", new BsonDocument("s", IdKeyTest.randomValue(r, 1))));
            }
            org.bson.RawBsonDocument raw = new org.bson.RawBsonDocument(doc, new org.bson.codecs.BsonDocumentCodec());
            assertEquals(QueryForm.toJson(doc), QueryForm.toJson(raw), doc::toJson);
        }
    }
}
