package dev.tusk.it.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.CursorType;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoQueryException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import dev.tusk.it.support.TuskTestServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** find's tailable and awaitData on capped collections, through the driver. */
class TailableCursorIT {
    private final MongoClient client = TuskTestServer.client();
    private final MongoDatabase db = client.getDatabase("tailable_it");

    @BeforeEach
    void fresh() {
        db.drop();
    }

    private MongoCollection<Document> capped(String name) {
        db.createCollection(name, new CreateCollectionOptions().capped(true).sizeInBytes(100_000));
        return db.getCollection(name);
    }

    @Test
    void aCursorWhosePositionWasTrimmedAwayIsCappedPositionLost() {
        db.createCollection("trimmed", new CreateCollectionOptions().capped(true).sizeInBytes(100_000).maxDocuments(3));
        MongoCollection<Document> c = db.getCollection("trimmed");
        for (int i = 0; i < 3; i++) {
            c.insertOne(new Document("_id", i));
        }
        try (MongoCursor<Document> cursor = c.find().cursorType(CursorType.Tailable).batchSize(2).iterator()) {
            assertEquals(0, cursor.next().get("_id"));
            assertEquals(1, cursor.next().get("_id"));
            for (int i = 3; i < 10; i++) {
                c.insertOne(new Document("_id", i)); // trims the documents the cursor stands on
            }
            MongoQueryException e = assertThrows(MongoQueryException.class, cursor::tryNext);
            assertEquals(136, e.getErrorCode(), e.getMessage());
        }
    }

    @Test
    void tailableOnAPlainCollectionIsBadValue() {
        db.getCollection("plain").insertOne(new Document("_id", 1));
        MongoQueryException e = assertThrows(MongoQueryException.class,
                () -> db.getCollection("plain").find().cursorType(CursorType.Tailable).iterator().tryNext());
        assertEquals(2, e.getErrorCode());
        assertTrue(e.getErrorMessage().endsWith("tailable cursor requested on non capped collection"), e.getErrorMessage());
        MongoCommandException awaitAlone = assertThrows(MongoCommandException.class, () -> db.runCommand(
                new Document("find", "plain").append("awaitData", true)));
        assertEquals(9, awaitAlone.getErrorCode());
    }

    @Test
    void tailableCursorSeesLaterInsertsAndAnEmptyTryNextReturnsNothing() {
        MongoCollection<Document> c = capped("tail");
        c.insertOne(new Document("_id", 2));
        c.insertOne(new Document("_id", 1));
        try (MongoCursor<Document> cursor = c.find().cursorType(CursorType.Tailable).batchSize(1).iterator()) {
            assertEquals(2, cursor.next().get("_id"));
            assertEquals(1, cursor.next().get("_id"));
            assertNull(cursor.tryNext());
            c.insertOne(new Document("_id", 0));
            assertEquals(0, cursor.tryNext().get("_id"));
            assertNull(cursor.tryNext());
        }
    }

    @Test
    void awaitDataCursorReceivesDocumentsAnotherClientInserts() throws Exception {
        MongoCollection<Document> c = capped("await");
        c.insertOne(new Document("_id", "first"));
        try (MongoClient other = TuskTestServer.newClient(TuskTestServer.uri() + "?directConnection=true");
                MongoCursor<Document> cursor = c.find().cursorType(CursorType.TailableAwait)
                        .maxAwaitTime(5, TimeUnit.SECONDS).iterator()) {
            assertEquals("first", cursor.next().get("_id"));
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                other.getDatabase("tailable_it").getCollection("await").insertOne(new Document("_id", "later"));
            });
            writer.start();
            long start = System.nanoTime();
            assertEquals("later", cursor.next().get("_id")); // the getMore waited for it
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waitedMs >= 200, "the document came after the insert 300 ms later: waited " + waitedMs + " ms");
            writer.join();
        }
    }

    @Test
    void awaitDataGetMoreAnswersEmptyWhenItsTimeIsUp() {
        capped("empty_wait").insertOne(new Document("_id", 1));
        Document find = db.runCommand(new Document("find", "empty_wait").append("tailable", true).append("awaitData", true));
        long id = find.get("cursor", Document.class).getLong("id");
        assertTrue(id != 0);
        long start = System.nanoTime();
        Document more = db.runCommand(new Document("getMore", id).append("collection", "empty_wait").append("maxTimeMS", 300));
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(List.of(), more.get("cursor", Document.class).getList("nextBatch", Document.class));
        assertEquals(id, more.get("cursor", Document.class).getLong("id"));
        assertTrue(waitedMs >= 250, "awaitData waits out its maxTimeMS before answering empty: waited " + waitedMs + " ms");
        db.runCommand(new Document("killCursors", "empty_wait").append("cursors", List.of(id)));
    }

    @Test
    void aTailableFindOnAnEmptyCappedCollectionKeepsNoCursorAndAFilterApplies() {
        capped("quiet");
        Document empty = db.runCommand(new Document("find", "quiet").append("tailable", true));
        assertEquals(0L, empty.get("cursor", Document.class).getLong("id"));
        MongoCollection<Document> c = db.getCollection("quiet");
        c.insertOne(new Document("_id", 1).append("even", false));
        try (MongoCursor<Document> cursor = c.find(new Document("even", true)).cursorType(CursorType.Tailable).iterator()) {
            assertNull(cursor.tryNext());
            c.insertOne(new Document("_id", 2).append("even", true));
            c.insertOne(new Document("_id", 3).append("even", false));
            c.insertOne(new Document("_id", 4).append("even", true));
            assertEquals(2, cursor.tryNext().get("_id"));
            assertEquals(4, cursor.tryNext().get("_id"));
            assertNull(cursor.tryNext());
        }
        MongoCommandException sorted = assertThrows(MongoCommandException.class, () -> db.runCommand(
                new Document("find", "quiet").append("tailable", true).append("sort", new Document("_id", 1))));
        assertEquals(2, sorted.getErrorCode());
    }
}
