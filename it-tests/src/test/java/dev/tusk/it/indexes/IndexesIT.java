package dev.tusk.it.indexes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ExplainVerbosity;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.tusk.it.support.Ids;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** createIndexes / listIndexes / dropIndexes, uniqueness, multikey, sparse, and queries served by indexes. */
class IndexesIT {
    private final MongoDatabase db = TuskTestServer.client().getDatabase("indexes_it");
    private MongoCollection<Document> c;

    @BeforeEach
    void fresh() {
        c = db.getCollection("c");
        c.drop();
    }

    private List<String> names() {
        List<String> out = new ArrayList<>();
        c.listIndexes().forEach(d -> out.add(d.getString("name")));
        return out;
    }

    @Test
    void createListDropWithMongoDbNames() {
        assertEquals("a_1", c.createIndex(Indexes.ascending("a")));
        assertEquals("a_1_b_-1", c.createIndex(Indexes.compoundIndex(Indexes.ascending("a"), Indexes.descending("b"))));
        assertEquals("byC", c.createIndex(Indexes.ascending("c"), new IndexOptions().name("byC").unique(true).sparse(true)));
        assertEquals(List.of("_id_", "a_1", "a_1_b_-1", "byC"), names());
        Document byC = c.listIndexes().into(new ArrayList<>()).get(3);
        assertEquals(true, byC.getBoolean("unique"));
        assertEquals(true, byC.getBoolean("sparse"));
        assertEquals(new Document("c", 1), byC.get("key", Document.class));
        assertEquals("a_1", c.createIndex(Indexes.ascending("a")));
        c.dropIndex("a_1");
        c.dropIndex(Indexes.compoundIndex(Indexes.ascending("a"), Indexes.descending("b")));
        assertEquals(List.of("_id_", "byC"), names());
        c.dropIndexes();
        assertEquals(List.of("_id_"), names());
    }

    @Test
    void conflictsAndBadSpecs() {
        c.createIndex(Indexes.ascending("a"));
        MongoCommandException sameKeyOtherName = assertThrows(MongoCommandException.class,
                () -> c.createIndex(Indexes.ascending("a"), new IndexOptions().name("other")));
        assertEquals(85, sameKeyOtherName.getErrorCode());
        MongoCommandException sameNameOtherKey = assertThrows(MongoCommandException.class,
                () -> c.createIndex(Indexes.ascending("b"), new IndexOptions().name("a_1")));
        assertEquals(86, sameNameOtherKey.getErrorCode());
        MongoCommandException dropId = assertThrows(MongoCommandException.class, () -> c.dropIndex("_id_"));
        assertEquals(72, dropId.getErrorCode());
        MongoCommandException missing = assertThrows(MongoCommandException.class, () -> c.dropIndex("nope"));
        assertEquals(27, missing.getErrorCode());
        MongoCommandException badKey = assertThrows(MongoCommandException.class,
                () -> c.createIndex(new Document("a", "nonsense")));
        assertEquals(67, badKey.getErrorCode());
    }

    @Test
    void uniqueIndexRejectsDuplicatesOnInsertUpdateAndBuild() {
        c.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        c.insertOne(new Document("_id", 1).append("email", "a@x"));
        MongoWriteException dup = assertThrows(MongoWriteException.class,
                () -> c.insertOne(new Document("_id", 2).append("email", "a@x")));
        assertEquals(11000, dup.getError().getCode());
        assertTrue(dup.getError().getMessage().contains("index: email_1 dup key: { email: \"a@x\" }"), dup.getError().getMessage());
        c.insertOne(new Document("_id", 3).append("email", "b@x"));
        MongoWriteException update = assertThrows(MongoWriteException.class,
                () -> c.updateOne(Filters.eq("_id", 3), Updates.set("email", "a@x")));
        assertEquals(11000, update.getError().getCode());
        assertEquals("b@x", c.find(Filters.eq("_id", 3)).first().getString("email"));
        MongoBulkWriteException unordered = assertThrows(MongoBulkWriteException.class, () -> c.insertMany(List.of(
                new Document("_id", 4).append("email", "c@x"), new Document("_id", 5).append("email", "c@x"),
                new Document("_id", 6).append("email", "d@x")), new InsertManyOptions().ordered(false)));
        assertEquals(List.of(1), unordered.getWriteErrors().stream().map(e -> e.getIndex()).toList());
        assertEquals(4, c.countDocuments());
        MongoWriteException upsert = assertThrows(MongoWriteException.class, () -> c.updateOne(Filters.eq("_id", 9),
                Updates.set("email", "d@x"), new UpdateOptions().upsert(true)));
        assertEquals(11000, upsert.getError().getCode());

        MongoCollection<Document> other = db.getCollection("dups");
        other.drop();
        other.insertMany(List.of(new Document("k", 1), new Document("k", 1)));
        com.mongodb.MongoServerException build = assertThrows(com.mongodb.MongoServerException.class,
                () -> other.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true)));
        assertEquals(11000, build.getCode());
        assertEquals(1, other.listIndexes().into(new ArrayList<>()).size());
    }

    @Test
    void uniqueMultikeyIsPerDocumentAndNullsCollideUnlessSparse() {
        c.createIndex(Indexes.ascending("tags"), new IndexOptions().unique(true));
        c.insertOne(new Document("_id", 1).append("tags", List.of("a", "a", "b")));
        assertThrows(MongoWriteException.class, () -> c.insertOne(new Document("_id", 2).append("tags", List.of("c", "b"))));
        c.insertOne(new Document("_id", 3));
        assertThrows(MongoWriteException.class, () -> c.insertOne(new Document("_id", 4)));
        MongoCollection<Document> sparse = db.getCollection("sparse");
        sparse.drop();
        sparse.createIndex(Indexes.ascending("x"), new IndexOptions().unique(true).sparse(true));
        sparse.insertMany(List.of(new Document("_id", 1), new Document("_id", 2)));
        assertEquals(2, sparse.countDocuments());
    }

    @Test
    void parallelArraysCannotBeIndexed() {
        c.createIndex(Indexes.compoundIndex(Indexes.ascending("a"), Indexes.ascending("b")));
        c.insertOne(new Document("a", List.of(1, 2)).append("b", 1));
        MongoWriteException e = assertThrows(MongoWriteException.class,
                () -> c.insertOne(new Document("a", List.of(1, 2)).append("b", List.of(3, 4))));
        assertEquals(171, e.getError().getCode());
    }

    @Test
    void queriesReturnTheSameWithAndWithoutIndexes() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Object a = switch (i % 7) {
                case 0 -> i % 50;
                case 1 -> (long) (i % 50);
                case 2 -> (i % 50) + 0.5;
                case 3 -> "s" + (i % 13);
                case 4 -> List.of(i % 50, (i + 1) % 50);
                case 5 -> null;
                default -> new Document("b", i % 10);
            };
            Document d = new Document("_id", i).append("n", i % 100);
            if (i % 11 != 0) {
                d.append("a", a);
            }
            docs.add(d);
        }
        c.insertMany(docs);
        List<Bson> filters = List.of(Filters.eq("a", 7), Filters.gt("a", 40), Filters.lte("a", 3.5), Filters.in("a", 1, 2, "s3"),
                Filters.and(Filters.gte("a", 10), Filters.lt("a", 20)), Filters.eq("a", null), Filters.gt("a", "s5"),
                Filters.eq("a.b", 3), Filters.lt("n", 10), Filters.and(Filters.eq("n", 5), Filters.gt("a", 1)));
        List<List<Document>> before = new ArrayList<>();
        for (Bson f : filters) {
            before.add(c.find(f).sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        }
        c.createIndex(Indexes.ascending("a"));
        c.createIndex(Indexes.descending("n"));
        c.createIndex(Indexes.ascending("a.b"));
        for (int i = 0; i < filters.size(); i++) {
            assertEquals(before.get(i), c.find(filters.get(i)).sort(Sorts.ascending("_id")).into(new ArrayList<>()),
                    "filter " + filters.get(i));
            assertEquals(before.get(i).size(), c.countDocuments(filters.get(i)));
        }
        c.updateMany(Filters.lt("n", 50), Updates.combine(Updates.inc("n", 1000), Updates.set("a", "moved")));
        c.deleteMany(Filters.eq("a", 7));
        c.updateOne(Filters.eq("_id", 3), Updates.set("a", List.of(7, 8)));
        List<List<Document>> indexed = new ArrayList<>();
        for (Bson f : filters) {
            indexed.add(c.find(f).sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        }
        c.dropIndexes();
        for (int i = 0; i < filters.size(); i++) {
            assertEquals(c.find(filters.get(i)).sort(Sorts.ascending("_id")).into(new ArrayList<>()), indexed.get(i),
                    "after writes, filter " + filters.get(i));
        }
    }

    @Test
    void sortedFindsInIndexOrderMatchTheInMemorySort() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Object n = switch (i % 5) {
                case 0 -> i % 97;
                case 1 -> (i % 97) + 0.25;
                case 2 -> "t" + (i % 31);
                case 3 -> null;
                default -> new Document("x", i % 7);
            };
            Document d = new Document("_id", i).append("g", i % 3);
            if (i % 13 != 0) {
                d.append("n", n);
            }
            docs.add(d);
        }
        c.insertMany(docs);
        List<Bson> sorts = List.of(Sorts.ascending("n"), Sorts.descending("n"), Sorts.orderBy(Sorts.ascending("g"), Sorts.descending("n")),
                Sorts.orderBy(Sorts.descending("g"), Sorts.ascending("n")), Sorts.ascending("g"));
        List<Bson> filters = List.of(Filters.empty(), Filters.gt("n", 50), Filters.eq("g", 1), Filters.lt("n", "t2"));
        List<List<Object>> before = new ArrayList<>();
        for (Bson sort : sorts) {
            for (Bson filter : filters) {
                before.add(Ids.of(c.find(filter).sort(Sorts.orderBy(sort, Sorts.ascending("_id"))).skip(7).limit(300)));
            }
        }
        c.createIndex(Indexes.ascending("n"));
        c.createIndex(Indexes.compoundIndex(Indexes.ascending("g"), Indexes.descending("n"), Indexes.ascending("_id")));
        c.createIndex(Indexes.compoundIndex(Indexes.ascending("n"), Indexes.ascending("_id")));
        int i = 0;
        for (Bson sort : sorts) {
            for (Bson filter : filters) {
                assertEquals(before.get(i++), Ids.of(c.find(filter).sort(Sorts.orderBy(sort, Sorts.ascending("_id"))).skip(7).limit(300)),
                        "sort " + sort + " filter " + filter);
            }
        }
        c.insertOne(new Document("_id", -1).append("n", List.of(1000, -1000)).append("g", 1));
        assertEquals(List.of(-1), Ids.of(c.find(Filters.eq("_id", -1)).sort(Sorts.ascending("n"))));
        assertEquals(-1, c.find(Filters.type("n", "number")).sort(Sorts.ascending("n")).first().getInteger("_id"),
                "the array's smallest element sorts first");
        assertEquals(-1, c.find(Filters.type("n", "number")).sort(Sorts.descending("n")).first().getInteger("_id"),
                "the array's largest element sorts first descending");
    }


    @Test
    void atlasSearchIndexesAnswerAsAServerWithoutSearch() {
        com.mongodb.MongoException e = org.junit.jupiter.api.Assertions.assertThrows(com.mongodb.MongoException.class,
                () -> c.createSearchIndex(new Document("mappings", new Document("dynamic", true))));
        assertEquals(31082, e.getCode());
        assertTrue(e.getMessage().contains("Atlas"), e.getMessage());
        assertEquals(31082, org.junit.jupiter.api.Assertions.assertThrows(com.mongodb.MongoException.class,
                () -> c.aggregate(List.of(new Document("$search", new Document("text", new Document())))).first()).getCode());
    }

    @Test
    void explainShowsTheIndexPostgreSqlUses() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            docs.add(new Document("_id", i).append("sku", "sku-" + i).append("qty", i % 1000));
        }
        c.insertMany(docs);
        c.createIndex(Indexes.ascending("sku"));
        db.runCommand(new Document("ping", 1));
        try (var sql = TuskTestServer.server().dataSource().getConnection(); var st = sql.createStatement()) {
            st.execute("ANALYZE");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        Document plan = c.find(Filters.eq("sku", "sku-4242")).explain(ExplainVerbosity.EXECUTION_STATS);
        Document winning = plan.get("queryPlanner", Document.class).get("winningPlan", Document.class);
        assertEquals("FETCH", winning.getString("stage"), plan.toJson());
        assertEquals("IXSCAN", winning.get("inputStage", Document.class).getString("stage"), plan.toJson());
        assertEquals("sku_1", winning.get("inputStage", Document.class).getString("indexName"));
        assertEquals(new Document("sku", List.of("[\"sku-4242\", \"sku-4242\"]")),
                winning.get("inputStage", Document.class).get("indexBounds", Document.class));
        assertEquals(1, plan.get("executionStats", Document.class).getInteger("nReturned"));
        assertTrue(plan.get("executionStats", Document.class).getInteger("totalDocsExamined") < 100);
        assertEquals(1, plan.get("executionStats", Document.class).getInteger("totalKeysExamined"));
        Document noIndex = c.find(Filters.eq("qty", 5)).explain(ExplainVerbosity.QUERY_PLANNER);
        assertFalse(noIndex.get("queryPlanner", Document.class).get("winningPlan", Document.class).toJson().contains("sku_1"));
    }
}
