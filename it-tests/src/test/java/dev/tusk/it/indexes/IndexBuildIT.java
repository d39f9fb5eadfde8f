package dev.tusk.it.indexes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * An index built on a populated collection while another client inserts, updates and deletes: the
 * writes go on during the build, and the finished index holds exactly the documents' keys (reads
 * through it equal the documents' own values). A unique build that meets a duplicate fails with
 * 11000 and leaves no index behind.
 */
class IndexBuildIT {
    private static final MongoDatabase db = TuskTestServer.client().getDatabase("index_build_it");

    @Test
    void writesGoOnDuringTheBuildAndTheIndexEndsExact() throws Exception {
        MongoCollection<Document> c = db.getCollection("live");
        c.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            docs.add(new Document("_id", i).append("v", i % 100).append("pad", "x".repeat(100)));
        }
        c.insertMany(docs);
        AtomicBoolean building = new AtomicBoolean(true);
        AtomicInteger writesDuringBuild = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> writer = pool.submit(() -> {
            Random random = new Random(7);
            int next = 100_000;
            while (building.get()) {
                int id = random.nextInt(40_000);
                switch (random.nextInt(3)) {
                    case 0 -> c.insertOne(new Document("_id", next++).append("v", random.nextInt(100)));
                    case 1 -> c.updateOne(Filters.eq("_id", id), Updates.set("v", random.nextInt(100)));
                    default -> c.deleteOne(Filters.eq("_id", id));
                }
                writesDuringBuild.incrementAndGet();
            }
            return null;
        });
        while (writesDuringBuild.get() < 10) {
            Thread.sleep(1);
        }
        int before = writesDuringBuild.get();
        long start = System.nanoTime();
        try {
            c.createIndex(Indexes.ascending("v"));
        } finally {
            building.set(false);
        }
        int during = writesDuringBuild.get() - before;
        System.out.printf("index build took %d ms; %d writes finished meanwhile%n", (System.nanoTime() - start) / 1_000_000, during);
        writer.get();
        pool.shutdown();
        assertTrue(during > 50, "writes went on while the index was built: " + during);
        Map<Integer, TreeSet<Integer>> byValue = new TreeMap<>();
        for (Document d : c.find()) {
            byValue.computeIfAbsent(d.getInteger("v"), v -> new TreeSet<>()).add(d.getInteger("_id"));
        }
        for (int v = 0; v < 100; v++) {
            TreeSet<Integer> throughIndex = new TreeSet<>();
            c.find(Filters.eq("v", v)).forEach(d -> throughIndex.add(d.getInteger("_id")));
            assertEquals(byValue.getOrDefault(v, new TreeSet<>()), throughIndex, "v = " + v);
        }
        List<Integer> sorted = new ArrayList<>();
        c.find(Filters.gte("v", 0)).sort(new Document("v", 1)).forEach(d -> sorted.add(d.getInteger("v")));
        assertEquals(byValue.values().stream().mapToInt(TreeSet::size).sum(), sorted.size(), "an index walk returns each document once");
    }

    @Test
    void aUniqueBuildThatMeetsADuplicateFailsAndLeavesNoIndex() {
        MongoCollection<Document> c = db.getCollection("dups");
        c.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            docs.add(new Document("_id", i).append("u", i == 4_321 ? 17 : i));
        }
        c.insertMany(docs);
        MongoException e = assertThrows(MongoException.class, () -> c.createIndex(Indexes.ascending("u"), new IndexOptions().unique(true)));
        assertEquals(11000, e.getCode(), e.getMessage());
        assertTrue(e.getMessage().contains("dup key: { u: 17 }"), e.getMessage());
        assertFalse(c.listIndexes().into(new ArrayList<>()).stream().anyMatch(i -> i.getString("name").equals("u_1")));
        c.insertOne(new Document("_id", -1).append("u", 17)); // no half-built unique index is left to refuse it
        assertEquals(3, c.countDocuments(Filters.eq("u", 17)));
    }
}
