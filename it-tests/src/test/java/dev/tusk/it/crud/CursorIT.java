package dev.tusk.it.crud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonInt64;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** getMore and killCursors over cursors that stream from PostgreSQL batch by batch. */
class CursorIT {
    private static final MongoDatabase db = TuskTestServer.client().getDatabase("cursor_it");
    private static final MongoCollection<Document> many = db.getCollection("many");

    @BeforeAll
    static void load() {
        many.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            docs.add(new Document("_id", i).append("even", i % 2 == 0).append("pad", "x".repeat(100)));
        }
        many.insertMany(docs);
    }

    @Test
    void iteratesEveryDocumentAcrossBatches() {
        long count = 0;
        long expected = 0;
        try (MongoCursor<Document> c = many.find().batchSize(128).iterator()) {
            while (c.hasNext()) {
                assertEquals((int) expected++, c.next().getInteger("_id"));
                count++;
            }
        }
        assertEquals(5000, count);
        assertEquals(2500, many.countDocuments(Filters.eq("even", true)));
        List<Document> evens = many.find(Filters.eq("even", true)).batchSize(100).into(new ArrayList<>());
        assertEquals(2500, evens.size());
    }

    @Test
    void getMoreAndKillCursorsByCommand() {
        Document first = db.runCommand(new Document("find", "many").append("batchSize", 10));
        Document cursor = first.get("cursor", Document.class);
        long id = cursor.getLong("id");
        assertTrue(id != 0);
        assertEquals(10, cursor.getList("firstBatch", Document.class).size());
        Document more = db.runCommand(new Document("getMore", id).append("collection", "many").append("batchSize", 20));
        List<Document> next = more.get("cursor", Document.class).getList("nextBatch", Document.class);
        assertEquals(20, next.size());
        assertEquals(10, next.get(0).getInteger("_id"));
        Document killed = db.runCommand(new Document("killCursors", "many").append("cursors", List.of(new BsonInt64(id))));
        assertEquals(List.of(id), killed.getList("cursorsKilled", Long.class));
        MongoCommandException gone = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("getMore", id).append("collection", "many")));
        assertEquals(43, gone.getErrorCode());
    }

    @Test
    void singleBatchAndLimitCloseTheCursor() {
        Document reply = db.runCommand(new Document("find", "many").append("limit", 5));
        assertEquals(0L, reply.get("cursor", Document.class).getLong("id"));
        assertEquals(5, reply.get("cursor", Document.class).getList("firstBatch", Document.class).size());
        Document single = db.runCommand(new Document("find", "many").append("batchSize", 3).append("singleBatch", true));
        assertEquals(0L, single.get("cursor", Document.class).getLong("id"));
    }

    @Test
    void getMoreWithAnIntIdIsTypeMismatch() {
        MongoCommandException e = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("getMore", 5).append("collection", "many")));
        assertEquals(14, e.getErrorCode());
    }
}
