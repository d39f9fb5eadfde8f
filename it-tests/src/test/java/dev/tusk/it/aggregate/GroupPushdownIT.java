package dev.tusk.it.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * A $group after an exact $match that counts ({$sum: n}, {$count: {}}, $sortByCount), sums, averages or
 * takes the least, greatest, first or last of field paths or pushes them, after a $sort, an $unwind or stages that keep or rename the paths it reads, is computed by PostgreSQL: each pipeline here gives the same documents (values
 * and BSON types, in the same order) as the same pipeline with a {$skip: 0} in front of its $group,
 * which keeps it in Java; serverStatus says which way it ran.
 */
class GroupPushdownIT {
    private static final MongoDatabase DB = TuskTestServer.client().getDatabase("group_count_it");
    private static final List<String> PIPELINES = List.of(
            "[{$group: {_id: '$k', n: {$sum: 1}}}]",
            "[{$match: {x: {$gt: 20}}}, {$group: {_id: '$k', n: {$count: {}}, big: {$sum: {$numberLong: '2'}}, three: {$sum: 3}}}]",
            "[{$sortByCount: '$k'}]",
            "[{$group: {_id: {a: '$k', b: '$e.f'}, n: {$sum: 1}}}, {$sort: {n: -1, _id: 1}}]",
            "[{$group: {_id: '$e.f'}}]",
            "[{$match: {x: {$lt: 70}}}, {$group: {_id: '$$ROOT.k', n: {$sum: -1}}}, {$match: {n: {$lt: -1}}}, {$limit: 4}]",
            "[{$group: {_id: '$g', i: {$sum: '$i'}, l: {$sum: '$l'}, d: {$sum: '$d'}, mix: {$sum: '$mix'}, ai: {$avg: '$i'},"
                    + " ad: {$avg: '$d'}, amix: {$avg: '$mix'}, none: {$sum: '$nothing'}, anone: {$avg: '$nothing'}, n: {$sum: 1}}}]",
            "[{$match: {x: {$gte: 50}}}, {$group: {_id: {g: '$g', b: '$e.f'}, s: {$sum: '$y.v'}, a: {$avg: '$x'}}}, {$sort: {_id: -1}}]",
            "[{$group: {_id: '$g', lo: {$min: '$i'}, hi: {$max: '$i'}, dlo: {$min: '$d'}, lhi: {$max: '$l'}, first: {$min: '$t'},"
                    + " last: {$max: '$t'}, none: {$min: '$nothing'}, s: {$sum: '$i'}}}]",
            "[{$match: {x: {$lt: 30}}}, {$group: {_id: null, s: {$sum: '$i'}, a: {$avg: '$d'}, hi: {$max: '$t'}, n: {$sum: 1}}}]",
            "[{$group: {_id: null, n: {$sum: 1}, m: {$sum: -2}}}]",
            "[{$match: {x: {$gt: 10}}}, {$group: {_id: '$g', f: {$first: '$k'}, l: {$last: '$e.f'}, doc: {$last: '$$ROOT'}, one: {$first: 1},"
                    + " n: {$sum: 1}}}]",
            "[{$match: {x: {$lt: 90}}}, {$sort: {t: -1}}, {$group: {_id: '$g', latest: {$first: '$$ROOT'}, oldest: {$last: '$t'}, n: {$sum: 1}}}]",
            "[{$sort: {k: 1, x: -1}}, {$group: {_id: '$e.f', f: {$first: '$x'}, l: {$last: '$k'}, s: {$sum: '$i'}}}, {$sort: {_id: 1}}]",
            "[{$sort: {nothing: 1}}, {$group: {_id: '$g', f: {$first: '$_id'}, l: {$last: '$_id'}}}]",
            "[{$unwind: '$tags'}, {$group: {_id: '$tags', n: {$sum: 1}, doc: {$first: '$$ROOT'}, at: {$last: '$tags'}, s: {$sum: '$i'}}}]",
            "[{$match: {x: {$lt: 50}}}, {$unwind: '$tags'}, {$sortByCount: '$tags'}]",
            "[{$match: {x: {$lt: 80}}}, {$project: {cat: '$g', i: 1, t: 1}}, {$sort: {t: 1}}, {$group: {_id: '$cat', s: {$sum: '$i'},"
                    + " first: {$first: '$$ROOT'}}}]",
            "[{$set: {w: '$tags', c: 'constant'}}, {$unset: 'e'}, {$unwind: '$w'}, {$sortByCount: '$w'}]",
            "[{$group: {_id: {y: {$year: '$t'}, m: {$month: '$t'}}, n: {$sum: 1}, s: {$sum: '$i'}}}, {$sort: {_id: 1}}]",
            "[{$match: {x: {$lt: 70}}}, {$group: {_id: {$dateToString: {date: '$t', format: '%Y-%m-%d'}}, n: {$sum: 1}, s: {$sum: '$i'}}},"
                    + " {$sort: {_id: -1}}]",
            "[{$group: {_id: {week: {$dateToString: {date: '$t', format: '%G-W%V', onNull: 'undated'}}, g: '$g'}, n: {$sum: 1}}}]",
            "[{$match: {x: {$gt: 10}}}, {$bucket: {groupBy: '$x', boundaries: [0, 20, 40.5, {$numberLong: '60'}], default: 'more',"
                    + " output: {n: {$sum: 1}, s: {$sum: '$i'}, top: {$max: '$x'}}}}]",
            "[{$bucket: {groupBy: '$d', boundaries: [0, 50, 101]}}]",
            "[{$group: {_id: {$dateTrunc: {date: '$t', unit: 'month'}}, n: {$sum: 1}, s: {$sum: '$i'}}}, {$sort: {_id: 1}}]",
            "[{$group: {_id: {q: {$dateTrunc: {date: '$t', unit: 'quarter', binSize: 1}}, g: '$g'}, n: {$sum: 1}}}]",
            "[{$group: {_id: '$g', n: {$sum: 1}, fives: {$sum: {$cond: [{$eq: ['$x', 5]}, 1, 0]}},"
                    + " untagged: {$sum: {$cond: {if: {$ne: ['$tags', 't0']}, then: {$numberLong: '1'}, else: 0}}}}}, {$sort: {_id: 1}}]",
            "[{$group: {_id: '$g', low: {$sum: {$cond: [{$eq: ['$x', 7]}, 0, '$i']}}, avgD: {$avg: {$cond: [{$ne: ['$k', 's1']}, '$d', null]}},"
                    + " onlyFives: {$sum: {$cond: [{$eq: ['$x', 5]}, '$l', '$$REMOVE']}}}}, {$sort: {_id: 1}}]",
            "[{$match: {x: {$gt: 30}}}, {$group: {_id: {$dayOfWeek: '$t'}, n: {$sum: 1}, last: {$last: '$t'}}}]",
            "[{$match: {x: {$lt: 40}}}, {$group: {_id: '$g', xs: {$push: '$x'}, ts: {$push: '$t'}, ls: {$push: '$l'}, ds: {$push: '$d'}}}]",
            "[{$unwind: '$tags'}, {$group: {_id: '$g', tags: {$push: '$tags'}}}]",
            "[{$match: {x: {$lt: 50}}}, {$unwind: '$tags'}, {$count: 'elements'}]",
            "[{$match: {x: {$lt: 60}}}, {$group: {_id: '$g', xs: {$addToSet: '$x'}, ls: {$addToSet: '$l'}, gs: {$addToSet: '$g'},"
                    + " ts: {$addToSet: '$t'}, n: {$sum: 1}}}, {$sort: {_id: 1}}]",
            "[{$unwind: {path: '$tags', preserveNullAndEmptyArrays: true}}, {$group: {_id: {t: '$tags', g: '$g'}, n: {$sum: 1},"
                    + " first: {$first: '$$ROOT'}, last: {$last: '$tags'}}}, {$sort: {_id: 1}}]",
            "[{$match: {x: {$gt: 10}}}, {$unwind: '$tags'}, {$match: {tags: {$in: ['t1', 't2', 2]}, x: {$lt: 90}}}, {$sortByCount: '$tags'}]",
            "[{$unwind: {path: '$tags', preserveNullAndEmptyArrays: true}}, {$match: {$or: [{tags: {$exists: false}}, {tags: {$gte: 1}}]}},"
                    + " {$group: {_id: '$tags', n: {$sum: 1}, s: {$sum: '$i'}, first: {$first: '$$ROOT'}}}]");

    /** Key values of every kind MongoDB groups: equal numbers of four types, strings, null and missing, dates, ids, booleans. */
    private static Object scalar(Random r) {
        return switch (r.nextInt(14)) {
            case 0 -> "s" + r.nextInt(4);
            case 1 -> r.nextInt(3);
            case 2 -> (long) r.nextInt(3);
            case 3 -> (double) r.nextInt(3);
            case 4 -> 2.5;
            case 5 -> new Decimal128(r.nextInt(3));
            case 6 -> null;
            case 7 -> new Date(1_700_000_000_000L + r.nextInt(2));
            case 8 -> new ObjectId("65a000000000000000000000".substring(0, 23) + r.nextInt(2));
            case 9 -> r.nextBoolean();
            case 10 -> -0.0;
            case 11 -> Long.MAX_VALUE - r.nextInt(2);
            default -> "";
        };
    }

    /** Values jsonb does not group as MongoDB does: the pipeline must then run in Java. */
    private static Object awkward(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> new Document("x", 1).append("y", 2);
            case 1 -> new Document("y", 2).append("x", 1);
            case 2 -> List.of(1, 2);
            case 3 -> "a\u0000";
            default -> "a\u0001";
        };
    }

    private static MongoCollection<BsonDocument> load(String name, boolean withAwkward) {
        MongoCollection<Document> c = DB.getCollection(name);
        c.drop();
        Random r = new Random(name.hashCode());
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            Document d = new Document("_id", i).append("x", r.nextInt(100)).append("g", "g" + r.nextInt(4))
                    .append("i", r.nextInt(2_000_000) - 1_000_000).append("l", (long) r.nextInt(1000))
                    .append("d", r.nextDouble() * 100).append("t", new Date(1_600_000_000_000L + r.nextInt(1_000_000_000)))
                    .append("y", new Document("v", r.nextBoolean() ? r.nextInt(100) : r.nextDouble()))
                    .append("mix", switch (r.nextInt(5)) {
                        case 0 -> r.nextInt(10);
                        case 1 -> (long) r.nextInt(10);
                        case 2 -> r.nextInt(10) + 0.25;
                        case 3 -> "not a number";
                        default -> List.of(1, 2);
                    });
            switch (r.nextInt(5)) {
                case 0, 1 -> d.append("tags", List.of("t" + r.nextInt(5), r.nextInt(3), "t" + r.nextInt(5)));
                case 2 -> d.append("tags", r.nextBoolean() ? List.of() : "t" + r.nextInt(5));
                case 3 -> d.append("tags", withAwkward && r.nextBoolean() ? List.of(new Document("t", 1)) : List.of(2L, 2.0));
                default -> {
                    if (r.nextBoolean()) {
                        d.append("tags", null);
                    }
                }
            }
            if (withAwkward && r.nextInt(50) == 0) { // Decimal128 sums round at each addition, NaN poisons: both stay in Java
                d.put("mix", r.nextBoolean() ? new Decimal128(new java.math.BigDecimal("0.1")) : Double.NaN);
            }
            if (r.nextInt(10) > 0) {
                d.append("k", withAwkward && r.nextInt(10) == 0 ? awkward(r) : scalar(r));
            }
            switch (r.nextInt(withAwkward ? 4 : 3)) {
                case 0 -> d.append("e", new Document("f", scalar(r)));
                case 1 -> d.append("e", "scalar");
                case 2 -> { }
                default -> d.append("e", List.of(new Document("f", 1), new Document("f", 2)));
            }
            docs.add(d);
        }
        c.insertMany(docs);
        return DB.getCollection(name, BsonDocument.class);
    }

    private static List<BsonDocument> run(MongoCollection<BsonDocument> c, BsonArray pipeline) {
        List<BsonDocument> stages = new ArrayList<>();
        pipeline.forEach(s -> stages.add(s.asDocument()));
        return c.aggregate(stages).into(new ArrayList<>());
    }

    /** The same pipeline with {$skip: 0} before its $group (or the stages before it that PostgreSQL applies too), which keeps the group in Java. */
    private static BsonArray inJava(BsonArray pipeline) {
        BsonArray out = new BsonArray();
        boolean added = false;
        for (var s : pipeline) {
            String stage = s.asDocument().getFirstKey();
            if (!added && java.util.Set.of("$group", "$sortByCount", "$bucket", "$sort", "$unwind", "$project", "$set", "$addFields", "$unset")
                    .contains(stage)) {
                out.add(BsonDocument.parse("{$skip: 0}"));
                added = true;
            }
            out.add(s);
        }
        return out;
    }

    /** serverStatus' counts of $group stages PostgreSQL computed and gave back to Java. */
    static long[] groupPushdowns() {
        Document counts = TuskTestServer.client().getDatabase("admin").runCommand(new Document("serverStatus", 1))
                .get("tusk", Document.class).get("aggregateGroups", Document.class);
        return new long[] {counts.getLong("inPostgres"), counts.getLong("declined")};
    }

    @Test
    void countsByKeyAreMongoDbsWhenPostgresqlGroups() {
        MongoCollection<BsonDocument> c = load("plain", false);
        for (String json : PIPELINES) {
            BsonArray pipeline = BsonArray.parse(json);
            long[] before = groupPushdowns();
            List<BsonDocument> inSql = run(c, pipeline);
            long[] after = groupPushdowns();
            assertEquals(1, after[0] - before[0], "grouped by PostgreSQL: " + json);
            List<BsonDocument> inJava = run(c, inJava(pipeline));
            assertEquals(groupPushdowns()[0], after[0], "{$skip: 0} keeps it in Java");
            assertTrue(!inJava.isEmpty(), json);
            assertEquals(inJava, inSql, json);
        }
    }

    @Test
    void keysJsonbCannotGroupExactlySendTheGroupBackToJava() {
        MongoCollection<BsonDocument> c = load("awkward", true);
        long[] before = groupPushdowns();
        for (String json : PIPELINES) {
            BsonArray pipeline = BsonArray.parse(json);
            assertEquals(run(c, inJava(pipeline)), run(c, pipeline), json);
        }
        BsonArray mixed = BsonArray.parse("[{$group: {_id: '$g', lo: {$min: '$mix'}, hi: {$max: '$mix'}}}]");
        assertEquals(run(c, inJava(mixed)), run(c, mixed), "$min/$max over mixed types");
        long[] after = groupPushdowns();
        assertTrue(after[1] - before[1] >= 5, "documents, arrays, U+0000/U+0001 strings, paths through arrays and mixed types decline");
    }

    @Test
    void emptyInputAndInexactFiltersStayRight() {
        MongoCollection<BsonDocument> c = load("small", false);
        assertEquals(List.of(), run(c, BsonArray.parse("[{$match: {x: {$gt: 1000}}}, {$group: {_id: '$k', n: {$sum: 1}}}]")));
        assertEquals(List.of(), run(c, BsonArray.parse("[{$match: {x: {$gt: 1000}}}, {$group: {_id: null, s: {$sum: '$i'}}}]")),
                "no documents, no group (PostgreSQL's keyless aggregate answers one row)");
        BsonArray regex = BsonArray.parse("[{$match: {k: {$regex: '^s', $options: 'i'}}}, {$group: {_id: '$k', n: {$sum: 1}}}]");
        assertEquals(run(c, inJava(regex)), run(c, regex));
        // a $project after the $unwind (the statement applies such stages before it only): the group runs in Java
        BsonArray projectedAfter = BsonArray.parse("[{$unwind: '$tags'}, {$project: {g: 1}}, {$group: {_id: '$g', n: {$sum: 1}}}]");
        assertEquals(run(c, inJava(projectedAfter)), run(c, projectedAfter));
    }

    @Test
    void aFacetOfCountsAndGroupsIsOneStatementPerFacet() {
        MongoCollection<BsonDocument> c = load("faceted", false);
        String facetJson = "[{$match: {x: {$lt: 80}}}, {$facet: {"
                + "byGroup: [{$sortByCount: '$g'}],"
                + "prices: [{$bucket: {groupBy: '$d', boundaries: [0, 25, 50, 75, 100], output: {n: {$sum: 1}, top: {$max: '$x'}}}}],"
                + "months: [{$group: {_id: {$dateToString: {date: '$t', format: '%Y-%m'}}, n: {$sum: 1}}}, {$sort: {_id: 1}}, {$limit: 3}],"
                + "cheap: [{$match: {d: {$lt: 10}}}, {$count: 'n'}],"
                + "none: [{$match: {x: {$gt: 1000}}}, {$count: 'n'}]}},"
                + " {$project: {byGroup: 1, prices: 1, months: 1, cheap: {$first: '$cheap.n'}, none: 1}}]";
        BsonArray pipeline = BsonArray.parse(facetJson);
        long[] before = groupPushdowns();
        List<BsonDocument> inSql = run(c, pipeline);
        long[] after = groupPushdowns();
        assertEquals(3, after[0] - before[0], "the three groupings by PostgreSQL (the counts are count(*)s)");
        BsonArray javaOnly = new BsonArray();
        javaOnly.add(pipeline.get(0));
        javaOnly.add(BsonDocument.parse("{$skip: 0}"));
        pipeline.subList(1, pipeline.size()).forEach(javaOnly::add);
        List<BsonDocument> inJava = run(c, javaOnly);
        assertEquals(groupPushdowns()[0], after[0], "{$skip: 0} keeps it in Java");
        assertEquals(inJava, inSql);
        assertEquals(List.of(), inSql.get(0).getArray("none"), "$count of nothing gives no document, as MongoDB's");
        Document plan = explain("faceted", facetJson);
        List<Document> stages = plan.getList("stages", Document.class);
        assertEquals("FACET", stages.get(0).get("$cursor", Document.class).get("queryPlanner", Document.class)
                .get("winningPlan", Document.class).getString("stage"));
        assertEquals("$project", stages.get(1).keySet().iterator().next(), "the stages after the $facet run in Java");
        Document facets = plan.get("tusk", Document.class).get("facets", Document.class);
        assertEquals(List.of("byGroup", "prices", "months", "cheap", "none"), new ArrayList<>(facets.keySet()));
        assertTrue(facets.get("cheap", Document.class).getString("sql").contains("count(*)"), facets.toJson());
        BsonArray needsDocuments = BsonArray.parse("[{$facet: {n: [{$count: 'n'}], some: [{$limit: 2}, {$project: {_id: 1}}]}}]");
        long[] mid = groupPushdowns();
        assertEquals(2, run(c, needsDocuments).get(0).getArray("some").size(), "a facet reading documents runs the $facet in Java");
        assertEquals(mid[0], groupPushdowns()[0]);
    }

    @Test
    void withoutAllowDiskUseCollectedValuesStayInJava() {
        MongoCollection<BsonDocument> c = load("collected", false);
        for (String json : List.of("[{$group: {_id: '$g', xs: {$push: '$x'}}}]", "[{$group: {_id: '$g', xs: {$addToSet: '$x'}}}]")) {
            List<BsonDocument> stages = new ArrayList<>();
            BsonArray.parse(json).forEach(s -> stages.add(s.asDocument()));
            long[] before = groupPushdowns();
            List<BsonDocument> bounded = c.aggregate(stages).allowDiskUse(false).into(new ArrayList<>());
            assertEquals(before[0], groupPushdowns()[0], "Java's group states count toward 100 MiB (292 past it): " + json);
            assertEquals(run(c, BsonArray.parse(json)), bounded, json);
            assertEquals(before[0] + 1, groupPushdowns()[0], "with allowDiskUse (the default) PostgreSQL collects: " + json);
        }
    }

    @Test
    void aDatePartOfSomethingElseFailsAsInMongoDb() {
        MongoCollection<BsonDocument> c = load("dates", false);
        long[] before = groupPushdowns();
        var e = org.junit.jupiter.api.Assertions.assertThrows(com.mongodb.MongoCommandException.class,
                () -> run(c, BsonArray.parse("[{$group: {_id: {$year: '$g'}, n: {$sum: 1}}}]")));
        assertEquals(16006, e.getErrorCode(), e.getMessage());
        assertEquals(before[1] + 1, groupPushdowns()[1], "PostgreSQL saw a string and sent the group to Java, which reports it");
        var s = org.junit.jupiter.api.Assertions.assertThrows(com.mongodb.MongoCommandException.class,
                () -> run(c, BsonArray.parse("[{$group: {_id: {$dateToString: {date: '$g', format: '%Y'}}, n: {$sum: 1}}}]")));
        assertEquals(16006, s.getErrorCode(), s.getMessage());
        var trunc = org.junit.jupiter.api.Assertions.assertThrows(com.mongodb.MongoCommandException.class,
                () -> run(c, BsonArray.parse("[{$group: {_id: {$dateTrunc: {date: '$g', unit: 'month'}}, n: {$sum: 1}}}]")));
        assertEquals(5439012, trunc.getErrorCode(), trunc.getMessage());
        var outside = org.junit.jupiter.api.Assertions.assertThrows(com.mongodb.MongoCommandException.class,
                () -> run(c, BsonArray.parse("[{$bucket: {groupBy: '$x', boundaries: [0, 10]}}]")));
        assertEquals(40066, outside.getErrorCode(), "a value outside every range without a default: " + outside.getMessage());
    }

    private static Document explain(String collection, String pipeline) {
        List<Document> stages = new ArrayList<>();
        BsonArray.parse(pipeline).forEach(v -> stages.add(Document.parse(v.asDocument().toJson())));
        return DB.runCommand(new Document("explain", new Document("aggregate", collection).append("pipeline", stages)
                .append("cursor", new Document())).append("verbosity", "executionStats"));
    }

    @Test
    void explainShowsTheGroupingStatementThatRuns() {
        load("explained", false);
        Document pushed = explain("explained", "[{$match: {x: {$gt: 5}}}, {$sortByCount: '$g'}, {$limit: 2}]");
        List<Document> stages = pushed.getList("stages", Document.class);
        Document cursor = stages.get(0).get("$cursor", Document.class);
        assertEquals("GROUP", cursor.get("queryPlanner", Document.class).get("winningPlan", Document.class).getString("stage"));
        assertEquals(List.of("$sort", "$limit"), stages.subList(1, stages.size()).stream().map(d -> d.keySet().iterator().next()).toList(),
                "$sortByCount's sort and the $limit run after the grouping");
        assertEquals(new Document("count", -1), stages.get(1).get("$sort", Document.class));
        Document tusk = pushed.get("tusk", Document.class);
        assertTrue(tusk.getString("sql").contains("GROUP BY"), tusk.getString("sql"));
        assertTrue(tusk.get("postgresPlan") instanceof List<?> plan && !plan.isEmpty());
        Document sorted = explain("explained", "[{$sort: {x: -1}}, {$group: {_id: '$g', top: {$first: '$x'}}}, {$limit: 2}]");
        List<Document> sortedStages = sorted.getList("stages", Document.class);
        assertEquals("GROUP", sortedStages.get(0).get("$cursor", Document.class).get("queryPlanner", Document.class)
                .get("winningPlan", Document.class).getString("stage"));
        assertEquals(List.of("$limit"), sortedStages.subList(1, sortedStages.size()).stream().map(d -> d.keySet().iterator().next()).toList(),
                "the statement applies the $sort before the $group");
        assertTrue(sorted.get("tusk", Document.class).getString("sql").contains("rank() OVER"));
        List<Document> unwound = explain("explained", "[{$unwind: '$tags'}, {$sortByCount: '$tags'}]").getList("stages", Document.class);
        assertEquals(List.of("$sort"), unwound.subList(1, unwound.size()).stream().map(d -> d.keySet().iterator().next()).toList(),
                "the statement applies the $unwind");
        List<Document> reshaped = explain("explained", "[{$project: {w: '$tags'}}, {$unwind: '$w'}, {$sortByCount: '$w'}, {$limit: 1}]")
                .getList("stages", Document.class);
        assertEquals(List.of("$sort", "$limit"), reshaped.subList(1, reshaped.size()).stream().map(d -> d.keySet().iterator().next()).toList(),
                "and the $project");
        Document inJava = explain("explained", "[{$match: {x: {$gt: 5}}}, {$skip: 0}, {$sortByCount: '$g'}]");
        Document javaCursor = inJava.getList("stages", Document.class).get(0).get("$cursor", Document.class);
        assertTrue(!"GROUP".equals(javaCursor.get("queryPlanner", Document.class).get("winningPlan", Document.class).getString("stage")));
        assertTrue(!inJava.get("tusk", Document.class).getString("sql").contains("GROUP BY"));
    }

    /** A collection from before typed numbers (catalog q_format 1, plain numbers in q): counts in PostgreSQL, sums and extremes in Java. */
    @Test
    void aCollectionWithoutTypedNumbersKeepsSumsInJava() throws Exception {
        MongoCollection<BsonDocument> c = load("untyped", false);
        try (java.sql.Connection sql = TuskTestServer.server().dataSource().getConnection(); var st = sql.createStatement()) {
            // what an older Tusk stored: an int64 as a plain integer, which reads as an int32 by its scale
            st.execute("UPDATE tusk_catalog.collections SET q_format = 1 WHERE db = 'group_count_it' AND name = 'untyped'");
            st.execute("UPDATE group_count_it.untyped SET q = jsonb_set(q, '{l}', to_jsonb((q->>'l')::numeric::bigint))");
        }
        DB.getCollection("untyped").renameCollection(new com.mongodb.MongoNamespace("group_count_it", "untyped2")); // reloads the catalog entry
        MongoCollection<BsonDocument> renamed = DB.getCollection("untyped2", BsonDocument.class);
        long[] before = groupPushdowns();
        BsonArray sums = BsonArray.parse("[{$group: {_id: '$g', l: {$sum: '$l'}}}]");
        BsonArray extremes = BsonArray.parse("[{$group: {_id: '$g', hi: {$max: '$l'}}}]");
        assertEquals(run(renamed, inJava(sums)), run(renamed, sums));
        assertEquals(run(renamed, inJava(extremes)), run(renamed, extremes));
        assertEquals(before[0], groupPushdowns()[0], "sums and extremes of plain numbers stay in Java");
        BsonArray counts = BsonArray.parse("[{$group: {_id: '$g', n: {$sum: 1}}}]");
        assertEquals(run(renamed, inJava(counts)), run(renamed, counts));
        assertEquals(before[0] + 1, groupPushdowns()[0], "counts need no number types");
        assertTrue(run(renamed, sums).get(0).get("l").isInt64(), "int64 sums stay int64");

        // the upgrade (run at start in the background) writes every q again from its document, then records the collection as typed
        List<BsonDocument> before2 = run(renamed, inJava(sums));
        assertTrue(TuskTestServer.server().upgradeTypedNumbers() >= 1);
        try (java.sql.Connection sql = TuskTestServer.server().dataSource().getConnection(); var st = sql.createStatement();
                var rs = st.executeQuery("SELECT q_format FROM tusk_catalog.collections WHERE db = 'group_count_it' AND name = 'untyped2'")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
        }
        long pushedBefore = groupPushdowns()[0];
        assertEquals(before2, run(renamed, sums));
        assertEquals(run(renamed, inJava(extremes)), run(renamed, extremes));
        assertEquals(pushedBefore + 2, groupPushdowns()[0], "after the upgrade PostgreSQL computes them");
    }

    /** Random $match + [$sort or $unwind +] $group pipelines: PostgreSQL's answer is always Java's (seed -Dtusk.seed, in the message on failure). */
    @Test
    void randomGroupsAgreeWithJava() {
        MongoCollection<BsonDocument> c = load("random", true);
        long seed = Long.getLong("tusk.seed", 20261205L);
        Random r = new Random(seed);
        List<String> keys = List.of("'$k'", "'$g'", "'$e.f'", "{a: '$g', b: '$k'}", "{a: '$g', b: '$y.v'}", "null", "'$x'", "'$tags'");
        List<String> paths = List.of("'$i'", "'$l'", "'$d'", "'$mix'", "'$y.v'", "'$t'", "'$nothing'", "'$x'", "'$e.f'", "'$k'");
        List<String> operators = List.of("$sum", "$avg", "$min", "$max", "$push");
        List<String> sorts = List.of("{k: 1}", "{k: -1, x: 1}", "{e: 1}", "{mix: -1}", "{t: 1}", "{nothing: 1, d: -1}", "{g: 1, mix: 1}");
        long[] before = groupPushdowns();
        for (int n = 0; n < 40; n++) {
            StringBuilder group = new StringBuilder("{_id: " + keys.get(r.nextInt(keys.size())));
            int outputs = 1 + r.nextInt(4);
            for (int o = 0; o < outputs; o++) {
                String acc = switch (r.nextInt(6)) {
                    case 0 -> "{$sum: " + (r.nextInt(7) - 3) + "}";
                    case 1 -> "{" + (r.nextBoolean() ? "$first" : "$last") + ": " + (r.nextInt(8) == 0 ? "'$$ROOT'" : paths.get(r.nextInt(paths.size()))) + "}";
                    default -> "{" + operators.get(r.nextInt(operators.size())) + ": " + paths.get(r.nextInt(paths.size())) + "}";
                };
                group.append(", f").append(o).append(": ").append(acc);
            }
            String match = r.nextBoolean() ? "{$match: {x: {$lt: " + r.nextInt(100) + "}}}, " : "";
            String sort = switch (r.nextInt(4)) {
                case 0 -> "{$sort: " + sorts.get(r.nextInt(sorts.size())) + "}, ";
                case 1 -> "{$unwind: '$tags'}, ";
                default -> "";
            };
            String groupText = sort.contains("$sort") ? group.toString().replace("$push", "$max") : group.toString(); // $push keeps input order
            BsonArray pipeline = BsonArray.parse("[" + match + sort + "{$group: " + groupText + "}}]");
            assertEquals(run(c, inJava(pipeline)), run(c, pipeline), "seed " + seed + ": " + pipeline);
        }
        long[] after = groupPushdowns();
        assertTrue(after[0] + after[1] - before[0] - before[1] >= 40, "every pipeline was tried in PostgreSQL");
    }
}
