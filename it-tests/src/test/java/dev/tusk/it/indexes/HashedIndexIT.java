package dev.tusk.it.indexes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ExplainVerbosity;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
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
 * Hashed indexes over 12,000 documents: equality and $in on the hashed field read through the side
 * table's b-tree (PostgreSQL's plan says so) and return what the same query returns without the index;
 * ranges and sorts are not served; arrays are refused as MongoDB refuses them.
 */
class HashedIndexIT {
    private static final String DB = "hashed_index_it";
    private static final MongoDatabase db = TuskTestServer.client().getDatabase(DB);
    private static final MongoCollection<Document> indexed = db.getCollection("indexed");
    private static final MongoCollection<Document> plain = db.getCollection("plain");

    @BeforeAll
    static void load() {
        indexed.drop();
        plain.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            Document d = new Document("_id", i).append("n", i % 7 == 0 ? (Object) (long) (i % 50) : i % 7 == 1 ? (double) (i % 50) : i % 50)
                    .append("nested", new Document("c", "c" + i % 100));
            if (i % 97 != 0) {
                d.append("user", i % 89 == 0 ? null : "u" + i % 3000);
            }
            docs.add(d);
        }
        indexed.insertMany(docs);
        plain.insertMany(docs);
        assertEquals("user_hashed", indexed.createIndex(Indexes.hashed("user")));
        assertEquals("nested.c_hashed_n_1", indexed.createIndex(new Document("nested.c", "hashed").append("n", 1)));
        SideTablePlans.analyze();
    }

    @Test
    void equalityAndInReadThroughTheSideTable() {
        List<Bson> byUser = List.of(Filters.eq("user", "u42"), Filters.in("user", List.of("u1", "u2999", "nobody")),
                Filters.eq("user", null), Filters.and(Filters.eq("user", "u7"), Filters.gt("n", 3)));
        for (Bson filter : byUser) {
            assertServedBy("user_hashed", new Document("user", "hashed"), filter);
        }
        assertServedBy("nested.c_hashed_n_1", new Document("nested.c", "hashed").append("n", 1), Filters.eq("nested.c", "c5"));
        assertServedBy("nested.c_hashed_n_1", new Document("nested.c", "hashed").append("n", 1),
                Filters.and(Filters.eq("nested.c", "c5"), Filters.gte("n", 10)));
        assertEquals(Ids.sorted(plain.find(Filters.eq("n", 3L))), Ids.sorted(indexed.find(Filters.eq("n", 3L))),
                "n is not the first field of any index");
    }

    @Test
    void rangesAndSortsOnTheHashedFieldAreNotServed() {
        Bson range = Filters.gt("user", "u2990");
        assertEquals("COLLSCAN", Stages.innermost(winning(indexed.find(range))).getString("stage"));
        assertEquals(Ids.sorted(plain.find(range)), Ids.sorted(indexed.find(range)));
        Document sorted = winning(indexed.find().sort(Sorts.ascending("user")).limit(5));
        assertEquals("SORT", sorted.getString("stage"), sorted.toJson());
        assertEquals(Ids.of(plain.find().sort(Sorts.ascending("user", "_id")).limit(50)),
                Ids.of(indexed.find().sort(Sorts.ascending("user", "_id")).limit(50)));
    }

    @Test
    void arraysAreRefusedOnInsertUpdateAndBuild() {
        MongoWriteException insert = assertThrows(MongoWriteException.class,
                () -> indexed.insertOne(new Document("_id", -1).append("user", List.of("a", "b"))));
        assertEquals(16766, insert.getCode());
        assertEquals("Error: hashed indexes do not currently support array values. Found array at path: user",
                insert.getError().getMessage());
        MongoWriteException update = assertThrows(MongoWriteException.class,
                () -> indexed.updateOne(Filters.eq("_id", 5), Updates.set("nested", List.of(new Document("c", 1)))));
        assertEquals(16766, update.getCode());
        assertEquals("c5", indexed.find(Filters.eq("_id", 5)).first().get("nested", Document.class).getString("c"),
                "the document kept its value");

        MongoCollection<Document> arrays = db.getCollection("arrays");
        arrays.drop();
        arrays.insertOne(new Document("_id", 1).append("a", new Document("b", List.of(1))));
        MongoCommandException build = assertThrows(MongoCommandException.class, () -> arrays.createIndex(Indexes.hashed("a.b")));
        assertEquals(16766, build.getErrorCode());
        assertEquals(1, arrays.listIndexes().into(new ArrayList<>()).size(), "the failed build left no index");
        arrays.createIndex(Indexes.hashed("a"));
        assertEquals(1, arrays.countDocuments(Filters.eq("a", new Document("b", List.of(1)))), "arrays inside the hashed value are fine");
    }

    @Test
    void specsMongoDbRefuses() {
        MongoCollection<Document> specs = db.getCollection("specs");
        specs.drop();
        assertEquals(16764, assertThrows(MongoCommandException.class,
                () -> specs.createIndex(Indexes.hashed("a"), new IndexOptions().unique(true))).getErrorCode());
        MongoCommandException twoHashed = assertThrows(MongoCommandException.class,
                () -> specs.createIndex(new Document("a", "hashed").append("b", "hashed")));
        assertEquals(31303, twoHashed.getErrorCode());
        assertEquals("A maximum of one index field is allowed to be hashed but found 2 for 'key' { a: \"hashed\", b: \"hashed\" }",
                twoHashed.getErrorMessage());
        specs.createIndex(Indexes.hashed("a"), new IndexOptions().sparse(true));
        Document listed = specs.listIndexes().into(new ArrayList<>()).get(1);
        assertEquals(new Document("a", "hashed"), listed.get("key", Document.class));
        assertEquals(true, listed.getBoolean("sparse"));
    }

    private static void assertServedBy(String name, Document keyPattern, Bson filter) {
        assertEquals(Ids.sorted(plain.find(filter)), Ids.sorted(indexed.find(filter)), filter.toString());
        Document explain = indexed.find(filter).explain(ExplainVerbosity.EXECUTION_STATS);
        Document ixscan = Stages.innermost(explain.get("queryPlanner", Document.class).get("winningPlan", Document.class));
        assertEquals("IXSCAN", ixscan.getString("stage"), explain.toJson());
        assertEquals(name, ixscan.getString("indexName"));
        assertEquals(keyPattern, ixscan.get("keyPattern", Document.class));
        SideTablePlans.assertScansSideTable(explain, DB, "indexed", name, filter);
        assertTrue(explain.get("executionStats", Document.class).getInteger("totalDocsExamined") < 500, explain.toJson());
    }

    private static Document winning(com.mongodb.client.FindIterable<Document> find) {
        return find.explain(ExplainVerbosity.QUERY_PLANNER).get("queryPlanner", Document.class).get("winningPlan", Document.class);
    }
}
