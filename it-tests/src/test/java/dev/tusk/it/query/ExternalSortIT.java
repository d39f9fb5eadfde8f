package dev.tusk.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Sorts;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A blocking sort or group past MongoDB's 100 MiB limit: MongoDB 7.0 spills to disk unless the
 * command says allowDiskUse: false, which is error 292. 1,100 documents of ~100 KB each make ~110 MB.
 */
class ExternalSortIT {
    private static final MongoCollection<Document> c = TuskTestServer.client().getDatabase("external_sort_it").getCollection("c");
    private static final int DOCUMENTS = 1_100;
    private static final String PAD = "x".repeat(100_000);

    @BeforeAll
    static void load() {
        c.drop();
        Random random = new Random(7);
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            batch.add(new Document("_id", i).append("k", random.nextInt(50)).append("pad", PAD));
            if (batch.size() == 100) {
                c.insertMany(batch);
                batch.clear();
            }
        }
    }

    @AfterAll
    static void drop() {
        c.drop();
    }

    /** _ids in the order MongoDB gives: k descending, ties in `_id` order (the scan's order, kept by a stable sort). */
    private static List<Integer> expectedOrder() {
        Random random = new Random(7);
        List<int[]> keyed = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            keyed.add(new int[] {random.nextInt(50), i});
        }
        keyed.sort((a, b) -> a[0] != b[0] ? Integer.compare(b[0], a[0]) : Integer.compare(a[1], b[1]));
        return keyed.stream().map(a -> a[1]).toList();
    }

    private static List<Integer> ids(Iterable<RawBsonDocument> docs) {
        List<Integer> ids = new ArrayList<>();
        for (RawBsonDocument d : docs) {
            assertEquals(PAD.length(), d.getString("pad").getValue().length());
            ids.add(d.getInt32("_id").getValue());
        }
        return ids;
    }

    @Test
    void findSpillsByDefaultAndWithAllowDiskUse() {
        MongoCollection<RawBsonDocument> raw = c.withDocumentClass(RawBsonDocument.class);
        assertEquals(expectedOrder(), ids(raw.find().sort(Sorts.descending("k"))));
        assertEquals(expectedOrder().subList(10, 1_000), ids(raw.find().sort(Sorts.descending("k")).skip(10).limit(990)
                .allowDiskUse(true)));
    }

    @Test
    void findWithoutDiskUseIs292() {
        MongoCommandException e = assertThrows(MongoCommandException.class,
                () -> c.find().sort(Sorts.descending("k")).allowDiskUse(false).batchSize(2).iterator().next());
        assertEquals(292, e.getErrorCode());
        assertEquals("QueryExceededMemoryLimitNoDiskUseAllowed", e.getErrorCodeName());
    }

    /** Each k's _ids in scan order, as $push must give them. */
    private static Map<Integer, List<Integer>> idsByKey() {
        Random random = new Random(7);
        Map<Integer, List<Integer>> byKey = new TreeMap<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            byKey.computeIfAbsent(random.nextInt(50), k -> new ArrayList<>()).add(i);
        }
        return byKey;
    }

    @Test
    void aGroupThatKeepsMoreThan100MiBSpillsUnlessAllowDiskUseIsFalse() {
        var pipeline = List.of(
                Aggregates.group("$k", Accumulators.push("ids", "$_id"),
                        Accumulators.push("pads", "$pad"),
                        Accumulators.first("first", "$_id"),
                        Accumulators.last("last", "$_id")),
                Aggregates.project(new Document("ids", 1).append("first", 1).append("last", 1)
                        .append("padBytes", new Document("$sum", new Document("$map", new Document("input", "$pads")
                                .append("in", new Document("$strLenBytes", "$$this")))))),
                Aggregates.sort(Sorts.ascending("_id")));
        List<Document> groups = c.aggregate(pipeline).into(new ArrayList<>());
        Map<Integer, List<Integer>> expected = idsByKey();
        assertEquals(expected.size(), groups.size());
        for (Document g : groups) {
            List<Integer> ids = expected.get(g.getInteger("_id"));
            assertEquals(ids, g.getList("ids", Integer.class), "pushed in input order");
            assertEquals(ids.get(0), g.getInteger("first"));
            assertEquals(ids.get(ids.size() - 1), g.getInteger("last"));
            assertEquals(ids.size() * PAD.length(), g.getInteger("padBytes"));
        }
        MongoCommandException e = assertThrows(MongoCommandException.class,
                () -> c.aggregate(pipeline).allowDiskUse(false).first());
        assertEquals(292, e.getErrorCode());
        assertEquals(50, c.aggregate(List.of(Aggregates.group("$k", Accumulators.sum("n", 1))))
                .allowDiskUse(false).into(new ArrayList<>()).size(), "small group states pass");
    }

    @Test
    void aggregateSortSpillsUnlessAllowDiskUseIsFalse() {
        MongoCollection<RawBsonDocument> raw = c.withDocumentClass(RawBsonDocument.class);
        var pipeline = List.of(Aggregates.sort(Sorts.descending("k")), Aggregates.project(new Document("pad", 1).append("k", 1)));
        assertEquals(expectedOrder(), ids(raw.aggregate(pipeline)));
        MongoCommandException e = assertThrows(MongoCommandException.class,
                () -> raw.aggregate(pipeline).allowDiskUse(false).first());
        assertEquals(292, e.getErrorCode());
    }
}
