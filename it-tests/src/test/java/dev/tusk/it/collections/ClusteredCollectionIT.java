package dev.tusk.it.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ClusteredIndexOptions;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clustered collections (create's clusteredIndex) through the driver: options, listIndexes, hints, MongoDB's errors. */
class ClusteredCollectionIT {
    private final MongoDatabase db = TuskTestServer.client().getDatabase("clustered_it");

    @BeforeEach
    void fresh() {
        db.drop();
    }

    @Test
    void theClusteredIndexIsListedInPlaceOfIdAndServesReads() {
        db.createCollection("events", new CreateCollectionOptions().clusteredIndexOptions(
                new ClusteredIndexOptions(new Document("_id", 1), true).name("by time")));
        Document info = db.listCollections().filter(Filters.eq("name", "events")).first();
        assertEquals(new Document("clusteredIndex", new Document("v", 2).append("key", new Document("_id", 1))
                .append("name", "by time").append("unique", true)), info.get("options", Document.class));
        assertFalse(info.containsKey("idIndex"), "a clustered collection has no separate _id index");
        MongoCollection<Document> events = db.getCollection("events");
        events.createIndex(Indexes.ascending("kind"));
        List<Document> indexes = events.listIndexes().into(new ArrayList<>());
        assertEquals(new Document("v", 2).append("key", new Document("_id", 1)).append("name", "by time").append("unique", true)
                .append("clustered", true), indexes.get(0));
        assertEquals("kind_1", indexes.get(1).getString("name"));
        for (int i = 5; i > 0; i--) {
            events.insertOne(new Document("_id", i).append("kind", i % 2 == 0 ? "even" : "odd"));
        }
        assertEquals(List.of(1, 2, 3, 4, 5), events.find().map(d -> d.getInteger("_id")).into(new ArrayList<>()), "stored in _id order");
        assertEquals(List.of(2, 3), events.find(Filters.in("_id", 2, 3)).hintString("by time").map(d -> d.getInteger("_id"))
                .into(new ArrayList<>()));
        com.mongodb.MongoWriteException dup = assertThrows(com.mongodb.MongoWriteException.class,
                () -> events.insertOne(new Document("_id", 1)));
        assertEquals(11000, dup.getError().getCode(), "the clustered index is unique");
        MongoCommandException dropIt = assertThrows(MongoCommandException.class, () -> events.dropIndex("by time"));
        assertEquals(72, dropIt.getErrorCode());
        events.dropIndexes();
        assertEquals(List.of("by time"), events.listIndexes().map(d -> d.getString("name")).into(new ArrayList<>()));
    }

    @Test
    void withoutANameTheIndexIsIdUnderscore() {
        db.runCommand(new Document("create", "plain").append("clusteredIndex", new Document("key", new Document("_id", 1)).append("unique", true)));
        assertEquals("_id_", db.getCollection("plain").listIndexes().first().getString("name"));
        assertEquals(true, db.getCollection("plain").listIndexes().first().getBoolean("clustered"));
    }

    @Test
    void badSpecsAreMongoDbsErrors() {
        assertEquals(197, code(new Document("key", new Document("a", 1)).append("unique", true)));
        assertEquals(197, code(new Document("key", new Document("_id", -1)).append("unique", true)));
        assertEquals(197, code(new Document("key", new Document("_id", 1).append("b", 1)).append("unique", true)));
        assertEquals(5979700, code(new Document("key", new Document("_id", 1)).append("unique", false)));
        assertEquals(40414, code(new Document("key", new Document("_id", 1))));
        assertEquals(40415, code(new Document("key", new Document("_id", 1)).append("unique", true).append("sparse", true)));
        assertEquals(5979704, code(new Document("key", new Document("_id", 1)).append("unique", true).append("v", 1)));
        MongoCommandException capped = assertThrows(MongoCommandException.class, () -> db.runCommand(new Document("create", "c")
                .append("capped", true).append("size", 1000)
                .append("clusteredIndex", new Document("key", new Document("_id", 1)).append("unique", true))));
        assertEquals(72, capped.getErrorCode());
        assertFalse(db.listCollectionNames().into(new ArrayList<>()).contains("c"));
    }

    private int code(Document clusteredIndex) {
        return assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("create", "bad").append("clusteredIndex", clusteredIndex))).getErrorCode();
    }
}
