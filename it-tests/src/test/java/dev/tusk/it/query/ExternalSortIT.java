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
 * Blocking stages past MongoDB's 100 MiB limit ($sort, $group, $setWindowFields, $facet's input,
 * $sample): MongoDB 7.0 spills to disk unless the command says allowDiskUse: false, which is error
 * 292 (for $facet: its input then goes to the sub-pipelines in batches). 1,100 documents of ~100 KB each make ~110 MB.
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
        Map<Integer, List<Integer>> expected = idsByKey();
        List<org.bson.conversions.Bson> inJava = new ArrayList<>(List.of(Aggregates.skip(0))); // a $skip keeps the $group in Java
        inJava.addAll(pipeline);
        for (var p : List.of(inJava, pipeline)) { // Java spills its group states; PostgreSQL (allowDiskUse) computes the group
            List<Document> groups = c.aggregate(p).into(new ArrayList<>());
            assertEquals(expected.size(), groups.size());
            for (Document g : groups) {
                List<Integer> ids = expected.get(g.getInteger("_id"));
                assertEquals(ids, g.getList("ids", Integer.class), "pushed in input order");
                assertEquals(ids.get(0), g.getInteger("first"));
                assertEquals(ids.get(ids.size() - 1), g.getInteger("last"));
                assertEquals(ids.size() * PAD.length(), g.getInteger("padBytes"));
            }
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

    @Test
    void setWindowFieldsSpillsItsSortAndItsPartitionUnlessAllowDiskUseIsFalse() {
        var pipeline = List.of(new Document("$setWindowFields", new Document("sortBy", new Document("_id", 1))
                        .append("output", new Document("n", new Document("$documentNumber", new Document()))
                                .append("before", new Document("$sum", new Document("$strLenBytes", "$pad"))
                                        .append("window", new Document("documents", List.of("unbounded", -1)))))),
                Aggregates.project(new Document("n", 1).append("before", 1)));
        List<Document> out = c.aggregate(pipeline).into(new ArrayList<>());
        assertEquals(DOCUMENTS, out.size());
        for (int i = 0; i < DOCUMENTS; i++) {
            assertEquals(new Document("_id", i).append("n", i + 1).append("before", i * PAD.length()), out.get(i));
        }
        MongoCommandException e = assertThrows(MongoCommandException.class, () -> c.aggregate(pipeline).allowDiskUse(false).first());
        assertEquals(292, e.getErrorCode());
        var byK = List.of(new Document("$setWindowFields", new Document("partitionBy", "$k").append("sortBy", new Document("_id", 1))
                        .append("output", new Document("rank", new Document("$rank", new Document())))),
                Aggregates.match(new Document("rank", 1)), Aggregates.project(new Document("k", 1)));
        Map<Integer, List<Integer>> expected = idsByKey();
        List<Document> firsts = c.aggregate(byK).into(new ArrayList<>());
        assertEquals(expected.size(), firsts.size());
        for (Document d : firsts) {
            assertEquals(expected.get(d.getInteger("k")).get(0), d.getInteger("_id"), "partitions in k order, each by _id");
        }
    }

    @Test
    void facetKeepsItsInputOnDiskOrWithoutDiskPassesItInBatches() {
        var pipeline = List.of(Aggregates.facet(
                new com.mongodb.client.model.Facet("count", Aggregates.count("n")),
                new com.mongodb.client.model.Facet("byK", Aggregates.group("$k", Accumulators.sum("n", 1)), Aggregates.sort(Sorts.ascending("_id"))),
                new com.mongodb.client.model.Facet("last", Aggregates.sort(Sorts.descending("_id")), Aggregates.limit(1),
                        Aggregates.project(new Document("len", new Document("$strLenBytes", "$pad"))))));
        Document out = c.aggregate(pipeline).first();
        assertEquals(List.of(new Document("n", DOCUMENTS)), out.getList("count", Document.class));
        List<Document> byK = out.getList("byK", Document.class);
        Map<Integer, List<Integer>> expected = idsByKey();
        assertEquals(expected.size(), byK.size());
        byK.forEach(g -> assertEquals(expected.get(g.getInteger("_id")).size(), g.getInteger("n")));
        assertEquals(List.of(new Document("_id", DOCUMENTS - 1).append("len", PAD.length())), out.getList("last", Document.class));
        // without disk the sub-pipelines read the input side by side in batches of 100 MiB, as on MongoDB; the $sort of the
        // whole input inside one still passes its own limit
        var streaming = List.of(Aggregates.facet(
                new com.mongodb.client.model.Facet("count", Aggregates.count("n")),
                new com.mongodb.client.model.Facet("byK", Aggregates.group("$k", Accumulators.sum("n", 1)), Aggregates.sort(Sorts.ascending("_id"))),
                new com.mongodb.client.model.Facet("first", Aggregates.limit(1),
                        Aggregates.project(new Document("len", new Document("$strLenBytes", "$pad"))))));
        Document streamed = c.aggregate(streaming).allowDiskUse(false).first();
        assertEquals(out.getList("count", Document.class), streamed.getList("count", Document.class));
        assertEquals(byK, streamed.getList("byK", Document.class));
        assertEquals(List.of(new Document("_id", 0).append("len", PAD.length())), streamed.getList("first", Document.class));
        MongoCommandException e = assertThrows(MongoCommandException.class, () -> c.aggregate(pipeline).allowDiskUse(false).first());
        assertEquals(292, e.getErrorCode());
    }

    @Test
    void aSampleOfMoreThan100MiBSpillsUnlessAllowDiskUseIsFalse() {
        MongoCollection<RawBsonDocument> raw = c.withDocumentClass(RawBsonDocument.class);
        List<Integer> sample = ids(raw.aggregate(List.of(Aggregates.sample(1_050))));
        assertEquals(1_050, sample.size());
        assertEquals(1_050, new java.util.HashSet<>(sample).size(), "no document twice");
        List<Integer> all = ids(raw.aggregate(List.of(Aggregates.sample(5_000))));
        assertEquals(DOCUMENTS, new java.util.HashSet<>(all).size());
        MongoCommandException e = assertThrows(MongoCommandException.class,
                () -> raw.aggregate(List.of(Aggregates.sample(1_050))).allowDiskUse(false).first());
        assertEquals(292, e.getErrorCode());
    }
}
