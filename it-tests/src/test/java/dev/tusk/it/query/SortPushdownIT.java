package dev.tusk.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ExplainVerbosity;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.tusk.it.support.Ids;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sort with a limit over an exact filter runs as a top-k in PostgreSQL (then an exact sort of the
 * rows it returns): its results must equal the same sort without a limit, which sorts every match in Java.
 */
class SortPushdownIT {
    private static final MongoDatabase db = TuskTestServer.client().getDatabase("sort_pushdown_it");
    private static final MongoCollection<Document> c = db.getCollection("c");

    @BeforeAll
    static void load() {
        c.drop();
        Random random = new Random(42);
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            Document d = new Document("_id", i).append("g", i % 3);
            if (random.nextInt(10) > 0) {
                d.append("v", value(random));
            }
            d.append("w", value(random));
            embedded(random).ifPresent(e -> d.append("e", e));
            docs.add(d);
        }
        c.insertMany(docs);
    }

    private static Object value(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> null;
            case 1 -> random.nextInt(50);
            case 2 -> (long) random.nextInt(50);
            case 3 -> random.nextInt(100) / 2.0;
            case 4 -> new Decimal128(new java.math.BigDecimal(random.nextInt(100) + ".50"));
            case 5 -> List.of("s" + random.nextInt(5), "é", "Z").get(random.nextInt(3));
            case 6 -> List.of(random.nextInt(50), "x");
            case 7 -> List.of();
            case 8 -> List.of(List.of(random.nextInt(3)), random.nextInt(50));
            case 9 -> new Document("k", random.nextInt(3));
            case 10 -> new Date(random.nextInt(1000) * 1000L);
            case 11 -> new ObjectId(String.format("%024x", random.nextInt(1000)));
            case 12 -> random.nextBoolean();
            case 13 -> new BsonTimestamp(random.nextInt(100), random.nextInt(3));
            case 14 -> random.nextBoolean() ? new BsonMinKey() : new BsonMaxKey();
            default -> Double.NaN;
        };
    }

    /** For dotted sorts: mostly documents, sometimes arrays of documents or scalars on the way. */
    private static java.util.Optional<Object> embedded(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> java.util.Optional.empty();
            case 1 -> java.util.Optional.ofNullable(value(random));
            case 2 -> java.util.Optional.of(List.of(new Document("x", value(random)), new Document("x", value(random))
                    .append("y", new Document("z", value(random)))));
            default -> java.util.Optional.of(new Document("x", value(random)).append("y", random.nextInt(4) == 0
                    ? List.of(new Document("z", value(random)), 5) : new Document("z", value(random))));
        };
    }


    @Test
    void topKEqualsTheFullSortCutShort() {
        List<Bson> sorts = List.of(Sorts.ascending("v"), Sorts.descending("v"), Sorts.orderBy(Sorts.ascending("g"),
                Sorts.descending("w")), Sorts.orderBy(Sorts.descending("w"), Sorts.ascending("v")));
        for (Bson sort : sorts) {
            for (Bson filter : List.of(Filters.empty(), Filters.eq("g", 1))) {
                List<Object> all = Ids.of(c.find(filter).sort(sort));
                for (int[] skipLimit : new int[][] {{0, 1}, {0, 7}, {3, 40}, {0, 600}, {990, 20}}) {
                    int from = Math.min(skipLimit[0], all.size());
                    int to = Math.min(all.size(), from + skipLimit[1]);
                    List<Object> expected = all.subList(from, to);
                    List<Object> got = Ids.of(c.find(filter).sort(sort).skip(skipLimit[0]).limit(skipLimit[1]));
                    assertEquals(expected, got,
                            "find " + sort + " " + filter + " skip/limit " + skipLimit[0] + "/" + skipLimit[1]);
                    List<Bson> pipeline = new ArrayList<>(List.of(Aggregates.match(filter), Aggregates.sort(sort)));
                    if (skipLimit[0] > 0) {
                        pipeline.add(Aggregates.skip(skipLimit[0]));
                    }
                    pipeline.add(Aggregates.limit(skipLimit[1]));
                    assertEquals(expected, Ids.of(c.aggregate(pipeline)), "aggregate " + pipeline);
                }
            }
        }
    }

    @Test
    void explainShowsTheTopKStatement() {
        Document find = c.find(Filters.eq("g", 2)).sort(Sorts.descending("v")).limit(5).explain(ExplainVerbosity.EXECUTION_STATS);
        String sql = find.get("tusk", Document.class).getString("sql");
        assertTrue(sql.contains("with ties"), sql);
        assertEquals(5, find.get("executionStats", Document.class).getInteger("nReturned"));
        Document agg = c.aggregate(List.of(Aggregates.sort(Sorts.ascending("w")), Aggregates.limit(3), Aggregates.count("n")))
                .explain(ExplainVerbosity.QUERY_PLANNER);
        List<Document> stages = agg.getList("stages", Document.class);
        Document winning = stages.get(0).get("$cursor", Document.class).get("queryPlanner", Document.class)
                .get("winningPlan", Document.class);
        assertEquals("SORT", winning.getString("stage"), winning.toJson());
        assertEquals(3L, ((Number) winning.get("limitAmount")).longValue(), "the limit bounds the sort, as on MongoDB");
        assertEquals(new Document("$count", "n"), stages.get(1));
        assertTrue(agg.get("tusk", Document.class).getString("sql").contains("with ties"));
    }

    @Test
    void dottedSortsAreTopKsTooAndRowsWithArraysOnThePathAreSortedInJava() {
        List<Bson> sorts = List.of(Sorts.ascending("v.k"), Sorts.descending("e.x"), Sorts.ascending("e.y.z"),
                Sorts.orderBy(Sorts.descending("e.y.z"), Sorts.ascending("e.x"), Sorts.descending("_id")));
        for (Bson sort : sorts) {
            List<Object> all = Ids.of(c.find().sort(sort));
            for (int[] skipLimit : new int[][] {{0, 1}, {0, 9}, {5, 30}, {0, 700}}) {
                int from = Math.min(skipLimit[0], all.size());
                List<Object> expected = all.subList(from, Math.min(all.size(), from + skipLimit[1]));
                assertEquals(expected, Ids.of(c.find().sort(sort).skip(skipLimit[0]).limit(skipLimit[1])),
                        "find " + sort + " skip/limit " + skipLimit[0] + "/" + skipLimit[1]);
            }
        }
        String sql = c.find().sort(Sorts.ascending("e.y.z")).limit(10).explain(ExplainVerbosity.QUERY_PLANNER)
                .get("tusk", Document.class).getString("sql");
        assertTrue(sql.contains("with ties") && sql.contains("union all"), sql);
    }
}
