package dev.tusk.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.text.ScoredDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool gives back what was added, by position and in order, from memory or from its file, and leaves no file behind. */
class DocumentSpoolTest {
    @TempDir
    Path spill;

    private static long size(BsonDocument d) {
        return new RawBsonDocument(d, new BsonDocumentCodec()).getByteBuffer().remaining();
    }

    private DocumentSpool spool(long budget, boolean mayUseDisk) {
        return new DocumentSpool(budget, mayUseDisk, DocumentSpoolTest::size, () -> new IllegalStateException("over"), spill);
    }

    private static BsonDocument doc(int i) {
        return new BsonDocument("i", new BsonInt32(i)).append("s", new BsonString("v".repeat(i % 7)));
    }

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(spill)) {
            return s.count();
        }
    }

    @Test
    void underTheBudgetItStaysInMemory() throws IOException {
        try (DocumentSpool s = spool(10_000, false)) {
            for (int i = 0; i < 20; i++) {
                s.add(doc(i));
            }
            assertFalse(s.spilled());
            assertEquals(20, s.size());
            assertEquals(doc(13), s.get(13));
            assertEquals(0, files());
        }
    }

    @Test
    void pastTheBudgetEveryDocumentIsReadBackFromTheFile() throws IOException {
        DocumentSpool s = spool(500, true);
        for (int i = 0; i < 300; i++) {
            s.add(doc(i));
        }
        assertTrue(s.spilled());
        assertEquals(1, files());
        assertEquals(300, s.size());
        assertEquals(doc(0), s.get(0));
        assertEquals(doc(299), s.get(299));
        assertEquals(doc(150), s.get(150));
        for (int pass = 0; pass < 2; pass++) { // read again from the start, as each $facet sub-pipeline does
            List<BsonDocument> all = new ArrayList<>(s.asList());
            assertEquals(300, all.size());
            for (int i = 0; i < 300; i++) {
                assertEquals(doc(i), all.get(i));
            }
        }
        s.add(doc(300)); // appending after a read
        assertEquals(doc(300), s.get(300));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(301));
        s.close();
        assertEquals(0, files());
        s.close();
    }

    @Test
    void aTextScoreSurvivesTheFile() {
        try (DocumentSpool s = spool(10, true)) {
            s.add(new ScoredDocument(doc(1), 2.5));
            s.add(doc(2));
            s.add(ScoredDocument.unscored(doc(3))); // found by another clause of the $or beside $text
            assertTrue(s.spilled());
            assertEquals(2.5, ScoredDocument.scoreOf(s.get(0)).getAsDouble());
            assertTrue(ScoredDocument.scoreOf(s.get(1)).isEmpty());
            assertThrows(RuntimeException.class, () -> ScoredDocument.metaScore(s.get(1)), "40218: no $text query found it");
            assertEquals(null, ScoredDocument.metaScore(s.get(2)), "unscored: $meta is missing");
            assertEquals(Double.NEGATIVE_INFINITY, ScoredDocument.sortScore(s.get(2)));
        }
    }

    @Test
    void withoutDiskUsePastTheBudgetIsTheCallersError() throws IOException {
        DocumentSpool s = spool(200, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            for (int i = 0; i < 100; i++) {
                s.add(doc(i));
            }
        });
        assertEquals("over", e.getMessage());
        assertEquals(0, files());
    }
}
