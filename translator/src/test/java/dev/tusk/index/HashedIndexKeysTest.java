package dev.tusk.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.error.MongoServerException;
import dev.tusk.query.FilterParser;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/** Hashed index keys: one fixed-size key per document, equal values equal keys, arrays refused; equality-only bounds. */
class HashedIndexKeysTest {
    private static IndexKeys index(String pattern, boolean sparse) {
        return new IndexKeys(BsonDocument.parse(pattern), sparse, Optional.empty());
    }

    private static byte[] only(Set<ByteBuffer> keys) {
        assertEquals(1, keys.size());
        ByteBuffer k = keys.iterator().next();
        byte[] out = new byte[k.remaining()];
        k.duplicate().get(out);
        return out;
    }

    @Test
    void valuesMongoDbCallsEqualShareAHash() {
        byte[] one = HashedKey.of(new BsonInt32(1));
        assertArrayEquals(one, HashedKey.of(new BsonInt64(1)));
        assertArrayEquals(one, HashedKey.of(new BsonDouble(1.0)));
        assertArrayEquals(one, HashedKey.of(new BsonDecimal128(Decimal128.parse("1.00"))));
        assertNotEquals(ByteBuffer.wrap(one), ByteBuffer.wrap(HashedKey.of(new BsonString("1"))));
        assertEquals(HashedKey.LENGTH, one.length);
    }

    @Test
    void aDocumentHasOneKeyItsValuesHashMissingAsNull() {
        IndexKeys a = index("{a: 'hashed'}", false);
        assertArrayEquals(HashedKey.of(new BsonString("x")), only(a.of(BsonDocument.parse("{a: 'x'}"))));
        assertArrayEquals(HashedKey.of(BsonNull.VALUE), only(a.of(BsonDocument.parse("{b: 1}"))));
        assertArrayEquals(HashedKey.of(BsonDocument.parse("{b: [1, 2]}")), only(a.of(BsonDocument.parse("{a: {b: [1, 2]}}"))),
                "arrays below the hashed value are part of it");
        assertTrue(index("{a: 'hashed'}", true).of(BsonDocument.parse("{b: 1}")).isEmpty(), "sparse leaves out documents without it");
        assertFalse(a.isMultikeyFor(BsonDocument.parse("{a: 1}")));
    }

    @Test
    void compoundKeysHashOnlyTheHashedField() {
        IndexKeys ab = index("{a: 'hashed', b: -1}", false);
        byte[] key = only(ab.of(BsonDocument.parse("{a: 1, b: 2}")));
        byte[] expected = new byte[key.length];
        byte[] hash = HashedKey.of(new BsonInt32(1));
        byte[] b = IndexKeys.component(new BsonInt32(2), true);
        System.arraycopy(hash, 0, expected, 0, hash.length);
        System.arraycopy(b, 0, expected, hash.length, b.length);
        assertArrayEquals(expected, key);
    }

    @Test
    void arraysOnAnyIndexedPathAreRefusedNamingWhereTheArrayIs() {
        MongoServerException e = assertThrows(MongoServerException.class,
                () -> index("{'a.b': 'hashed'}", false).of(BsonDocument.parse("{a: [{b: 1}]}")));
        assertEquals(16766, e.code().code());
        assertEquals("Error: hashed indexes do not currently support array values. Found array at path: a", e.getMessage());
        MongoServerException other = assertThrows(MongoServerException.class,
                () -> index("{a: 'hashed', c: 1}", false).of(BsonDocument.parse("{a: 1, c: []}")));
        assertEquals("Error: hashed indexes do not currently support array values. Found array at path: c", other.getMessage());
    }

    @Test
    void boundsAreHashedPointsForEqualityAndInNeverRanges() {
        IndexKeys a = index("{a: 'hashed'}", false);
        List<KeyRange> eq = IndexBounds.of(FilterParser.parse(BsonDocument.parse("{a: 5}")), a, false).orElseThrow();
        assertEquals(1, eq.size());
        assertTrue(eq.get(0).single());
        assertArrayEquals(HashedKey.of(new BsonInt32(5)), eq.get(0).from());
        assertEquals(3, IndexBounds.of(FilterParser.parse(BsonDocument.parse("{a: {$in: [1, 'x', null]}}")), a, false)
                .orElseThrow().size());
        assertTrue(IndexBounds.of(FilterParser.parse(BsonDocument.parse("{a: {$gt: 5}}")), a, false).isEmpty());
        assertFalse(IndexBounds.decides(FilterParser.parse(BsonDocument.parse("{a: 5}")), a, false, false),
                "hashes may collide: the documents are always tested");
        assertTrue(IndexBounds.of(FilterParser.parse(BsonDocument.parse("{b: 5}")), index("{a: 'hashed', b: 1}", false), false)
                .isEmpty());
        assertFalse(IndexBounds.of(FilterParser.parse(BsonDocument.parse("{b: {$gt: 5}}")), index("{b: 1, a: 'hashed'}", false), false)
                .isEmpty(), "a compound index's ordered first field still serves ranges");
    }
}
