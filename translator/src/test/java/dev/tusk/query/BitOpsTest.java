package dev.tusk.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.MongoServerException;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** $bitsAllSet / $bitsAllClear / $bitsAnySet / $bitsAnyClear with the manual's examples. */
class BitOpsTest {
    record Case(String name, String doc, String filter, boolean matches) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String bin = "{a: {$binary: {base64: 'Zg==', subType: '00'}}}"; // 0x66 = 0110 0110
        return Stream.of(
                new Case("allSet positions 54", "{a: 54}", "{a: {$bitsAllSet: [1, 5]}}", true),
                new Case("allSet positions 20", "{a: 20}", "{a: {$bitsAllSet: [1, 5]}}", false),
                new Case("allSet positions bindata", bin, "{a: {$bitsAllSet: [1, 5]}}", true),
                new Case("allSet integer mask 50 on 54", "{a: 54}", "{a: {$bitsAllSet: 50}}", true),
                new Case("allSet integer mask on double 54.0", "{a: 54.0}", "{a: {$bitsAllSet: 50}}", true),
                new Case("allSet non-integral double", "{a: 54.5}", "{a: {$bitsAllSet: 2}}", false),
                new Case("allSet bindata mask", "{a: 54}", "{a: {$bitsAllSet: {$binary: {base64: 'MA==', subType: '00'}}}}", true),
                new Case("allClear 20", "{a: 20}", "{a: {$bitsAllClear: [1, 5]}}", true),
                new Case("allClear 54", "{a: 54}", "{a: {$bitsAllClear: [1, 5]}}", false),
                new Case("anySet 54", "{a: 54}", "{a: {$bitsAnySet: [1, 5]}}", true),
                new Case("anySet 20", "{a: 20}", "{a: {$bitsAnySet: [1, 5]}}", false),
                new Case("anyClear 20", "{a: 20}", "{a: {$bitsAnyClear: [1, 5]}}", true),
                new Case("anyClear 54", "{a: 54}", "{a: {$bitsAnyClear: [1, 5]}}", false),
                new Case("negative sign-extends", "{a: -5}", "{a: {$bitsAllSet: [63, 100]}}", true),
                new Case("negative bit 2 clear", "{a: -5}", "{a: {$bitsAllClear: [2]}}", true),
                new Case("string never matches", "{a: 'x'}", "{a: {$bitsAllClear: [1]}}", false),
                new Case("missing never matches", "{}", "{a: {$bitsAllClear: [1]}}", false),
                new Case("array element", "{a: [1, 54]}", "{a: {$bitsAllSet: [1, 5]}}", true),
                new Case("long value", "{a: {$numberLong: '4294967296'}}", "{a: {$bitsAllSet: [32]}}", true),
                new Case("empty mask all", "{a: 1}", "{a: {$bitsAllSet: []}}", true),
                new Case("empty mask any", "{a: 1}", "{a: {$bitsAnySet: []}}", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(Case c) {
        assertEquals(c.matches(), FilterEvaluator.matches(FilterParser.parse(BsonDocument.parse(c.filter())), BsonDocument.parse(c.doc())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMasks")
    void rejectsBadMasks(String filter) {
        MongoServerException e = assertThrows(MongoServerException.class, () -> FilterParser.parse(BsonDocument.parse(filter)));
        assertEquals(2, e.code().code());
    }

    static Stream<String> badMasks() {
        return Stream.of("{a: {$bitsAllSet: -1}}", "{a: {$bitsAllSet: 1.5}}", "{a: {$bitsAllSet: 'x'}}", "{a: {$bitsAnySet: [-1]}}",
                "{a: {$bitsAnySet: ['a']}}");
    }
}
