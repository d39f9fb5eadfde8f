package dev.tusk.it.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Capped collections (limits, insertion order, trimming with indexes, convertToCapped, renames), through the driver. */
class CappedIT {
    private final MongoClient client = TuskTestServer.client();
    private final MongoDatabase db = client.getDatabase("capped_it");

    @BeforeEach
    void fresh() {
        db.drop();
    }

    private MongoCollection<Document> capped(String name, long size, long max) {
        CreateCollectionOptions options = new CreateCollectionOptions().capped(true).sizeInBytes(size);
        if (max > 0) {
            options.maxDocuments(max);
        }
        db.createCollection(name, options);
        return db.getCollection(name);
    }

    private static List<Object> ids(Iterable<Document> docs) {
        List<Object> ids = new ArrayList<>();
        docs.forEach(d -> ids.add(d.get("_id")));
        return ids;
    }

    @Test
    void optionsShowInListCollectionsAndCollStats() {
        capped("log", 100_000, 5);
        Document options = db.listCollections().filter(new Document("name", "log")).first().get("options", Document.class);
        assertEquals(true, options.getBoolean("capped"));
        assertEquals(100_000, ((Number) options.get("size")).longValue());
        assertEquals(5, ((Number) options.get("max")).longValue());
        Document stats = db.runCommand(new Document("collStats", "log"));
        assertEquals(true, stats.getBoolean("capped"));
        assertEquals(5, ((Number) stats.get("max")).longValue());
        assertEquals(100_000, ((Number) stats.get("maxSize")).longValue());
        db.createCollection("plain");
        assertEquals(false, db.runCommand(new Document("collStats", "plain")).getBoolean("capped"));
    }

    @Test
    void pastMaxTheNewestStayInInsertionOrder() {
        MongoCollection<Document> c = capped("c", 100_000, 3);
        for (int id : new int[] {5, 1, 9, 3, 7, 2}) {
            c.insertOne(new Document("_id", id));
        }
        assertEquals(List.of(3, 7, 2), ids(c.find()));
        assertEquals(List.of(2, 7, 3), ids(c.find().sort(new Document("$natural", -1))));
        assertEquals(List.of(2, 7, 3), ids(c.find().hint(new Document("$natural", -1))));
        String sql = c.find().sort(new Document("$natural", -1)).explain(com.mongodb.ExplainVerbosity.QUERY_PLANNER)
                .get("tusk", Document.class).getString("sql");
        assertTrue(sql.contains("order by \"_seq\" desc"), sql);
        assertEquals(3, c.countDocuments());
        // one batch past the limit: only its newest three documents stay
        c.insertMany(List.of(new Document("_id", 20), new Document("_id", 10), new Document("_id", 30), new Document("_id", 15)));
        assertEquals(List.of(10, 30, 15), ids(c.find()));
        assertEquals(List.of(10, 15), ids(c.find(Filters.in("_id", 10, 15))));
    }

    @Test
    void pastSizeTheOldestGo() {
        MongoCollection<Document> c = capped("s", 1100, 0);
        String pad = "x".repeat(180);
        for (int i = 0; i < 20; i++) {
            c.insertOne(new Document("_id", 100 - i).append("pad", pad));
        }
        List<Object> ids = ids(c.find());
        long total = db.runCommand(new Document("collStats", "s")).get("size", Number.class).longValue();
        assertTrue(total <= 1100, "size " + total);
        assertEquals(5, ids.size()); // each document is 204 bytes: five fit in 1100
        assertEquals(List.of(85, 84, 83, 82, 81), ids);
        assertEquals(5, db.runCommand(new Document("collStats", "s")).get("count", Number.class).longValue());
    }

    @Test
    void secondaryIndexesLoseTrimmedDocuments() {
        MongoCollection<Document> c = capped("ix", 100_000, 4);
        c.createIndex(Indexes.ascending("k"));
        c.createIndex(Indexes.ascending("tag"), new com.mongodb.client.model.IndexOptions().unique(true));
        for (int i = 0; i < 10; i++) {
            c.insertOne(new Document("_id", i).append("k", i % 3).append("tag", "t" + i));
        }
        assertEquals(List.of(6, 7, 8, 9), ids(c.find()));
        assertEquals(List.of(6, 9), ids(c.find(Filters.eq("k", 0)).hint(Indexes.ascending("k"))));
        assertEquals(List.of(7, 8), ids(c.find(Filters.in("k", 1, 2)).hint(Indexes.ascending("k")).sort(new Document("_id", 1))));
        assertEquals(List.of(), ids(c.find(Filters.eq("tag", "t0")).hint(Indexes.ascending("tag"))));
        // the unique key of a trimmed document is free again
        c.insertOne(new Document("_id", 100).append("tag", "t0"));
        assertEquals(List.of(100), ids(c.find(Filters.eq("tag", "t0")).hint(Indexes.ascending("tag"))));
    }

    @Test
    void deletesAndUpdatesThatChangeSizeAreAllowed() {
        MongoCollection<Document> c = capped("du", 600, 0);
        for (int i = 0; i < 3; i++) {
            c.insertOne(new Document("_id", i).append("v", "a"));
        }
        c.deleteOne(Filters.eq("_id", 1));
        c.updateOne(Filters.eq("_id", 2), new Document("$set", new Document("v", "b".repeat(100))));
        assertEquals(List.of(0, 2), ids(c.find()));
        for (int i = 3; i < 10; i++) {
            c.insertOne(new Document("_id", i).append("v", "c".repeat(60)));
        }
        long size = db.runCommand(new Document("collStats", "du")).get("size", Number.class).longValue();
        assertTrue(size <= 600, "size " + size);
        List<Object> ids = ids(c.find());
        assertEquals(9, ids.get(ids.size() - 1));
    }

    @Test
    void badOptionsAreMongoDbsErrors() {
        MongoCommandException noSize = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("create", "e").append("capped", true)));
        assertEquals(72, noSize.getErrorCode());
        assertEquals("the 'size' field is required when 'capped' is true", noSize.getErrorMessage());
        MongoCommandException notCapped = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("create", "e").append("size", 1000)));
        assertEquals(72, notCapped.getErrorCode());
        MongoCommandException zero = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("create", "e").append("capped", true).append("size", 0)));
        assertEquals(51024, zero.getErrorCode());
        assertEquals("BSON field 'size' value must be >= 1, actual value '0'", zero.getErrorMessage());
        MongoCommandException wrongType = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("create", "e").append("capped", true).append("size", "big")));
        assertEquals(14, wrongType.getErrorCode());
        assertFalse(db.listCollectionNames().into(new ArrayList<>()).contains("e"));
        MongoCollection<Document> c = capped("ttl", 10_000, 0);
        MongoCommandException ttl = assertThrows(MongoCommandException.class, () -> c.createIndexes(List.of(
                new com.mongodb.client.model.IndexModel(Indexes.ascending("k")),
                new com.mongodb.client.model.IndexModel(Indexes.ascending("at"),
                        new com.mongodb.client.model.IndexOptions().expireAfter(60L, java.util.concurrent.TimeUnit.SECONDS)))));
        assertEquals(67, ttl.getErrorCode());
        assertEquals("Cannot create TTL index on a capped collection", ttl.getErrorMessage());
        assertEquals(1, c.listIndexes().into(new ArrayList<>()).size(), "no index of the batch was built");
    }

    @Test
    void convertToCappedKeepsTheNewestThatFit() {
        MongoCollection<Document> c = db.getCollection("conv");
        c.createIndex(Indexes.ascending("k"));
        for (int i = 0; i < 10; i++) {
            c.insertOne(new Document("_id", i).append("k", i).append("pad", "p".repeat(70)));
        }
        db.runCommand(new Document("convertToCapped", "conv").append("size", 410));
        Document options = db.listCollections().filter(new Document("name", "conv")).first().get("options", Document.class);
        assertEquals(true, options.getBoolean("capped"));
        assertEquals(List.of(6, 7, 8, 9), ids(c.find())); // 4 documents of 101 bytes fit in 410
        assertEquals(List.of(), ids(c.find(Filters.lt("k", 6)).hint(Indexes.ascending("k"))));
        c.insertOne(new Document("_id", -1).append("k", -1).append("pad", "p".repeat(70)));
        assertEquals(List.of(7, 8, 9, -1), ids(c.find()));
        MongoCommandException missing = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("convertToCapped", "nope").append("size", 400)));
        assertEquals(26, missing.getErrorCode());
    }

    @Test
    void cloneCollectionAsCappedCopiesTheNewestThatFitAndLeavesTheSource() {
        MongoCollection<Document> c = db.getCollection("src");
        c.createIndex(Indexes.ascending("k"));
        db.runCommand(new Document("collMod", "src").append("validator", new Document("k", new Document("$type", "int"))));
        for (int i = 9; i >= 0; i--) { // inserted in descending _id order: natural order of a plain collection is _id order here
            c.insertOne(new Document("_id", i).append("k", i).append("pad", "p".repeat(70)));
        }
        assertEquals(1.0, db.runCommand(new Document("cloneCollectionAsCapped", "src").append("toCollection", "copy")
                .append("size", 410)).get("ok", Number.class).doubleValue());
        MongoCollection<Document> copy = db.getCollection("copy");
        assertEquals(List.of(6, 7, 8, 9), ids(copy.find())); // 4 documents of 101 bytes fit in 410
        assertEquals(10, c.countDocuments());
        Document options = db.listCollections().filter(new Document("name", "copy")).first().get("options", Document.class);
        assertEquals(true, options.getBoolean("capped"));
        assertEquals(410, ((Number) options.get("size")).longValue());
        assertEquals(new Document("k", new Document("$type", "int")), options.get("validator", Document.class));
        List<String> indexes = copy.listIndexes().map(d -> d.getString("name")).into(new ArrayList<>());
        assertEquals(List.of("_id_"), indexes);
        copy.insertOne(new Document("_id", -1).append("k", -1).append("pad", "p".repeat(70)));
        assertEquals(List.of(7, 8, 9, -1), ids(copy.find()));
        com.mongodb.MongoWriteException invalid = assertThrows(com.mongodb.MongoWriteException.class,
                () -> copy.insertOne(new Document("_id", -2).append("k", "x")));
        assertEquals(121, invalid.getError().getCode());

        // a capped source is copied in its insertion order
        db.runCommand(new Document("cloneCollectionAsCapped", "copy").append("toCollection", "copy2").append("size", 100_000));
        assertEquals(List.of(7, 8, 9, -1), ids(db.getCollection("copy2").find()));

        MongoCommandException exists = assertThrows(MongoCommandException.class, () -> db.runCommand(
                new Document("cloneCollectionAsCapped", "src").append("toCollection", "copy").append("size", 400)));
        assertEquals(48, exists.getErrorCode());
        assertEquals("cloneCollectionAsCapped failed - destination collection capped_it.copy already exists. "
                + "source collection: capped_it.src", exists.getErrorMessage());
        MongoCommandException missing = assertThrows(MongoCommandException.class, () -> db.runCommand(
                new Document("cloneCollectionAsCapped", "nope").append("toCollection", "n2").append("size", 400)));
        assertEquals(26, missing.getErrorCode());
        assertEquals("source collection capped_it.nope does not exist", missing.getErrorMessage());
        db.createView("v", "src", List.of());
        MongoCommandException view = assertThrows(MongoCommandException.class, () -> db.runCommand(
                new Document("cloneCollectionAsCapped", "v").append("toCollection", "n3").append("size", 400)));
        assertEquals(166, view.getErrorCode());
        MongoCommandException noSize = assertThrows(MongoCommandException.class, () -> db.runCommand(
                new Document("cloneCollectionAsCapped", "src").append("toCollection", "n4")));
        assertEquals(40414, noSize.getErrorCode());
        MongoCommandException noTarget = assertThrows(MongoCommandException.class, () -> db.runCommand(
                new Document("cloneCollectionAsCapped", "src").append("size", 400)));
        assertEquals(40414, noTarget.getErrorCode());
        MongoCommandException zero = assertThrows(MongoCommandException.class, () -> db.runCommand(
                new Document("cloneCollectionAsCapped", "src").append("toCollection", "n5").append("size", 0)));
        assertEquals(51024, zero.getErrorCode());
        List<String> names = db.listCollectionNames().into(new ArrayList<>());
        assertFalse(names.contains("n2") || names.contains("n3") || names.contains("n4") || names.contains("n5"));
    }

    @Test
    void aRenamedCappedCollectionKeepsItsOrderAndLimits() {
        MongoCollection<Document> c = capped("before", 100_000, 2);
        c.insertOne(new Document("_id", 2));
        c.insertOne(new Document("_id", 1));
        c.renameCollection(new com.mongodb.MongoNamespace("capped_it", "after"));
        MongoCollection<Document> renamed = db.getCollection("after");
        renamed.insertOne(new Document("_id", 0));
        assertEquals(List.of(1, 0), ids(renamed.find()));
        MongoDatabase other = client.getDatabase("capped_it_other");
        other.drop();
        renamed.renameCollection(new com.mongodb.MongoNamespace("capped_it_other", "moved"));
        MongoCollection<Document> moved = other.getCollection("moved");
        moved.insertOne(new Document("_id", -5));
        assertEquals(List.of(0, -5), ids(moved.find()));
        capped("before", 100_000, 1).insertOne(new Document("_id", "again")); // the old name is free again
        other.drop();
    }

    @Test
    void concurrentInsertersKeepTheLimitAndLoseNothingNewer() throws Exception {
        MongoCollection<Document> c = capped("race", 1_000_000, 50);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 1000;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 40; i++) {
                    c.insertOne(new Document("_id", base + i));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        List<Object> ids = ids(c.find());
        assertEquals(50, ids.size());
        assertEquals(50, db.runCommand(new Document("collStats", "race")).get("count", Number.class).longValue());
        for (int t = 0; t < 4; t++) { // each writer's documents stay in its own order
            int base = t * 1000;
            List<Object> mine = ids.stream().filter(id -> (int) id >= base && (int) id < base + 1000).toList();
            List<Object> sorted = new ArrayList<>(mine);
            sorted.sort(null);
            assertEquals(sorted, mine);
        }
    }

    @Test
    void collModChangesTheLimitsAndTrimsAtOnce() {
        MongoCollection<Document> c = capped("resize", 100_000, 10);
        for (int i = 0; i < 8; i++) {
            c.insertOne(new Document("_id", i));
        }
        db.runCommand(new Document("collMod", "resize").append("cappedMax", 3));
        assertEquals(List.of(5, 6, 7), ids(c.find()));
        assertEquals(3, ((Number) db.listCollections().filter(new Document("name", "resize")).first()
                .get("options", Document.class).get("max")).longValue());
        db.runCommand(new Document("collMod", "resize").append("cappedSize", 40)); // documents of 14 bytes: two fit
        assertEquals(List.of(6, 7), ids(c.find()));
        db.createCollection("plain");
        MongoCommandException notCapped = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("collMod", "plain").append("cappedSize", 1000)));
        assertEquals(72, notCapped.getErrorCode());
        assertEquals("Collection must be capped.", notCapped.getErrorMessage());
    }

    @Test
    void outToACappedCollectionIs17152() {
        capped("target", 100_000, 0).insertOne(new Document("_id", 1));
        db.getCollection("source").insertOne(new Document("_id", 2));
        MongoCommandException e = assertThrows(MongoCommandException.class, () -> db.getCollection("source")
                .aggregate(List.of(new Document("$out", "target"))).toCollection());
        assertEquals(17152, e.getErrorCode());
        assertEquals(List.of(1), ids(db.getCollection("target").find()));
    }
}
