package dev.tusk.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ExplainVerbosity;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** explain: MongoDB's shape plus the SQL and PostgreSQL's plan in a `tusk` section. */
class ExplainIT {
    /** {a: 3} in SQL: jsonb containment of the field or of an array holding it. */
    private static final String FILTER = "\"q\" @> '{\"a\":3}'::jsonb OR \"q\" @> '{\"a\":[3]}'::jsonb";

    private static final MongoDatabase db = TuskTestServer.client().getDatabase("explain_it");
    private static final MongoCollection<Document> c = db.getCollection("c");

    @BeforeAll
    static void load() {
        c.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            docs.add(new Document("_id", i).append("a", i % 10));
        }
        c.insertMany(docs);
    }

    @Test
    void findQueryPlanner() {
        Document plan = c.find(Filters.eq("a", 3)).sort(Sorts.ascending("a")).limit(5).explain(ExplainVerbosity.QUERY_PLANNER);
        Document planner = plan.get("queryPlanner", Document.class);
        assertEquals("explain_it.c", planner.getString("namespace"));
        assertEquals(new Document("a", 3), planner.get("parsedQuery", Document.class));
        Document winning = planner.get("winningPlan", Document.class);
        assertEquals("SORT", winning.getString("stage"), winning.toJson());
        assertEquals(new Document("a", 1), winning.get("sortPattern", Document.class));
        assertEquals(5L, ((Number) winning.get("limitAmount")).longValue());
        assertEquals("COLLSCAN", winning.get("inputStage", Document.class).getString("stage"));
        Document tusk = plan.get("tusk", Document.class);
        assertTrue(tusk.getString("sql").contains(FILTER), tusk.getString("sql"));
        assertTrue(tusk.getList("postgresPlan", Document.class).get(0).containsKey("Plan"));
        assertTrue(!plan.containsKey("executionStats"));
    }

    @Test
    void aggregateWithTheExplainOptionAnswersTheQueryPlanner() {
        Document plan = db.runCommand(new Document("aggregate", "c")
                .append("pipeline", List.of(new Document("$match", new Document("a", 3)), new Document("$group",
                        new Document("_id", "$a").append("n", new Document("$sum", 1)))))
                .append("explain", true));
        List<Document> stages = plan.getList("stages", Document.class);
        Document cursor = stages.get(0).get("$cursor", Document.class);
        assertEquals(new Document("a", 3), cursor.get("queryPlanner", Document.class).get("parsedQuery", Document.class));
        assertTrue(!cursor.containsKey("executionStats"), "explain: true is queryPlanner verbosity");
        // the counting $group runs in PostgreSQL: the read's plan under a GROUP stage, and the grouping statement
        assertEquals(1, stages.size());
        assertEquals("GROUP", cursor.get("queryPlanner", Document.class).get("winningPlan", Document.class).getString("stage"));
        String sql = plan.get("tusk", Document.class).getString("sql");
        assertTrue(sql.contains(FILTER) && sql.contains("GROUP BY"), sql);
    }

    @Test
    void countDocumentsPipelineExplainsTheCountThatRuns() {
        Document plan = db.runCommand(new Document("aggregate", "c")
                .append("pipeline", List.of(new Document("$match", new Document("a", 3)), new Document("$group",
                        new Document("_id", 1).append("n", new Document("$sum", 1)))))
                .append("explain", true));
        List<Document> stages = plan.getList("stages", Document.class);
        assertEquals(1, stages.size());
        Document winning = stages.get(0).get("$cursor", Document.class).get("queryPlanner", Document.class).get("winningPlan", Document.class);
        assertEquals("COUNT", winning.getString("stage"));
        String sql = plan.get("tusk", Document.class).getString("sql");
        assertTrue(sql.contains("count(*)") && sql.contains(FILTER), sql);
    }

    @Test
    void findExecutionStatsCountsReturnedAndExamined() {
        Document plan = c.find(Filters.eq("a", 3)).explain(ExplainVerbosity.EXECUTION_STATS);
        Document stats = plan.get("executionStats", Document.class);
        assertEquals(30, stats.getInteger("nReturned"));
        assertTrue(stats.getInteger("totalDocsExamined") >= 30);
        assertTrue(stats.getBoolean("executionSuccess"));
        Document pgPlan = plan.get("tusk", Document.class).getList("postgresPlan", Document.class).get(0);
        assertTrue(pgPlan.containsKey("Execution Time"), "ANALYZE ran: " + pgPlan.toJson());
    }

    @Test
    void findWithMinMaxExplainsTheHintedIndexRange() {
        MongoCollection<Document> ranged = db.getCollection("ranged");
        ranged.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            docs.add(new Document("_id", i).append("a", i % 10));
        }
        ranged.insertMany(docs);
        ranged.createIndex(new Document("a", 1));
        Document plan = db.runCommand(new Document("explain", new Document("find", "ranged")
                .append("hint", new Document("a", 1)).append("min", new Document("a", 3)).append("max", new Document("a", 6)))
                .append("verbosity", "executionStats"));
        Document winning = plan.get("queryPlanner", Document.class).get("winningPlan", Document.class);
        assertEquals("FETCH", winning.getString("stage"), winning.toJson());
        assertEquals("IXSCAN", winning.get("inputStage", Document.class).getString("stage"));
        assertEquals("a_1", winning.get("inputStage", Document.class).getString("indexName"));
        assertEquals(90, plan.get("executionStats", Document.class).getInteger("nReturned"), "a in [3, 6): 3, 4 and 5");
        assertEquals(90, ranged.find().hint(new Document("a", 1)).min(new Document("a", 3)).max(new Document("a", 6))
                .into(new ArrayList<>()).size());
        Document byId = db.runCommand(new Document("explain", new Document("find", "ranged")
                .append("hint", new Document("_id", 1)).append("min", new Document("_id", 10)).append("max", new Document("_id", 20)))
                .append("verbosity", "executionStats"));
        assertEquals(10, byId.get("executionStats", Document.class).getInteger("nReturned"));
        com.mongodb.MongoCommandException noHint = org.junit.jupiter.api.Assertions.assertThrows(
                com.mongodb.MongoCommandException.class, () -> db.runCommand(new Document("explain",
                        new Document("find", "ranged").append("min", new Document("a", 3))).append("verbosity", "queryPlanner")));
        assertEquals(51173, noHint.getErrorCode());
    }

    @Test
    void stageTreesFollowTheReadThatRuns() {
        MongoCollection<Document> shaped = db.getCollection("shaped");
        shaped.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            docs.add(new Document("_id", i).append("a", i % 10).append("b", i));
        }
        shaped.insertMany(docs);
        shaped.createIndex(new Document("b", -1));
        assertEquals("IDHACK", winning(shaped.find(Filters.eq("_id", 7))).getString("stage"));

        Document ordered = winning(shaped.find().sort(Sorts.ascending("b")).skip(2).limit(3));
        assertEquals(List.of("LIMIT", "SKIP", "FETCH", "IXSCAN"), stages(ordered), "the index gives the order: no SORT");
        assertEquals("backward", innermost(ordered).getString("direction"));
        assertEquals(List.of(2, 3, 4), shaped.find().sort(Sorts.ascending("b")).skip(2).limit(3).map(d -> d.getInteger("b"))
                .into(new ArrayList<>()));

        Document topK = winning(shaped.find(Filters.gt("a", 2)).sort(Sorts.descending("a")).skip(4).limit(6)
                .projection(new Document("a", 1)));
        assertEquals(List.of("PROJECTION_SIMPLE", "SKIP", "SORT", "COLLSCAN"), stages(topK));
        assertEquals(10L, ((Number) topK.get("inputStage", Document.class).get("inputStage", Document.class)
                .get("limitAmount")).longValue(), "skip + limit");
        assertEquals(List.of("LIMIT", "PROJECTION_DEFAULT", "COLLSCAN"),
                stages(winning(shaped.find().limit(2).projection(new Document("a", new Document("$add", List.of("$a", 1)))))));
        assertEquals(List.of("RETURN_KEY", "IXSCAN"), stages(winning(shaped.find(Filters.gt("b", 150)).returnKey(true))));
    }

    private static Document winning(com.mongodb.client.FindIterable<Document> find) {
        return find.explain(ExplainVerbosity.QUERY_PLANNER).get("queryPlanner", Document.class).get("winningPlan", Document.class);
    }

    private static List<String> stages(Document plan) {
        List<String> names = new ArrayList<>();
        for (Document d = plan; d != null; d = d.get("inputStage", Document.class)) {
            names.add(d.getString("stage"));
        }
        return names;
    }

    private static Document innermost(Document plan) {
        Document d = plan;
        while (d.containsKey("inputStage")) {
            d = d.get("inputStage", Document.class);
        }
        return d;
    }

    @Test
    void countDistinctAndAggregate() {
        Document count = db.runCommand(new Document("explain", new Document("count", "c").append("query", new Document("a", 1)))
                .append("verbosity", "executionStats"));
        assertEquals("COUNT", count.get("queryPlanner", Document.class).get("winningPlan", Document.class).getString("stage"));
        Document distinct = db.runCommand(new Document("explain", new Document("distinct", "c").append("key", "a"))
                .append("verbosity", "queryPlanner"));
        assertTrue(distinct.containsKey("queryPlanner"));
        Document agg = c.aggregate(List.of(Aggregates.match(Filters.gt("a", 5)), Aggregates.count("n")))
                .explain(ExplainVerbosity.QUERY_PLANNER);
        List<Document> stages = agg.getList("stages", Document.class);
        assertEquals(1, stages.size(), "$count after an exact $match is PostgreSQL's count(*)");
        assertEquals("COUNT", stages.get(0).get("$cursor", Document.class).get("queryPlanner", Document.class)
                .get("winningPlan", Document.class).getString("stage"));
        Document inJava = c.aggregate(List.of(Aggregates.match(Filters.expr(new Document("$gt", List.of("$a", 5)))), Aggregates.count("n")))
                .explain(ExplainVerbosity.QUERY_PLANNER);
        assertEquals(new Document("$count", "n"), inJava.getList("stages", Document.class).get(1), "a $match PostgreSQL only narrows ($expr) counts in Java");
        // soft deletes: {deletedAt: null} (missing, null, or an array holding null) is exact, so the count is PostgreSQL's
        Document notDeleted = c.aggregate(List.of(Aggregates.match(Filters.eq("deletedAt", null)), Aggregates.count("n")))
                .explain(ExplainVerbosity.QUERY_PLANNER);
        assertEquals(1, notDeleted.getList("stages", Document.class).size(), notDeleted.toJson());
        long all = c.countDocuments();
        c.insertOne(new Document("_id", "deleted").append("deletedAt", new java.util.Date()));
        c.insertOne(new Document("_id", "kept").append("deletedAt", java.util.Arrays.asList(1, null)));
        assertEquals(all + 1, c.countDocuments(Filters.eq("deletedAt", null)));
        assertEquals(1, c.countDocuments(Filters.ne("deletedAt", null)));
        c.deleteMany(Filters.in("_id", "deleted", "kept"));
        // so is a dotted path: null or nothing reached through documents and arrays of documents, as MongoDB walks it
        Document noCity = c.aggregate(List.of(Aggregates.match(Filters.eq("address.city", null)), Aggregates.count("n")))
                .explain(ExplainVerbosity.QUERY_PLANNER);
        assertEquals(1, noCity.getList("stages", Document.class).size(), noCity.toJson());
        long before = c.countDocuments(Filters.eq("address.city", null));
        c.insertMany(List.of(new Document("_id", "c1").append("address", new Document("city", "Quito")),
                new Document("_id", "c2").append("address", new Document("city", null)),
                new Document("_id", "c3").append("address", 5),
                new Document("_id", "c4").append("address", new java.util.Date()),
                new Document("_id", "c5").append("address", List.of(new Document("city", "Lima"), new Document("zip", "1"))),
                new Document("_id", "c6").append("address", List.of(new Document("city", "Lima"), new java.util.Date(), "x")),
                new Document("_id", "c7").append("address", List.of()),
                new Document("_id", "c8").append("address", new Document("city", java.util.Arrays.asList("Oslo", null)))));
        assertEquals(before + 5, c.countDocuments(Filters.eq("address.city", null)), "c2, c3, c4 (a date holds no field), c5 and c8");
        assertEquals(List.of("c1", "c6", "c7"), c.find(Filters.and(Filters.regex("_id", "^c"), Filters.ne("address.city", null)))
                .map(d -> d.getString("_id")).into(new ArrayList<>()));
        c.deleteMany(Filters.regex("_id", "^c\\d$"));
        // an anchored literal prefix without options is exact too: the count of an autocomplete is PostgreSQL's
        Document prefix = c.aggregate(List.of(Aggregates.match(Filters.regex("name", "^ab")), Aggregates.count("n")))
                .explain(ExplainVerbosity.QUERY_PLANNER);
        assertEquals(1, prefix.getList("stages", Document.class).size(), prefix.toJson());
        c.insertMany(List.of(new Document("_id", "p1").append("name", "abc"), new Document("_id", "p2").append("name", List.of("x", "abd")),
                new Document("_id", "p3").append("name", "Abc"), new Document("_id", "p4").append("name", java.util.regex.Pattern.compile("^ab"))));
        assertEquals(3, c.countDocuments(Filters.regex("name", "^ab")), "strings, array elements and the same regex");
        assertEquals(3, c.countDocuments(Filters.regex("name", "^ab", "i")), "with a flag (re-checked in Java): Abc, not the flagless regex");
        c.deleteMany(Filters.in("_id", "p1", "p2", "p3", "p4"));
    }

    @Test
    void explainedWritesShowTheirReadUnderUpdateOrDeleteAndWriteNothing() {
        Document update = db.runCommand(new Document("explain", new Document("update", "c").append("updates", List.of(
                new Document("q", new Document("a", 3)).append("u", new Document("$set", new Document("b", 1))).append("multi", true))))
                .append("verbosity", "executionStats"));
        Document winning = update.get("queryPlanner", Document.class).get("winningPlan", Document.class);
        assertEquals("UPDATE", winning.getString("stage"));
        assertEquals("COLLSCAN", winning.get("inputStage", Document.class).getString("stage"));
        Document stats = update.get("executionStats", Document.class);
        assertEquals(0, stats.getInteger("nReturned"));
        Document stage = stats.get("executionStages", Document.class);
        assertEquals(30, stage.getInteger("nMatched"));
        assertEquals(30, stage.getInteger("nWouldModify"));
        assertEquals(0, stage.getInteger("nWouldUpsert"));
        Document noop = db.runCommand(new Document("explain", new Document("update", "c").append("updates", List.of(
                new Document("q", new Document("a", 3)).append("u", new Document("$set", new Document("a", 3))).append("multi", true))))
                .append("verbosity", "executionStats"));
        Document noopStage = noop.get("executionStats", Document.class).get("executionStages", Document.class);
        assertEquals(30, noopStage.getInteger("nMatched"));
        assertEquals(0, noopStage.getInteger("nWouldModify"), "setting a field to its value changes nothing");
        assertTrue(update.get("tusk", Document.class).getString("sql").contains(FILTER));

        Document delete = db.runCommand(new Document("explain", new Document("delete", "c").append("deletes", List.of(
                new Document("q", new Document("a", 4)).append("limit", 1)))).append("verbosity", "executionStats"));
        Document deleteStage = delete.get("executionStats", Document.class).get("executionStages", Document.class);
        assertEquals("DELETE", deleteStage.getString("stage"));
        assertEquals(1, deleteStage.getInteger("nWouldDelete"));
        assertEquals("LIMIT", delete.get("queryPlanner", Document.class).get("winningPlan", Document.class)
                .get("inputStage", Document.class).getString("stage"));

        Document fam = db.runCommand(new Document("explain", new Document("findAndModify", "c").append("query", new Document("a", 5))
                .append("sort", new Document("_id", -1)).append("remove", true)).append("verbosity", "queryPlanner"));
        assertEquals("DELETE", fam.get("queryPlanner", Document.class).get("winningPlan", Document.class).getString("stage"));

        assertEquals(0, c.countDocuments(Filters.exists("b")));
        assertEquals(30, c.countDocuments(Filters.eq("a", 4)));
        assertEquals(30, c.countDocuments(Filters.eq("a", 5)));
        com.mongodb.MongoCommandException batch = org.junit.jupiter.api.Assertions.assertThrows(com.mongodb.MongoCommandException.class,
                () -> db.runCommand(new Document("explain", new Document("delete", "c").append("deletes", List.of(
                        new Document("q", new Document()).append("limit", 0), new Document("q", new Document()).append("limit", 0))))));
        assertEquals(16, batch.getErrorCode());
        db.createView("c_view", "c", List.of());
        try {
            com.mongodb.MongoCommandException view = org.junit.jupiter.api.Assertions.assertThrows(com.mongodb.MongoCommandException.class,
                    () -> db.runCommand(new Document("explain", new Document("delete", "c_view").append("deletes", List.of(
                            new Document("q", new Document()).append("limit", 0))))));
            assertEquals(166, view.getErrorCode());
        } finally {
            db.getCollection("c_view").drop();
        }
    }
}
