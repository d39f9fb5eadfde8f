package dev.tusk.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SortSpecTest {
    /** docs are "{_id: n, ...}" separated by ';', expected the _ids in sorted order. */
    record Case(String name, String sort, String docs, List<Integer> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("ascending numbers across types", "{a: 1}", "{_id: 1, a: 2.5}; {_id: 2, a: 1}; {_id: 3, a: {$numberLong: '2'}}",
                        List.of(2, 3, 1)),
                new Case("descending", "{a: -1}", "{_id: 1, a: 2}; {_id: 2, a: 3}; {_id: 3, a: 1}", List.of(2, 1, 3)),
                new Case("type brackets", "{a: 1}", "{_id: 1, a: 'x'}; {_id: 2, a: 5}; {_id: 3, a: null}; {_id: 4, a: {}}",
                        List.of(3, 2, 1, 4)),
                new Case("missing = null, stable", "{a: 1}", "{_id: 1, a: null}; {_id: 2}; {_id: 3, a: 0}", List.of(1, 2, 3)),
                new Case("array min ascending", "{a: 1}", "{_id: 1, a: [5, 1]}; {_id: 2, a: 3}", List.of(1, 2)),
                new Case("array max descending", "{a: -1}", "{_id: 1, a: [5, 1]}; {_id: 2, a: 3}", List.of(1, 2)),
                new Case("empty array below null", "{a: 1}", "{_id: 1, a: null}; {_id: 2, a: []}", List.of(2, 1)),
                new Case("compound", "{a: 1, b: -1}", "{_id: 1, a: 1, b: 1}; {_id: 2, a: 1, b: 2}; {_id: 3, a: 0, b: 0}",
                        List.of(3, 2, 1)),
                new Case("dotted through array", "{'a.b': 1}", "{_id: 1, a: [{b: 9}, {b: 4}]}; {_id: 2, a: {b: 5}}", List.of(1, 2)),
                new Case("nested array sorts as a whole array (after documents)", "{a: 1}",
                        "{_id: 1, a: [[1, 2]]}; {_id: 2, a: {x: 1}}; {_id: 3, a: [[0], 'z']}", List.of(3, 2, 1)),
                new Case("nested empty array is an array, not below null", "{a: 1}",
                        "{_id: 1, a: [[]]}; {_id: 2, a: null}; {_id: 3, a: [[], 7]}", List.of(2, 3, 1)),
                new Case("strings binary", "{s: 1}", "{_id: 1, s: 'é'}; {_id: 2, s: 'z'}; {_id: 3, s: 'Z'}", List.of(3, 2, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sorts(Case c) {
        List<BsonDocument> docs = new ArrayList<>(Arrays.stream(c.docs().split(";")).map(BsonDocument::parse).toList());
        docs.sort(SortSpec.parse(BsonDocument.parse(c.sort())).comparator());
        assertEquals(c.expected(), docs.stream().map(d -> d.get("_id")).map(BsonValue::asInt32).map(v -> v.getValue()).toList());
    }

    @Test
    void natural() {
        assertTrue(SortSpec.parse(BsonDocument.parse("{$natural: 1}")).isNatural());
    }

    @Test
    void errors() {
        assertEquals(ErrorCode.LOCATION_15974, assertThrows(MongoServerException.class,
                () -> SortSpec.parse(BsonDocument.parse("{a: 'x'}"))).code());
        assertEquals(ErrorCode.LOCATION_15975, assertThrows(MongoServerException.class,
                () -> SortSpec.parse(BsonDocument.parse("{a: 2}"))).code());
        assertEquals(ErrorCode.LOCATION_17308, assertThrows(MongoServerException.class,
                () -> SortSpec.parse(BsonDocument.parse("{a: {$meta: 'bogus'}}"))).code());
        assertEquals(ErrorCode.LOCATION_15974, assertThrows(MongoServerException.class,
                () -> SortSpec.parse(BsonDocument.parse("{a: {$meta: 'textScore', b: 1}}"))).code());
    }

    @Test
    void textScoreSortsHighestFirstThenByTheOtherKeys() {
        SortSpec sort = SortSpec.parse(BsonDocument.parse("{s: {$meta: 'textScore'}, n: 1}"));
        assertTrue(sort.hasTextScore());
        java.util.List<BsonDocument> docs = new java.util.ArrayList<>(java.util.List.of(
                new dev.tusk.text.ScoredDocument(BsonDocument.parse("{n: 2}"), 0.5),
                new dev.tusk.text.ScoredDocument(BsonDocument.parse("{n: 3}"), 1.5),
                new dev.tusk.text.ScoredDocument(BsonDocument.parse("{n: 1}"), 0.5)));
        docs.sort(sort.comparator());
        assertEquals(java.util.List.of(3, 1, 2), docs.stream().map(d -> d.getInt32("n").getValue()).toList());
        assertEquals(ErrorCode.LOCATION_40218, assertThrows(MongoServerException.class,
                () -> sort.comparator().compare(BsonDocument.parse("{n: 1}"), BsonDocument.parse("{n: 2}"))).code());
    }
}
