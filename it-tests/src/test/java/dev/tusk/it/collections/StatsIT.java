package dev.tusk.it.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** collStats, $collStats, dbStats and $indexStats through the driver: MongoDB's fields with PostgreSQL's figures. */
class StatsIT {
    private static final MongoDatabase db = TuskTestServer.client().getDatabase("stats_it");
    private static final MongoCollection<Document> c = db.getCollection("c");
    private long bsonBytes;

    @BeforeEach
    void load() {
        db.drop();
        List<Document> docs = new ArrayList<>();
        bsonBytes = 0;
        for (int i = 0; i < 2_000; i++) {
            Document d = new Document("_id", i).append("a", i % 10).append("s", "x".repeat(i % 50));
            bsonBytes += RawBsonDocument.parse(d.toJson()).getByteBuffer().remaining();
            docs.add(d);
        }
        c.insertMany(docs);
        c.createIndex(Indexes.ascending("a"));
        db.createView("v", "c", List.of());
    }

    @Test
    void collStatsCountsAndMeasures() {
        Document stats = db.runCommand(new Document("collStats", "c"));
        assertEquals("stats_it.c", stats.getString("ns"));
        assertEquals(2_000L, ((Number) stats.get("count")).longValue());
        assertEquals(bsonBytes, ((Number) stats.get("size")).longValue(), "size is the documents' BSON bytes");
        assertEquals(bsonBytes / 2_000, ((Number) stats.get("avgObjSize")).longValue());
        assertEquals(2, stats.getInteger("nindexes"));
        Document sizes = stats.get("indexSizes", Document.class);
        assertEquals(List.of("_id_", "a_1"), new ArrayList<>(sizes.keySet()));
        long total = sizes.values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
        assertEquals(total, ((Number) stats.get("totalIndexSize")).longValue());
        assertTrue(((Number) stats.get("storageSize")).longValue() > 0);
        Document kb = db.runCommand(new Document("collStats", "c").append("scale", 1024));
        assertEquals(bsonBytes / 1024, ((Number) kb.get("size")).longValue());
        assertEquals(26, assertThrows(MongoException.class, () -> db.runCommand(new Document("collStats", "none"))).getCode());
        assertEquals(166, assertThrows(MongoException.class, () -> db.runCommand(new Document("collStats", "v"))).getCode());
    }

    @Test
    void collStatsStageAndDbStats() {
        Document stage = c.aggregate(List.of(new Document("$collStats",
                new Document("storageStats", new Document()).append("count", new Document())))).first();
        assertEquals("stats_it.c", stage.getString("ns"));
        assertEquals(2_000L, ((Number) stage.get("count", Document.class).get("count")).longValue());
        assertEquals(bsonBytes, ((Number) stage.get("storageStats", Document.class).get("size")).longValue());
        assertEquals(40602, assertThrows(MongoException.class, () -> c.aggregate(List.of(new Document("$match", new Document()),
                new Document("$collStats", new Document()))).first()).getCode());
        Document dbStats = db.runCommand(new Document("dbStats", 1));
        assertEquals(1L, ((Number) dbStats.get("collections")).longValue());
        assertEquals(1L, ((Number) dbStats.get("views")).longValue());
        assertEquals(2_000L, ((Number) dbStats.get("objects")).longValue());
        assertEquals(2L, ((Number) dbStats.get("indexes")).longValue());
        assertEquals((double) bsonBytes, ((Number) dbStats.get("dataSize")).doubleValue());
    }

    @Test
    void indexStatsCountTheReadsEachIndexServed() {
        c.find(Filters.eq("a", 3)).first();
        c.find(Filters.eq("a", 4)).into(new ArrayList<>());
        c.find(Filters.eq("_id", 7)).first();
        List<Document> stats = c.aggregate(List.of(new Document("$indexStats", new Document()),
                new Document("$sort", new Document("name", 1)))).into(new ArrayList<>());
        assertEquals(List.of("_id_", "a_1"), stats.stream().map(d -> d.getString("name")).toList());
        assertEquals(1L, stats.get(0).get("accesses", Document.class).getLong("ops"));
        assertEquals(2L, stats.get(1).get("accesses", Document.class).getLong("ops"));
        assertEquals(new Document("a", 1), stats.get(1).get("key", Document.class));
        assertTrue(stats.get(1).get("accesses", Document.class).getDate("since") != null);
        assertEquals(28803, assertThrows(MongoException.class, () -> c.aggregate(List.of(
                new Document("$indexStats", new Document("x", 1)))).first()).getCode());
    }
    private static Document collStats(MongoCollection<Document> coll) {
        return coll.aggregate(List.of(new Document("$collStats", new Document("latencyStats", new Document("histograms", true))
                .append("queryExecStats", new Document())))).first();
    }

    private static long number(Document d, String... path) {
        Object v = d;
        for (String p : path) {
            v = ((Document) v).get(p);
        }
        return ((Number) v).longValue();
    }

    @Test
    void collStatsCountsLatencyByKindAndCollectionScans() {
        MongoCollection<Document> l = db.getCollection("latency_" + System.nanoTime()); // counters live as long as the server
        l.insertMany(List.of(new Document("_id", 1).append("x", 1), new Document("_id", 2).append("x", 2)));
        l.find(Filters.eq("x", 1)).first();
        l.find(Filters.eq("_id", 1)).first();
        l.createIndex(Indexes.ascending("x"));
        Document s = collStats(l);
        Document latency = s.get("latencyStats", Document.class);
        assertEquals(2, number(latency, "reads", "ops"));
        assertEquals(1, number(latency, "writes", "ops"));
        assertEquals(1, number(latency, "commands", "ops"));
        assertEquals(0, number(latency, "transactions", "ops"));
        assertTrue(number(latency, "reads", "latency") > 0);
        long counted = 0;
        for (Document bucket : latency.get("reads", Document.class).getList("histogram", Document.class)) {
            counted += number(bucket, "count");
        }
        assertEquals(2, counted, "every read in one histogram bucket");
        assertEquals(1, number(s, "queryExecStats", "collectionScans", "total"), "the find on x before its index");
        l.find(Filters.eq("x", 2)).first(); // through the index
        l.find(Filters.gt("y", 0)).first(); // a collection scan
        Document after = collStats(l);
        assertEquals(2, number(after, "queryExecStats", "collectionScans", "total"));
        assertEquals(2, number(after, "queryExecStats", "collectionScans", "nonTailable"));
        assertEquals(5, number(after, "latencyStats", "reads", "ops"), "the first $collStats is an aggregate: a read");
        Document plain = l.aggregate(List.of(new Document("$collStats", new Document("latencyStats", new Document())))).first();
        assertTrue(!plain.get("latencyStats", Document.class).get("reads", Document.class).containsKey("histogram"),
                "histograms only when asked");
        l.drop();
        Document dropped = collStats(l);
        assertEquals(0, number(dropped, "latencyStats", "reads", "ops"), "a drop forgets the counters");
        assertEquals(0, number(dropped, "queryExecStats", "collectionScans", "total"));
    }
}
