package dev.tusk.it.indexes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ExplainVerbosity;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import dev.tusk.it.support.Ids;
import dev.tusk.it.support.SideTablePlans;
import dev.tusk.it.support.Stages;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The b-tree kinds over 12,000 documents — single-field, compound (prefixes, equality then range, sorts
 * both ways, also on the fields after an equality),
 * multikey (element equality, $in, $all, $elemMatch on values and on documents), unique and sparse: the
 * queries MongoDB serves with each read through the index's side table (PostgreSQL's plan says so) and
 * return what the same query returns on an unindexed copy.
 */
class BtreeIndexUseIT {
    private static final String DB = "btree_index_use_it";
    private static final MongoDatabase db = TuskTestServer.client().getDatabase(DB);
    private static final MongoCollection<Document> indexed = db.getCollection("indexed");
    private static final MongoCollection<Document> plain = db.getCollection("plain");

    @BeforeAll
    static void load() {
        indexed.drop();
        plain.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            Document d = new Document("_id", i).append("sku", String.format("sku-%05d", i)).append("qty", i % 500)
                    .append("cat", "cat" + i % 40).append("price", i % 1000)
                    .append("tags", List.of("t" + i % 100, "t" + (i * 7) % 100))
                    .append("scores", List.of(i % 50, (i * 3) % 50 + 100))
                    .append("items", List.of(new Document("sku", "p" + i % 300).append("n", i % 5),
                            new Document("sku", "p" + (i + 1) % 300).append("n", 1)));
            if (i % 10 == 0) {
                d.append("nick", "n" + i);
            }
            docs.add(d);
        }
        indexed.insertMany(docs);
        plain.insertMany(docs);
        indexed.createIndex(Indexes.ascending("sku"), new IndexOptions().unique(true));
        indexed.createIndex(Indexes.ascending("qty"));
        indexed.createIndex(Indexes.compoundIndex(Indexes.ascending("cat"), Indexes.descending("price")));
        indexed.createIndex(Indexes.ascending("tags"));
        indexed.createIndex(Indexes.ascending("scores"));
        indexed.createIndex(Indexes.ascending("items.sku"));
        indexed.createIndex(Indexes.ascending("nick"), new IndexOptions().sparse(true));
        SideTablePlans.analyze();
    }

    @Test
    void singleFieldAndUniqueIndexesServeEqualityRangesAndIn() {
        assertServedBy("sku_1", Filters.eq("sku", "sku-04242"), 1);
        assertServedBy("sku_1", Filters.in("sku", List.of("sku-00001", "sku-11999", "none")), 2);
        assertServedBy("sku_1", Filters.and(Filters.gte("sku", "sku-01000"), Filters.lt("sku", "sku-01050")), 50);
        assertServedBy("sku_1", Filters.regex("sku", "^sku-0004"), 10);
        assertServedBy("sku_1", Filters.regex("sku", "^sku-1.*5$"), 2000);
        assertEquals("COLLSCAN", ixscan(indexed.find(Filters.regex("sku", "^SKU-0004", "i"))).getString("stage"),
                "a case-insensitive regex has no prefix to bound");
        assertEquals(10, indexed.countDocuments(Filters.regex("sku", "^SKU-0004", "i")));
        assertServedBy("qty_1", Filters.eq("qty", 7), 24);
        assertServedBy("qty_1", Filters.and(Filters.gt("qty", 10), Filters.lte("qty", 12)), 48);
        assertServedBy("qty_1", Filters.in("qty", List.of(1, 2.0, 3L)), 72);
    }

    @Test
    void compoundIndexesServeTheirPrefixAndSortBothWays() {
        assertServedBy("cat_1_price_-1", Filters.eq("cat", "cat3"), 300);
        assertServedBy("cat_1_price_-1", Filters.and(Filters.eq("cat", "cat3"), Filters.gt("price", 900)), 36);
        assertEquals(new Document("cat", List.of("[\"cat3\", \"cat3\"]")).append("price", List.of("[inf.0, 900)")),
                ixscan(indexed.find(Filters.and(Filters.eq("cat", "cat3"), Filters.gt("price", 900)))).get("indexBounds", Document.class),
                "the equality on cat narrows price too");
        assertServedBy("cat_1_price_-1", Filters.in("cat", List.of("cat1", "cat2")), 600);
        Bson oneCategory = Filters.eq("cat", "cat3");
        for (Bson sort : List.of(Sorts.orderBy(Sorts.ascending("cat"), Sorts.descending("price")),
                Sorts.orderBy(Sorts.descending("cat"), Sorts.ascending("price")), Sorts.descending("price"), Sorts.ascending("price"))) {
            Bson filter = sort.toBsonDocument().containsKey("cat") ? Filters.gte("cat", "cat38") : oneCategory;
            FindIterable<Document> find = indexed.find(filter).sort(sort).limit(20);
            Document explain = find.explain(ExplainVerbosity.EXECUTION_STATS);
            Document winning = explain.get("queryPlanner", Document.class).get("winningPlan", Document.class);
            assertFalse(winning.toJson().contains("\"SORT\""), "the index gives the order: " + winning.toJson());
            assertEquals("cat_1_price_-1", Stages.innermost(winning).getString("indexName"), winning.toJson());
            SideTablePlans.assertScansSideTable(explain, DB, "indexed", "cat_1_price_-1", sort);
            assertTrue(explain.get("executionStats", Document.class).getInteger("totalDocsExamined") <= 20, explain.toJson());
            assertEquals(orderOf(plain.find(filter).sort(sort).limit(20)), orderOf(find), sort.toString());
        }
    }

    @Test
    void anOrWhoseBranchesIndexesServeReadsOneIndexPerBranch() {
        Bson or = Filters.or(Filters.eq("sku", "sku-00005"), Filters.eq("qty", 7), Filters.eq("_id", 11_999));
        for (Bson filter : List.of(or, Filters.and(Filters.gt("price", 500), or))) {
            assertEquals(Ids.sorted(plain.find(filter)), Ids.sorted(indexed.find(filter)), filter.toString());
            Document explain = indexed.find(filter).explain(ExplainVerbosity.EXECUTION_STATS);
            Document fetch = explain.get("queryPlanner", Document.class).get("winningPlan", Document.class);
            Document orStage = fetch.get("inputStage", Document.class);
            assertEquals("OR", orStage.getString("stage"), explain.toJson());
            assertEquals(List.of("sku_1", "qty_1", "_id_"), orStage.getList("inputStages", Document.class).stream()
                    .map(d -> d.getString("indexName")).toList());
            assertEquals(new Document("qty", List.of("[7, 7]")), orStage.getList("inputStages", Document.class).get(1)
                    .get("indexBounds", Document.class));
            SideTablePlans.assertScansSideTable(explain, DB, "indexed", "sku_1", filter);
            SideTablePlans.assertScansSideTable(explain, DB, "indexed", "qty_1", filter);
            assertTrue(explain.get("executionStats", Document.class).getInteger("totalDocsExamined") <= 26, explain.toJson());
        }
        FindIterable<Document> top = indexed.find(or).sort(Sorts.descending("price")).limit(3);
        assertEquals(Ids.of(plain.find(or).sort(Sorts.orderBy(Sorts.descending("price"), Sorts.ascending("_id"))).limit(3)), Ids.of(top));
        Bson unserved = Filters.or(Filters.eq("sku", "sku-00005"), Filters.eq("price", 7));
        assertEquals("COLLSCAN", ixscan(indexed.find(unserved)).getString("stage"), "a branch no index serves reads everything");
        assertEquals(Ids.sorted(plain.find(unserved)), Ids.sorted(indexed.find(unserved)));
    }

    @Test
    void aSelectiveIndexBeatsTheSortsIndexAndAWideOneDoesNot() {
        Bson selective = Filters.eq("qty", 7);
        Document plan = indexed.find(selective).sort(Sorts.ascending("sku")).limit(5).explain(ExplainVerbosity.QUERY_PLANNER)
                .get("queryPlanner", Document.class).get("winningPlan", Document.class);
        assertEquals("qty_1", Stages.innermost(plan).getString("indexName"), "24 matches are read and sorted: " + plan.toJson());
        assertTrue(plan.toJson().contains("\"SORT\""), plan.toJson());
        assertEquals(Ids.of(plain.find(selective).sort(Sorts.ascending("sku")).limit(5)),
                Ids.of(indexed.find(selective).sort(Sorts.ascending("sku")).limit(5)));
        Bson wide = Filters.gte("qty", 0);
        Document walked = indexed.find(wide).sort(Sorts.ascending("sku")).limit(5).explain(ExplainVerbosity.QUERY_PLANNER)
                .get("queryPlanner", Document.class).get("winningPlan", Document.class);
        assertEquals("sku_1", Stages.innermost(walked).getString("indexName"), "12,000 matches: the sort's index order wins");
        assertFalse(walked.toJson().contains("\"SORT\""), walked.toJson());
    }

    @Test
    void aUniqueEqualityBeatsAnIndexOrder() {
        Bson filter = Filters.and(Filters.eq("sku", "sku-00003"), Filters.eq("cat", "cat3"));
        Document winning = indexed.find(filter).sort(Sorts.descending("price")).explain(ExplainVerbosity.QUERY_PLANNER)
                .get("queryPlanner", Document.class).get("winningPlan", Document.class);
        assertEquals("sku_1", Stages.innermost(winning).getString("indexName"), winning.toJson());
        assertEquals(List.of(3), Ids.of(indexed.find(filter).sort(Sorts.descending("price"))));
    }

    @Test
    void multikeyIndexesServeElementsInAllAndElemMatch() {
        assertServedBy("tags_1", Filters.eq("tags", "t5"), 300);
        assertServedBy("tags_1", Filters.in("tags", List.of("t5", "t6")), 600);
        assertServedBy("tags_1", Filters.all("tags", List.of("t5", "t35")), 300);
        assertServedBy("tags_1", Filters.elemMatch("tags", new Document("$eq", "t9")), 300);
        assertServedBy("scores_1", Filters.elemMatch("scores", new Document("$gte", 10).append("$lt", 12)), 500);
        assertServedBy("scores_1", Filters.elemMatch("scores", new Document("$gt", 147)), 800);
        assertServedBy("items.sku_1", Filters.elemMatch("items", Filters.and(Filters.eq("sku", "p7"), Filters.gte("n", 2))), 100);
        assertServedBy("items.sku_1", Filters.eq("items.sku", "p299"), 100);
        Document bounds = ixscan(indexed.find(Filters.elemMatch("scores", new Document("$gte", 10).append("$lt", 12)))).get("indexBounds", Document.class);
        assertEquals(new Document("scores", List.of("[10, 12)")), bounds, "one element meets both bounds: they intersect");
    }

    @Test
    void sparseIndexesServeValuesButNotNull() {
        assertServedBy("nick_1", Filters.eq("nick", "n40"), 1);
        assertServedBy("nick_1", Filters.gt("nick", "n9"), 200);
        Bson nulls = Filters.eq("nick", null);
        assertEquals(Ids.sorted(plain.find(nulls)), Ids.sorted(indexed.find(nulls)));
        assertEquals(10_800, indexed.countDocuments(nulls));
        assertEquals("COLLSCAN", ixscan(indexed.find(nulls)).getString("stage"), "a sparse index lacks the documents without nick");
    }

    @Test
    void distinctWithASelectiveQueryReadsTheQuerysIndex() {
        Bson query = Filters.in("sku", List.of("sku-04242", "sku-00007"));
        assertEquals(plain.distinct("qty", query, Integer.class).into(new ArrayList<>()),
                indexed.distinct("qty", query, Integer.class).into(new ArrayList<>()));
        Document explain = db.runCommand(new Document("explain", new Document("distinct", "indexed").append("key", "qty")
                .append("query", query.toBsonDocument())).append("verbosity", "executionStats"));
        assertTrue(explain.toJson().contains("\"DISTINCT_SCAN\""), explain.toJson());
        // each key's first matching document is picked among the query's matches as sku_1 finds them, not by a table scan
        SideTablePlans.assertScansSideTable(explain, DB, "indexed", "sku_1", query);
    }

    @Test
    void typeConditionsScanTheirTypesKeys() {
        // a sparse index holds exactly the documents with the field: $exists and $ne null read all of it
        for (Bson filter : List.of(Filters.exists("nick"), Filters.ne("nick", null), Filters.nin("nick", java.util.Arrays.asList(null, "n10")),
                Filters.type("nick", "string"))) {
            assertEquals(Ids.sorted(plain.find(filter)), Ids.sorted(indexed.find(filter)), filter.toString());
            Document explain = indexed.find(filter).explain(ExplainVerbosity.EXECUTION_STATS);
            assertEquals("nick_1", Stages.innermost(explain.get("queryPlanner", Document.class).get("winningPlan", Document.class))
                    .getString("indexName"), filter.toString());
            SideTablePlans.assertReadsSideTable(explain, DB, "indexed", "nick_1", filter); // all of it: maybe sequentially
        }
        assertEquals(1199, indexed.countDocuments(Filters.nin("nick", java.util.Arrays.asList(null, "n10"))));
        // $type scans its types' brackets on any index: no qty is a string
        assertServedBy("qty_1", Filters.type("qty", "string"), 0);
        assertServedBy("qty_1", Filters.and(Filters.type("qty", "number"), Filters.lt("qty", 2)), 48);
        assertEquals(List.of("[\"\", {})"), ixscan(indexed.find(Filters.type("qty", "string"))).get("indexBounds", Document.class)
                .getList("qty", String.class));
        // on an index of every document, $ne null would read most of it: a table scan does that faster
        assertEquals("COLLSCAN", ixscan(indexed.find(Filters.ne("qty", null))).getString("stage"));
        assertEquals(12_000, indexed.countDocuments(Filters.ne("qty", null)));
    }

    private static void assertServedBy(String name, Bson filter, int maxDocsExamined) {
        assertEquals(Ids.sorted(plain.find(filter)), Ids.sorted(indexed.find(filter)), filter.toString());
        Document explain = indexed.find(filter).explain(ExplainVerbosity.EXECUTION_STATS);
        Document access = Stages.innermost(explain.get("queryPlanner", Document.class).get("winningPlan", Document.class));
        assertEquals("IXSCAN", access.getString("stage"), filter + ": " + explain.toJson());
        assertEquals(name, access.getString("indexName"), filter.toString());
        SideTablePlans.assertScansSideTable(explain, DB, "indexed", name, filter);
        int examined = explain.get("executionStats", Document.class).getInteger("totalDocsExamined");
        assertTrue(examined <= maxDocsExamined, filter + " examined " + examined + " documents: " + explain.toJson());
    }

    private static Document ixscan(FindIterable<Document> find) {
        return Stages.innermost(find.explain(ExplainVerbosity.QUERY_PLANNER).get("queryPlanner", Document.class)
                .get("winningPlan", Document.class));
    }

    /** The (cat, price) pairs in the order a sorted read returns them (ties may come in either _id order). */
    private static List<String> orderOf(FindIterable<Document> find) {
        List<String> out = new ArrayList<>();
        find.forEach(d -> out.add(d.getString("cat") + "/" + d.getInteger("price")));
        return out;
    }
}
