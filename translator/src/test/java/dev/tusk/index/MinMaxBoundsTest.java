package dev.tusk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MinMaxBoundsTest {
    /** docs are "{_id: n, ...}" separated by ';'; expected: the _ids with a key in [min, max). */
    record Case(String name, String keyPattern, String min, String max, String docs, List<Integer> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String numbers = "{_id: 1, a: 1}; {_id: 2, a: 2}; {_id: 3, a: 3.0}; {_id: 4, a: {$numberLong: '4'}}; {_id: 5, a: 'x'}; {_id: 6}";
        return Stream.of(
                new Case("min inclusive, max exclusive", "{a: 1}", "{a: 2}", "{a: 4}", numbers, List.of(2, 3)),
                new Case("numbers compare across types", "{a: 1}", "{a: 2.0}", "{a: {$numberDecimal: '4'}}", numbers, List.of(2, 3)),
                new Case("no max: to the end, other types too", "{a: 1}", "{a: 3}", "{}", numbers, List.of(3, 4, 5)),
                new Case("no min: from the start, missing is null", "{a: 1}", "{}", "{a: 2}", numbers, List.of(1, 6)),
                new Case("descending: min is the high end", "{a: -1}", "{a: 3}", "{a: 1}", numbers, List.of(2, 3)),
                new Case("descending, no max: down to the end", "{a: -1}", "{a: 2}", "{}", numbers, List.of(1, 2, 6)),
                new Case("compound: tuple order", "{a: 1, b: 1}", "{a: 1, b: 5}", "{a: 2, b: 3}",
                        "{_id: 1, a: 1, b: 4}; {_id: 2, a: 1, b: 5}; {_id: 3, a: 1, b: 99}; {_id: 4, a: 2, b: 2}; {_id: 5, a: 2, b: 3}",
                        List.of(2, 3, 4)),
                new Case("compound with a descending field", "{a: 1, b: -1}", "{a: 1, b: 5}", "{a: 2, b: 3}",
                        "{_id: 1, a: 1, b: 4}; {_id: 2, a: 1, b: 5}; {_id: 3, a: 1, b: 99}; {_id: 4, a: 2, b: 2}; {_id: 5, a: 2, b: 9}",
                        List.of(1, 2, 5)),
                new Case("multikey: any element in range", "{a: 1}", "{a: 5}", "{a: 7}",
                        "{_id: 1, a: [1, 6]}; {_id: 2, a: [1, 9]}; {_id: 3, a: []}", List.of(1)),
                new Case("empty array is undefined, below null", "{a: 1}", "{}", "{a: null}",
                        "{_id: 1, a: []}; {_id: 2, a: null}", List.of(1)),
                new Case("whole arrays are not keys", "{a: 1}", "{a: 5}", "{}", "{_id: 1, a: [1, 2]}; {_id: 2, a: [[1]]}", List.of(2)),
                new Case("dotted path through an array", "{'a.b': 1}", "{'a.b': 2}", "{'a.b': 3}",
                        "{_id: 1, a: [{b: 1}, {b: 2}]}; {_id: 2, a: {b: 3}}", List.of(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void selects(Case c) {
        BsonDocument pattern = BsonDocument.parse(c.keyPattern());
        KeyRange range = MinMaxBounds.of(pattern, BsonDocument.parse(c.min()), BsonDocument.parse(c.max()));
        IndexEntries entries = new IndexEntries(pattern);
        List<Integer> selected = Arrays.stream(c.docs().split(";")).map(BsonDocument::parse)
                .filter(d -> entries.first(d, List.of(range)).isPresent())
                .map(d -> d.getInt32("_id").getValue()).toList();
        assertEquals(c.expected(), selected);
    }

    @Test
    void sideTableKeysInRangeAreTheSameBytes() {
        BsonDocument pattern = BsonDocument.parse("{a: 1, b: -1}");
        BsonDocument doc = BsonDocument.parse("{a: 3, b: 'q'}");
        byte[] stored = new IndexKeys(pattern, false, Optional.empty()).of(doc).iterator().next().array();
        assertEquals(ByteBuffer.wrap(stored), ByteBuffer.wrap(new IndexEntries(pattern).of(doc).get(0).encoded()));
    }

    @Test
    void errors() {
        BsonDocument pattern = BsonDocument.parse("{a: 1, b: 1}");
        assertEquals(ErrorCode.LOCATION_51176, assertThrows(MongoServerException.class, () -> MinMaxBounds.checkSameFields(
                BsonDocument.parse("{a: 1}"), BsonDocument.parse("{b: 1}"))).code());
        assertEquals(ErrorCode.LOCATION_51176, assertThrows(MongoServerException.class, () -> MinMaxBounds.checkSameFields(
                BsonDocument.parse("{a: 1}"), BsonDocument.parse("{a: 2, b: 1}"))).code());
        MinMaxBounds.checkSameFields(BsonDocument.parse("{a: 1}"), new BsonDocument());
        for (String bound : List.of("{a: 1}", "{b: 1, a: 1}", "{a: 1, b: 1, c: 1}", "{a: 1, c: 1}")) {
            assertEquals(ErrorCode.LOCATION_51174, assertThrows(MongoServerException.class,
                    () -> MinMaxBounds.of(pattern, BsonDocument.parse(bound), new BsonDocument())).code(), bound);
        }
        assertEquals(ErrorCode.LOCATION_51175, assertThrows(MongoServerException.class, () -> MinMaxBounds.of(pattern,
                BsonDocument.parse("{a: 1, b: 2}"), BsonDocument.parse("{a: 1.0, b: {$numberLong: '2'}}"))).code());
        assertEquals(ErrorCode.LOCATION_51175, assertThrows(MongoServerException.class, () -> MinMaxBounds.of(
                BsonDocument.parse("{a: -1}"), BsonDocument.parse("{a: 1}"), BsonDocument.parse("{a: 2}"))).code());
    }

    @Test
    void returnKeyShowsTheFirstEntryInRange() {
        IndexEntries entries = new IndexEntries(BsonDocument.parse("{'a.b': 1, c: -1}"));
        BsonDocument doc = BsonDocument.parse("{a: [{b: 7}, {b: {$numberLong: '3'}}], c: 'z'}");
        assertEquals(BsonDocument.parse("{'a.b': {$numberLong: '3'}, c: 'z'}"), entries.of(doc).get(0).key());
        KeyRange fromFive = MinMaxBounds.of(BsonDocument.parse("{'a.b': 1, c: -1}"), BsonDocument.parse("{'a.b': 5, c: {$maxKey: 1}}"),
                new BsonDocument());
        BsonValue b = entries.first(doc, List.of(fromFive)).orElseThrow().key().get("a.b");
        assertEquals(7, b.asInt32().getValue());
    }
}
