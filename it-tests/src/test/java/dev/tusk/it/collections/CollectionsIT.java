package dev.tusk.it.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** create, drop, dropDatabase, listDatabases, listCollections, renameCollection and name rules. */
class CollectionsIT {
    private final MongoClient client = TuskTestServer.client();
    private final MongoDatabase db = client.getDatabase("collections_it");

    @BeforeEach
    void fresh() {
        db.drop();
    }

    private List<String> names() {
        return db.listCollectionNames().into(new ArrayList<>());
    }

    @Test
    void createListDrop() {
        db.createCollection("a");
        db.getCollection("b").insertOne(new Document("x", 1));
        List<String> names = names();
        names.sort(null);
        assertEquals(List.of("a", "b"), names);
        Document a = db.listCollections().filter(new Document("name", "a")).first();
        assertEquals("collection", a.getString("type"));
        assertTrue(a.get("info", Document.class).containsKey("uuid"));
        db.getCollection("a").drop();
        assertEquals(List.of("b"), names());
        db.getCollection("never_existed").drop();
    }

    @Test
    void createTwiceIsNamespaceExists() {
        db.createCollection("dup");
        MongoCommandException e = assertThrows(MongoCommandException.class, () -> db.createCollection("dup"));
        assertEquals(48, e.getErrorCode());
    }

    @Test
    void listDatabasesShowsSizesAndDropDatabaseRemoves() {
        db.getCollection("c").insertOne(new Document("x", 1));
        Document dbs = client.getDatabase("admin").runCommand(new Document("listDatabases", 1));
        Document mine = dbs.getList("databases", Document.class).stream()
                .filter(d -> d.getString("name").equals("collections_it")).findFirst().orElseThrow();
        assertTrue(((Number) mine.get("sizeOnDisk")).longValue() > 0);
        assertTrue(client.listDatabaseNames().into(new ArrayList<>()).contains("collections_it"));
        db.drop();
        assertFalse(client.listDatabaseNames().into(new ArrayList<>()).contains("collections_it"));
    }

    @Test
    void renameCollectionKeepsDocuments() {
        db.getCollection("from").insertOne(new Document("_id", 1));
        db.getCollection("from").renameCollection(new MongoNamespace("collections_it", "to"));
        assertEquals(List.of("to"), names());
        assertEquals(1, db.getCollection("to").countDocuments());
        db.getCollection("other").insertOne(new Document("_id", 2));
        MongoCommandException exists = assertThrows(MongoCommandException.class,
                () -> db.getCollection("to").renameCollection(new MongoNamespace("collections_it", "other")));
        assertEquals(48, exists.getErrorCode());
        MongoCommandException missing = assertThrows(MongoCommandException.class,
                () -> db.getCollection("nope").renameCollection(new MongoNamespace("collections_it", "x")));
        assertEquals(26, missing.getErrorCode());
    }

    @Test
    void longNamesSharingTheirFirst63BytesAreDistinct() {
        String prefix = "c".repeat(70);
        db.getCollection(prefix + "_one").insertOne(new Document("_id", 1));
        db.getCollection(prefix + "_two").insertOne(new Document("_id", 2));
        assertEquals(1, db.getCollection(prefix + "_one").find().first().getInteger("_id"));
        assertEquals(2, db.getCollection(prefix + "_two").find().first().getInteger("_id"));
        db.getCollection("Users").insertOne(new Document("_id", "upper"));
        db.getCollection("users").insertOne(new Document("_id", "lower"));
        assertEquals("upper", db.getCollection("Users").find().first().getString("_id"));
        assertEquals("lower", db.getCollection("users").find().first().getString("_id"));
    }

    @Test
    void invalidNamesAreInvalidNamespace() {
        MongoCommandException dollar = assertThrows(MongoCommandException.class, () -> db.createCollection("a$b"));
        assertEquals(73, dollar.getErrorCode());
        MongoCommandException system = assertThrows(MongoCommandException.class, () -> db.createCollection("system.foo"));
        assertEquals(73, system.getErrorCode());
        MongoCommandException badDb = assertThrows(MongoCommandException.class,
                () -> client.getDatabase("d".repeat(64)).runCommand(new Document("create", "x")));
        assertEquals(73, badDb.getErrorCode());
    }
}
