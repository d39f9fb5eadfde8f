package dev.tusk.it.indexes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ExplainVerbosity;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
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
 * Partial indexes over 12,000 documents: a query that implies the index's filter reads through its side
 * table (PostgreSQL's plan says so) and returns what the same query returns without the index; one that
 * does not imply it never uses the index (it would miss documents); uniqueness holds among the documents
 * the filter admits; MongoDB's refusals of filters and options.
 */
class PartialIndexIT {
    private static final String DB = "partial_index_it";
    private static final MongoDatabase db = TuskTestServer.client().getDatabase(DB);
    private static final MongoCollection<Document> indexed = db.getCollection("indexed");
    private static final MongoCollection<Document> plain = db.getCollection("plain");

    @BeforeAll
    static void load() {
        indexed.drop();
        plain.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            Document d = new Document("_id", i).append("cuisine", "c" + i % 50).append("rating", i % 10);
            if (i % 3 != 0) {
                d.append("email", String.format("e%05d", i));
            }
            docs.add(d.append("status", i % 4 == 0 ? "archived" : "active").append("username", "u" + i));
        }
        indexed.insertMany(docs);
        plain.insertMany(docs);
        assertEquals("cuisine_1", indexed.createIndex(Indexes.ascending("cuisine"),
                new IndexOptions().partialFilterExpression(Filters.gt("rating", 5))));
        indexed.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).partialFilterExpression(Filters.exists("email")));
        indexed.createIndex(Indexes.ascending("username"), new IndexOptions().unique(true)
                .partialFilterExpression(Filters.eq("status", "active")));
        SideTablePlans.analyze();
    }

    @Test
    void queriesImplyingTheFilterReadThroughTheIndex() {
        for (Bson filter : List.of(Filters.and(Filters.eq("cuisine", "c7"), Filters.gte("rating", 8)),
                Filters.and(Filters.eq("cuisine", "c7"), Filters.eq("rating", 9)),
                Filters.and(Filters.in("cuisine", List.of("c1", "c2")), Filters.in("rating", List.of(6, 7))),
                Filters.and(Filters.gte("cuisine", "c9"), Filters.gt("rating", 5)))) {
            assertServedBy("cuisine_1", filter);
        }
        assertServedBy("email_1", Filters.eq("email", "e00007"));
        assertServedBy("email_1", Filters.in("email", List.of("e00001", "e00003", "nobody")));
        assertServedBy("username_1", Filters.and(Filters.eq("username", "u5"), Filters.eq("status", "active")));
        Document ixscan = Stages.innermost(winning(indexed.find(Filters.eq("email", "e00007"))));
        assertEquals(true, ixscan.getBoolean("isPartial"), ixscan.toJson());
    }

    @Test
    void typeConditionsReadTheWholePartialIndex() {
        for (Bson filter : List.of(Filters.exists("email"), Filters.type("email", "string"))) {
            assertEquals(Ids.sorted(plain.find(filter)), Ids.sorted(indexed.find(filter)), filter.toString());
            Document ixscan = Stages.innermost(winning(indexed.find(filter)));
            assertEquals("email_1", ixscan.getString("indexName"), filter.toString());
        }
        assertEquals(8000, indexed.countDocuments(Filters.exists("email")));
    }

    @Test
    void queriesNotImplyingTheFilterDoNotUseTheIndex() {
        for (Bson filter : List.of(Filters.eq("cuisine", "c7"), Filters.and(Filters.eq("cuisine", "c7"), Filters.lt("rating", 8)),
                Filters.and(Filters.eq("cuisine", "c7"), Filters.gte("rating", 5)), Filters.eq("email", null),
                Filters.eq("username", "u4"), Filters.or(Filters.eq("cuisine", "c7"), Filters.gt("rating", 8)))) {
            assertEquals(Ids.sorted(plain.find(filter)), Ids.sorted(indexed.find(filter)), filter.toString());
            Document explain = indexed.find(filter).explain(ExplainVerbosity.QUERY_PLANNER);
            Document access = Stages.innermost(explain.get("queryPlanner", Document.class).get("winningPlan", Document.class));
            assertNotEquals("IXSCAN", access.getString("stage"), filter + ": " + explain.toJson());
        }
        assertEquals(1, indexed.countDocuments(Filters.eq("username", "u4")), "the archived u4 is found without the index");
    }

    @Test
    void aSortTheIndexGivesIsReadInIndexOrder() {
        Bson filter = Filters.gt("email", "e05000");
        FindIterable<Document> sorted = indexed.find(filter).sort(Sorts.descending("email")).limit(10);
        Document plan = winning(sorted);
        assertFalse(plan.toJson().contains("\"SORT\""), plan.toJson());
        assertEquals("email_1", Stages.innermost(plan).getString("indexName"), plan.toJson());
        assertEquals(Ids.of(plain.find(filter).sort(Sorts.descending("email")).limit(10)), Ids.of(sorted));
        Document unsorted = winning(indexed.find().sort(Sorts.descending("email")).limit(10));
        assertTrue(unsorted.toJson().contains("\"SORT\""), "without a filter the index misses documents: " + unsorted.toJson());
    }

    @Test
    void writesMoveDocumentsInAndOutOfTheIndex() {
        MongoCollection<Document> moving = db.getCollection("moving");
        moving.drop();
        moving.createIndex(Indexes.ascending("cuisine"), new IndexOptions().partialFilterExpression(Filters.gt("rating", 5)));
        moving.insertMany(List.of(new Document("_id", 1).append("cuisine", "x").append("rating", 3),
                new Document("_id", 2).append("cuisine", "x").append("rating", 9)));
        Bson good = Filters.and(Filters.eq("cuisine", "x"), Filters.gt("rating", 6));
        assertEquals(List.of(2), Ids.sorted(moving.find(good)));
        moving.updateOne(Filters.eq("_id", 1), Updates.set("rating", 8));
        moving.updateOne(Filters.eq("_id", 2), Updates.set("rating", 1));
        assertEquals(List.of(1), Ids.sorted(moving.find(good)));
        assertEquals("IXSCAN", Stages.innermost(winning(moving.find(good))).getString("stage"));
    }

    @Test
    void uniquenessHoldsAmongTheDocumentsTheFilterAdmits() {
        MongoCollection<Document> users = db.getCollection("users");
        users.drop();
        users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).partialFilterExpression(Filters.exists("email")));
        users.createIndex(Indexes.ascending("username"), new IndexOptions().unique(true)
                .partialFilterExpression(Filters.eq("status", "active")));
        users.insertMany(List.of(new Document("_id", 1).append("username", "ann").append("status", "archived"),
                new Document("_id", 2).append("username", "ann").append("status", "archived"),
                new Document("_id", 3).append("username", "ann").append("status", "active").append("email", "a@x")));
        MongoWriteException duplicate = assertThrows(MongoWriteException.class,
                () -> users.insertOne(new Document("_id", 4).append("username", "ann").append("status", "active")));
        assertEquals(11000, duplicate.getCode());
        assertTrue(duplicate.getError().getMessage().contains("index: username_1 dup key: { username: \"ann\" }"),
                duplicate.getError().getMessage());
        MongoWriteException email = assertThrows(MongoWriteException.class,
                () -> users.insertOne(new Document("_id", 5).append("email", "a@x")));
        assertEquals(11000, email.getCode());
        users.insertOne(new Document("_id", 6).append("username", "bob"));
        assertEquals(4, users.countDocuments(), "documents the filters leave out never conflict");
        assertEquals(11000, assertThrows(MongoWriteException.class,
                () -> users.updateOne(Filters.eq("_id", 2), Updates.set("status", "active"))).getCode());
    }

    @Test
    void filtersAndOptionsMongoDbRefuses() {
        MongoCollection<Document> specs = db.getCollection("specs");
        specs.drop();
        MongoCommandException ne = assertThrows(MongoCommandException.class, () -> specs.createIndex(Indexes.ascending("a"),
                new IndexOptions().partialFilterExpression(Filters.ne("a", 1))));
        assertEquals(67, ne.getErrorCode());
        assertEquals("Expression not supported in partial index: $not\n    a $eq 1\n", ne.getErrorMessage());
        MongoCommandException notExists = assertThrows(MongoCommandException.class, () -> specs.createIndex(Indexes.ascending("a"),
                new IndexOptions().partialFilterExpression(Filters.exists("a", false))));
        assertEquals(67, notExists.getErrorCode());
        MongoCommandException sparse = assertThrows(MongoCommandException.class, () -> specs.createIndex(Indexes.ascending("a"),
                new IndexOptions().sparse(true).partialFilterExpression(Filters.eq("a", 1))));
        assertEquals(67, sparse.getErrorCode());
        assertEquals("cannot mix \"partialFilterExpression\" and \"sparse\" options", sparse.getErrorMessage());
        assertEquals(224, assertThrows(MongoCommandException.class, () -> specs.createIndex(Indexes.ascending("a"),
                new IndexOptions().partialFilterExpression(Filters.expr(new Document("$eq", List.of("$a", 1)))))).getErrorCode());
        Document accepted = Document.parse("{$or: [{b: {$in: [1, 2]}}, {$and: [{c: {$type: 'string'}}, {d: {$lte: 4}}]}]}");
        specs.createIndex(Indexes.ascending("a"), new IndexOptions().partialFilterExpression(accepted));
        Document listed = specs.listIndexes().into(new ArrayList<>()).get(1);
        assertEquals(accepted, listed.get("partialFilterExpression", Document.class));
    }

    private static void assertServedBy(String name, Bson filter) {
        assertEquals(Ids.sorted(plain.find(filter)), Ids.sorted(indexed.find(filter)), filter.toString());
        Document explain = indexed.find(filter).explain(ExplainVerbosity.EXECUTION_STATS);
        Document ixscan = Stages.innermost(explain.get("queryPlanner", Document.class).get("winningPlan", Document.class));
        assertEquals("IXSCAN", ixscan.getString("stage"), filter + ": " + explain.toJson());
        assertEquals(name, ixscan.getString("indexName"));
        SideTablePlans.assertScansSideTable(explain, DB, "indexed", name, filter);
        assertTrue(explain.get("executionStats", Document.class).getInteger("totalDocsExamined") < 1000, explain.toJson());
    }

    private static Document winning(FindIterable<Document> find) {
        return find.explain(ExplainVerbosity.QUERY_PLANNER).get("queryPlanner", Document.class).get("winningPlan", Document.class);
    }
}
