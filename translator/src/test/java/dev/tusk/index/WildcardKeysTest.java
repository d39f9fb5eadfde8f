package dev.tusk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.MongoServerException;
import dev.tusk.query.FilterParser;
import dev.tusk.storage.IdKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/** Wildcard index keys are (path, value) for every covered leaf, as MongoDB's wildcard index keys; bounds stay on one path. */
class WildcardKeysTest {
    private static Set<ByteBuffer> keys(String pattern, String projection, String doc) {
        Optional<BsonDocument> p = projection == null ? Optional.empty() : Optional.of(BsonDocument.parse(projection));
        return new IndexKeys(BsonDocument.parse(pattern), false, Optional.empty(), p).of(BsonDocument.parse(doc));
    }

    private static ByteBuffer key(String path, BsonValue v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(WildcardKeys.pathPrefix(FieldPath.parse(path)));
        out.writeBytes(IdKey.encode(v));
        return ByteBuffer.wrap(out.toByteArray());
    }

    private static BsonInt32 i(int v) {
        return new BsonInt32(v);
    }

    @Test
    void everyLeafIsAKeyOfItsPathArraysGiveTheirElementsAndIdIsLeftOut() {
        Set<ByteBuffer> keys = keys("{'$**': 1}", null,
                "{_id: 7, a: 1, b: {c: 'x', d: [2, 3, {e: 4}, [5, 6]]}, f: {}, g: [], 'h.i': 9}");
        Set<ByteBuffer> expected = new HashSet<>(List.of(key("a", i(1)), key("b.c", new BsonString("x")), key("b.d", i(2)),
                key("b.d", i(3)), key("b.d.e", i(4)), key("b.d", new BsonArray(List.of(i(5), i(6)))), key("f", new BsonDocument()),
                key("g", new BsonUndefined())));
        assertEquals(expected, new HashSet<>(keys));
    }

    @Test
    void projectionsAndSubtreesChooseThePaths() {
        String doc = "{_id: 1, a: {b: 1, c: 2}, d: 3}";
        assertEquals(Set.of(key("a.b", i(1)), key("a.c", i(2))), keys("{'a.$**': 1}", null, doc));
        assertEquals(Set.of(key("a.b", i(1)), key("d", i(3))), keys("{'$**': 1}", "{'a.b': 1, d: 1}", doc));
        assertEquals(Set.of(key("a.b", i(1)), key("_id", i(1))), keys("{'$**': 1}", "{a: {c: 0}, d: 0, _id: 1}", doc));
        assertEquals(Set.of(key("_id", i(1))), keys("{'$**': 1}", "{_id: 1}", doc));
    }

    @Test
    void aProjectionMayNotMixInclusionAndExclusion() {
        MongoServerException e = assertThrows(MongoServerException.class,
                () -> IndexSpecs.normalise(BsonDocument.parse("{key: {'$**': 1}, name: 'w', wildcardProjection: {a: 1, b: 0}}")));
        assertEquals(31254, e.code().code());
        assertEquals("Failed to parse projection: wildcardProjection :: caused by :: Cannot do exclusion on field b in inclusion "
                + "projection", e.getMessage());
    }

    @Test
    void boundsArePathPrefixedRangesOnACoveredPathWithAScalar() {
        IndexKeys all = new IndexKeys(BsonDocument.parse("{'$**': 1}"), false, Optional.empty());
        List<KeyRange> eq = IndexBounds.of(FilterParser.parse(BsonDocument.parse("{'a.b': 5, c: {$gt: 1}}")), all, false).orElseThrow();
        assertEquals(1, eq.size());
        assertTrue(eq.get(0).single());
        assertEquals(key("a.b", i(5)), ByteBuffer.wrap(eq.get(0).from()));
        List<KeyRange> range = IndexBounds.of(FilterParser.parse(BsonDocument.parse("{c: {$gt: 1, $lt: 9}}")), all, false, false)
                .orElseThrow();
        assertEquals(1, range.size());
        assertFalse(range.get(0).single());
        for (String unusable : List.of("{a: null}", "{a: {$exists: false}}", "{a: {b: 1}}", "{a: [1]}", "{'a.0': 1}", "{_id: 1}",
                "{a: {$ne: 1}}", "{a: {$in: [1, null]}}")) {
            assertTrue(IndexBounds.of(FilterParser.parse(BsonDocument.parse(unusable)), all, false).isEmpty(), unusable);
        }
        IndexKeys projected = new IndexKeys(BsonDocument.parse("{'$**': 1}"), false, Optional.empty(),
                Optional.of(BsonDocument.parse("{a: 0}")));
        assertTrue(IndexBounds.of(FilterParser.parse(BsonDocument.parse("{'a.b': 1}")), projected, false).isEmpty());
        assertFalse(IndexBounds.of(FilterParser.parse(BsonDocument.parse("{b: 1}")), projected, false).isEmpty());
        assertFalse(IndexBounds.decides(FilterParser.parse(BsonDocument.parse("{b: 1}")), projected, false, false));
    }
}
