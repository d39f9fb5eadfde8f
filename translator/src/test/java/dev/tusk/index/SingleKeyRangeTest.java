package dev.tusk.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.query.FilterParser;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;

/** Equality on a single-field index is one whole key (SQL {@code k = ?}); anything else stays a range. */
class SingleKeyRangeTest {
    private static List<KeyRange> ranges(String pattern, String filter) {
        IndexKeys index = new IndexKeys(BsonDocument.parse(pattern), false, Optional.empty());
        return IndexBounds.of(FilterParser.parse(BsonDocument.parse(filter)), index, false).orElseThrow();
    }

    @Test
    void equalityOnASingleFieldIndexIsOneKey() {
        List<KeyRange> r = ranges("{a: 1}", "{a: 5}");
        assertEquals(1, r.size());
        assertEquals(true, r.get(0).single());
        assertArrayEquals(IndexKeys.component(new BsonInt32(5), false), r.get(0).from());
    }

    @Test
    void inOnADescendingSingleFieldIndexIsOneKeyPerValue() {
        List<KeyRange> r = ranges("{a: -1}", "{a: {$in: [1, 'x']}}");
        assertEquals(2, r.size());
        r.forEach(k -> assertEquals(true, k.single()));
        assertArrayEquals(IndexKeys.component(new BsonInt32(1), true), r.get(0).from());
    }

    @Test
    void prefixesOfCompoundIndexesAndRangesAreRanges() {
        assertEquals(false, ranges("{a: 1, b: 1}", "{a: 5}").get(0).single());
        assertEquals(false, ranges("{a: 1}", "{a: {$gte: 5}}").get(0).single());
    }
}
