package dev.tusk.it.indexes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ExplainVerbosity;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
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
 * Wildcard indexes over 12,000 documents ({$**: 1}, a subtree, a wildcardProjection): an equality,
 * $in or range on any one covered path reads through the side table's b-tree (PostgreSQL's plan says
 * so) and returns what the same query returns without the index; what MongoDB's wildcard indexes
 * cannot serve (null, $exists: false, documents, positions, excluded paths) scans the collection.
 */
class WildcardIndexIT {
    private static final String DB = "wildcard_index_it";
    private static final MongoDatabase db = TuskTestServer.client().getDatabase(DB);
    private static final MongoCollection<Document> plain = db.getCollection("plain");
    private static final MongoCollection<Document> all = db.getCollection("all");
    private static final MongoCollection<Document> subtree = db.getCollection("subtree");
    private static final MongoCollection<Document> projected = db.getCollection("projected");
    private static final MongoCollection<Document> flat = db.getCollection("flat");
    private static final MongoCollection<Document> flatPlain = db.getCollection("flat_plain");

    @BeforeAll
    static void load() {
        List<Document> docs = new ArrayList<>();
        List<Document> flatDocs = new ArrayList<>();
        List<String> colors = List.of("red", "green", "blue", "black", "white");
        for (int i = 0; i < 12_000; i++) {
            Object price = i % 7 == 0 ? (Object) ((i % 300) / 2.0) : i % 300;
            docs.add(new Document("_id", i).append("name", "n" + i % 1000).append("price", price)
                    .append("attrs", new Document("color", colors.get(i % 5)).append("size", i % 40)
                            .append("tags", List.of("t" + i % 10, "t" + (i % 10 + 1))))
                    .append("meta", new Document("deep", new Document("x", i % 123))));
            flatDocs.add(new Document("_id", i).append("price", price).append("meta", new Document("x", i % 123)));
        }
        for (MongoCollection<Document> c : List.of(plain, all, subtree, projected)) {
            c.drop();
            c.insertMany(docs);
        }
        for (MongoCollection<Document> c : List.of(flat, flatPlain)) {
            c.drop();
            c.insertMany(flatDocs);
        }
        assertEquals("$**_1", all.createIndex(new Document("$**", 1)));
        assertEquals("attrs.$**_1", subtree.createIndex(new Document("attrs.$**", 1)));
        projected.createIndex(new Document("$**", 1), new IndexOptions().name("noMeta")
                .wildcardProjection(new Document("meta", 0).append("price", 0)));
        flat.createIndex(new Document("$**", 1));
        SideTablePlans.analyze();
    }

    @Test
    void anyOnePathIsServedByTheWholeDocumentIndex() {
        assertServed(all, "$**_1", "name", Filters.eq("name", "n42"));
        assertServed(all, "$**_1", "attrs.color", Filters.and(Filters.eq("attrs.color", "blue"), Filters.eq("attrs.size", 7)));
        assertServed(all, "$**_1", "attrs.size", Filters.in("attrs.size", List.of(3, 39, 100)));
        assertServed(all, "$**_1", "attrs.tags", Filters.and(Filters.eq("attrs.tags", "t3"), Filters.lt("price", 20)));
        assertServed(all, "$**_1", "meta.deep.x", Filters.eq("meta.deep.x", 122));
        assertServed(all, "$**_1", "price", Filters.gte("price", 298));
        assertServed(all, "$**_1", "price", Filters.eq("price", 149.5));
        for (Bson wide : List.of(Filters.and(Filters.gt("price", 100), Filters.lt("price", 110)), Filters.lte("attrs.size", 20),
                Filters.or(Filters.eq("name", "n1"), Filters.eq("attrs.size", 1)))) {
            assertEquals(Ids.sorted(plain.find(wide)), Ids.sorted(all.find(wide)), wide.toString());
        }
    }

    @Test
    void rangesIntersectOnAnIndexWithoutArrays() {
        Bson range = Filters.and(Filters.gt("price", 100), Filters.lt("price", 103));
        Document explain = assertServed(flat, flatPlain, "$**_1", "price", range);
        assertFalse(explain.get("queryPlanner", Document.class).get("winningPlan", Document.class).toJson().contains("\"isMultiKey\": true"));
        assertServed(flat, flatPlain, "$**_1", "meta.x", Filters.and(Filters.gte("meta.x", 5), Filters.lte("meta.x", 6)));
    }

    @Test
    void subtreeAndProjectionIndexesServeOnlyTheirPaths() {
        assertServed(subtree, "attrs.$**_1", "attrs.size", Filters.eq("attrs.size", 11));
        assertCollectionScan(subtree, Filters.eq("name", "n42"));
        assertServed(projected, "noMeta", "attrs.color", Filters.eq("attrs.color", "red"));
        assertCollectionScan(projected, Filters.eq("meta.deep.x", 5));
        assertCollectionScan(projected, Filters.eq("price", 5));
        assertFalse(projected.listIndexes().into(new ArrayList<>()).get(1).get("wildcardProjection", Document.class).isEmpty());
    }

    @Test
    void predicatesAWildcardIndexCannotAnswerScanTheCollection() {
        for (Bson filter : List.of(Filters.eq("name", null), Filters.exists("name", false), Filters.eq("meta", new Document("deep",
                new Document("x", 5))), Filters.eq("attrs.tags.0", "t3"), Filters.ne("name", "n1"), Filters.eq("_id", 5),
                Filters.eq("attrs.tags", List.of("t3", "t4")))) {
            Document plan = all.find(filter).explain(ExplainVerbosity.QUERY_PLANNER);
            assertFalse(plan.toJson().contains("$**_1"), filter + ": " + plan.toJson());
            assertEquals(Ids.sorted(plain.find(filter)), Ids.sorted(all.find(filter)), filter.toString());
        }
    }

    @Test
    void writesKeepTheIndexCurrent() {
        MongoCollection<Document> small = db.getCollection("writes");
        small.drop();
        small.createIndex(new Document("$**", 1));
        small.insertMany(List.of(new Document("_id", 1).append("a", new Document("b", 1)), new Document("_id", 2).append("a", List.of(1, 2))));
        small.updateOne(Filters.eq("_id", 1), Updates.set("a.b", 5));
        assertEquals(List.of(), Ids.of(small.find(Filters.eq("a.b", 1))));
        assertEquals(List.of(1), Ids.of(small.find(Filters.eq("a.b", 5))));
        small.deleteOne(Filters.eq("_id", 2));
        assertEquals(List.of(), Ids.of(small.find(Filters.eq("a", 2))));
        small.insertOne(new Document("_id", 3).append("a", List.of(new Document("b", 5), 9)));
        assertEquals(List.of(1, 3), Ids.sorted(small.find(Filters.eq("a.b", 5))));
        assertEquals(List.of(3), Ids.of(small.find(Filters.gt("a", 8))));
    }

    @Test
    void specsMongoDbRefuses() {
        MongoCollection<Document> specs = db.getCollection("specs");
        specs.drop();
        assertRefused(67, "Index type 'wildcard' does not support the 'unique' option",
                () -> specs.createIndex(new Document("$**", 1), new IndexOptions().unique(true)));
        assertRefused(67, "Index type 'wildcard' does not support the 'sparse' option",
                () -> specs.createIndex(new Document("$**", 1), new IndexOptions().sparse(true)));
        assertRefused(2, "The field 'wildcardProjection' is only allowed in 'wildcard' indexes",
                () -> specs.createIndex(new Document("a", 1), new IndexOptions().wildcardProjection(new Document("a", 1))));
        assertRefused(9, "The field 'wildcardProjection' is only allowed when 'key' is {\"$**\": ±1} or {\"$**\": \"columnstore\"}",
                () -> specs.createIndex(new Document("a.$**", 1), new IndexOptions().wildcardProjection(new Document("a", 1))));
        assertRefused(31254, "Failed to parse projection: wildcardProjection :: caused by :: Cannot do exclusion on field b in "
                + "inclusion projection", () -> specs.createIndex(new Document("$**", 1),
                        new IndexOptions().wildcardProjection(new Document("a", 1).append("b", 0))));
        assertRefused(238, null, () -> specs.createIndex(new Document("a", 1).append("b.$**", 1)));
        assertRefused(67, "Index key contains an illegal field name: field name starts with '$'.",
                () -> specs.createIndex(new Document("$**.a", 1)));
    }

    private static void assertRefused(int code, String message, org.junit.jupiter.api.function.Executable create) {
        MongoCommandException e = assertThrows(MongoCommandException.class, create);
        assertEquals(code, e.getErrorCode(), e.getErrorMessage());
        if (message != null) {
            assertEquals(message, e.getErrorMessage());
        }
    }

    private static Document assertServed(MongoCollection<Document> c, String index, String path, Bson filter) {
        return assertServed(c, plain, index, path, filter);
    }

    private static Document assertServed(MongoCollection<Document> c, MongoCollection<Document> reference, String index, String path,
            Bson filter) {
        assertEquals(Ids.sorted(reference.find(filter)), Ids.sorted(c.find(filter)), filter.toString());
        Document explain = c.find(filter).explain(ExplainVerbosity.EXECUTION_STATS);
        Document ixscan = Stages.innermost(explain.get("queryPlanner", Document.class).get("winningPlan", Document.class));
        assertEquals("IXSCAN", ixscan.getString("stage"), explain.toJson());
        assertEquals(index, ixscan.getString("indexName"));
        assertEquals(new Document("$_path", 1).append(path, 1), ixscan.get("keyPattern", Document.class));
        SideTablePlans.assertScansSideTable(explain, DB, c.getNamespace().getCollectionName(), index, filter);
        assertTrue(explain.get("executionStats", Document.class).getInteger("totalDocsExamined") < 3000, explain.toJson());
        return explain;
    }

    private static void assertCollectionScan(MongoCollection<Document> c, Bson filter) {
        Document plan = c.find(filter).explain(ExplainVerbosity.QUERY_PLANNER);
        assertEquals("COLLSCAN", Stages.innermost(plan.get("queryPlanner", Document.class).get("winningPlan", Document.class))
                .getString("stage"), filter + ": " + plan.toJson());
        assertEquals(Ids.sorted(plain.find(filter)), Ids.sorted(c.find(filter)), filter.toString());
    }
}
