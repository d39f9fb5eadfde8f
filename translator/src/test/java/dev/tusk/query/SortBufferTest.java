package dev.tusk.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spilling sort gives what a stable in-memory sort gives, and leaves no file behind. */
class SortBufferTest {
    private static final Comparator<BsonDocument> BY_K = SortSpec.parse(BsonDocument.parse("{k: 1}")).comparator();

    @TempDir
    Path spill;

    private static long size(BsonDocument d) {
        return new RawBsonDocument(d, new BsonDocumentCodec()).getByteBuffer().remaining();
    }

    private static List<BsonDocument> documents(int n, long seed) {
        Random random = new Random(seed);
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // few distinct keys of mixed types: many ties, whose input order must survive
            BsonDocument d = new BsonDocument("i", new BsonInt32(i));
            if (random.nextInt(8) > 0) {
                d.append("k", random.nextBoolean() ? new BsonInt32(random.nextInt(5)) : new BsonString("s" + random.nextInt(3)));
            }
            docs.add(d);
        }
        return docs;
    }

    private static List<Integer> order(Iterator<BsonDocument> sorted) {
        List<Integer> ids = new ArrayList<>();
        sorted.forEachRemaining(d -> ids.add(d.getInt32("i").getValue()));
        return ids;
    }

    private SortBuffer buffer(long budget, boolean mayUseDisk) {
        return new SortBuffer(BY_K, budget, mayUseDisk, SortBufferTest::size, () -> new IllegalStateException("over"), spill);
    }

    @Test
    void spilledRunsMergeIntoTheStableOrder() throws IOException {
        for (long budget : new long[] {300, 4_000, 20_000, 1_000_000}) {
            List<BsonDocument> docs = documents(2_000, budget);
            List<BsonDocument> expected = new ArrayList<>(docs);
            expected.sort(BY_K);
            SortBuffer buffer = buffer(budget, true);
            docs.forEach(buffer::add);
            boolean spilled = buffer.spilledRuns() > 0;
            assertEquals(budget < 1_000_000, spilled, "budget " + budget);
            assertEquals(order(expected.iterator()), order(buffer.sorted()), "budget " + budget);
            try (var left = Files.list(spill)) {
                assertEquals(0, left.count(), "runs deleted once merged");
            }
        }
    }

    @Test
    void closingBeforeTheEndDeletesTheRuns() throws IOException {
        SortBuffer buffer = buffer(200, true);
        documents(500, 1).forEach(buffer::add);
        Iterator<BsonDocument> sorted = buffer.sorted();
        sorted.next();
        try (var runs = Files.list(spill)) {
            assertTrue(runs.count() > 1);
        }
        buffer.close();
        buffer.close();
        try (var left = Files.list(spill)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void withoutDiskUseTheBudgetIsAnError() throws IOException {
        SortBuffer buffer = buffer(1_000, false);
        List<BsonDocument> docs = documents(500, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> docs.forEach(buffer::add));
        assertEquals("over", e.getMessage());
        try (var left = Files.list(spill)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void withinTheBudgetNothingTouchesTheDisk() {
        SortBuffer buffer = buffer(1_000_000, false);
        BsonDocument only = new BsonDocument("i", new BsonInt32(0));
        buffer.add(only);
        Iterator<BsonDocument> sorted = buffer.sorted();
        assertSame(only, sorted.next(), "the same document object, not a copy");
        assertFalse(sorted.hasNext());
        assertEquals(0, buffer.spilledRuns());
    }
}
