package dev.tusk.it.indexes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** collMod's conversion of an index to unique (prepareUnique, then unique: true), through the driver. */
class UniqueConversionIT {
    private final MongoDatabase db = TuskTestServer.client().getDatabase("unique_conversion_it");
    private MongoCollection<Document> apples;

    @BeforeEach
    void fresh() {
        apples = db.getCollection("apples");
        apples.drop();
        apples.insertMany(List.of(new Document("_id", 1).append("type", "Delicious"), new Document("_id", 2).append("type", "Fuji"),
                new Document("_id", 3).append("type", "Delicious"), new Document("_id", 4).append("type", "Gala")));
        apples.createIndex(Indexes.ascending("type"));
    }

    @Test
    void prepareUniqueRefusesNewDuplicatesAndKeepsOldOnes() {
        Document reply = collMod(new Document("keyPattern", new Document("type", 1)).append("prepareUnique", true));
        assertEquals(false, reply.getBoolean("prepareUnique_old"));
        assertEquals(true, reply.getBoolean("prepareUnique_new"));
        assertEquals(true, index("type_1").getBoolean("prepareUnique"));

        MongoWriteException dup = assertThrows(MongoWriteException.class, () -> apples.insertOne(new Document("_id", 5).append("type", "Fuji")));
        assertEquals(11000, dup.getError().getCode());
        assertEquals("E11000 duplicate key error collection: unique_conversion_it.apples index: type_1 dup key: { type: \"Fuji\" }",
                dup.getError().getMessage());
        apples.insertOne(new Document("_id", 6).append("type", "Pink Lady"));
        assertThrows(MongoWriteException.class, () -> apples.insertOne(new Document("_id", 7).append("type", "Pink Lady")));
        // a document keeps the key it shared before, and may add others
        apples.updateOne(Filters.eq("_id", 1), Updates.set("type", List.of("Delicious", "Honeycrisp")));
        MongoWriteException moved = assertThrows(MongoWriteException.class,
                () -> apples.updateOne(Filters.eq("_id", 4), Updates.set("type", "Honeycrisp")));
        assertEquals(11000, moved.getError().getCode());
        assertEquals("Gala", apples.find(Filters.eq("_id", 4)).first().getString("type"));
        assertEquals(5, apples.countDocuments());

        collMod(new Document("name", "type_1").append("prepareUnique", false));
        assertFalse(index("type_1").containsKey("prepareUnique"));
        apples.insertOne(new Document("_id", 7).append("type", "Pink Lady"));
    }

    @Test
    void uniqueReportsTheConflictingDocumentsUntilTheyAreResolved() {
        collMod(new Document("keyPattern", new Document("type", 1)).append("prepareUnique", true));
        MongoCommandException dry = assertThrows(MongoCommandException.class, () -> db.runCommand(new Document("collMod", "apples")
                .append("index", new Document("keyPattern", new Document("type", 1)).append("unique", true)).append("dryRun", true)));
        assertEquals(359, dry.getErrorCode());
        assertEquals("Cannot convert the index to unique. Please resolve conflicting documents before running collMod again.",
                dry.getErrorMessage());
        assertEquals(List.of(new Document("ids", List.of(1, 3))), violations(dry));

        MongoCommandException real = assertThrows(MongoCommandException.class,
                () -> collMod(new Document("keyPattern", new Document("type", 1)).append("unique", true)));
        assertEquals(359, real.getErrorCode());
        assertEquals(List.of(new Document("ids", List.of(1, 3))), violations(real));
        assertFalse(index("type_1").containsKey("unique"), "nothing changed");

        apples.deleteOne(Filters.eq("_id", 3));
        Document dryOk = db.runCommand(new Document("collMod", "apples")
                .append("index", new Document("keyPattern", new Document("type", 1)).append("unique", true)).append("dryRun", true));
        assertEquals(1.0, dryOk.get("ok", Number.class).doubleValue());
        assertFalse(index("type_1").containsKey("unique"), "a dry run changes nothing");

        Document done = collMod(new Document("keyPattern", new Document("type", 1)).append("unique", true));
        assertEquals(true, done.getBoolean("unique_new"));
        Document index = index("type_1");
        assertEquals(true, index.getBoolean("unique"));
        assertFalse(index.containsKey("prepareUnique"));
        MongoWriteException dup = assertThrows(MongoWriteException.class, () -> apples.insertOne(new Document("_id", 9).append("type", "Gala")));
        assertEquals(11000, dup.getError().getCode());
        assertTrue(dup.getError().getMessage().contains("index: type_1 dup key: { type: \"Gala\" }"), dup.getError().getMessage());
        assertEquals(List.of(1), apples.find(Filters.eq("type", "Delicious")).map(d -> d.getInteger("_id")).into(new ArrayList<>()));
    }

    @Test
    void badConversionsAreRefused() {
        MongoCommandException unprepared = assertThrows(MongoCommandException.class,
                () -> collMod(new Document("keyPattern", new Document("type", 1)).append("unique", true)));
        assertEquals(72, unprepared.getErrorCode());
        MongoCommandException unknown = assertThrows(MongoCommandException.class,
                () -> collMod(new Document("keyPattern", new Document("type", 1)).append("uniq", true)));
        assertEquals(40415, unknown.getErrorCode());
        assertEquals("BSON field 'collMod.index.uniq' is an unknown field.", unknown.getErrorMessage());
        MongoCommandException combined = assertThrows(MongoCommandException.class,
                () -> collMod(new Document("keyPattern", new Document("type", 1)).append("prepareUnique", true).append("hidden", true)));
        assertEquals(72, combined.getErrorCode());
        MongoCommandException dryAlone = assertThrows(MongoCommandException.class, () -> db.runCommand(new Document("collMod", "apples")
                .append("index", new Document("keyPattern", new Document("type", 1)).append("hidden", true)).append("dryRun", true)));
        assertEquals(72, dryAlone.getErrorCode());
        assertFalse(index("type_1").containsKey("hidden"));
    }

    @Test
    void createIndexWithPrepareUniqueRefusesNewDuplicates() {
        db.runCommand(new Document("createIndexes", "apples").append("indexes",
                List.of(new Document("key", new Document("orchard", 1)).append("name", "orchard_1").append("prepareUnique", true))));
        assertEquals(true, index("orchard_1").getBoolean("prepareUnique"));
        apples.updateOne(Filters.eq("_id", 1), Updates.set("orchard", "north"));
        assertThrows(MongoWriteException.class, () -> apples.updateOne(Filters.eq("_id", 2), Updates.set("orchard", "north")));
        assertEquals(1, apples.countDocuments(Filters.eq("orchard", "north")));
    }

    @Test
    void concurrentWritersOfOneNewKeyLeaveOneDocument() throws Exception {
        collMod(new Document("keyPattern", new Document("type", 1)).append("prepareUnique", true));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 25; round++) {
                String type = "new-" + round;
                CyclicBarrier start = new CyclicBarrier(2);
                List<CompletableFuture<Boolean>> writers = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    int id = 100 + round * 2 + w;
                    writers.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                            apples.insertOne(new Document("_id", id).append("type", type));
                            return true;
                        } catch (MongoWriteException e) {
                            assertEquals(11000, e.getError().getCode());
                            return false;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool));
                }
                long inserted = writers.stream().filter(CompletableFuture::join).count();
                assertEquals(1, inserted, "round " + round);
                assertEquals(1, apples.countDocuments(Filters.eq("type", type)), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Document collMod(Document index) {
        return db.runCommand(new Document("collMod", "apples").append("index", index));
    }

    private Document index(String name) {
        return apples.listIndexes().into(new ArrayList<>()).stream().filter(i -> i.getString("name").equals(name)).findFirst()
                .orElseThrow();
    }

    private static List<Document> violations(MongoCommandException e) {
        List<Document> out = new ArrayList<>();
        e.getResponse().getArray("violations").forEach(v -> out.add(Document.parse(v.asDocument().toJson())));
        return out;
    }
}
