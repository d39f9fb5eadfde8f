package dev.tusk.it.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An equality $lookup, the $unwind of its matches and a $group that PostgreSQL computes are one statement (a join, then
 * the grouping): each pipeline gives the same documents as the same pipeline with a {$skip: 0} in front, which keeps it
 * in Java; values jsonb equality cannot join as $lookup does send the pipeline to Java, where it gives MongoDB's answer.
 */
class LookupGroupPushdownIT {
    private static final MongoDatabase DB = TuskTestServer.client().getDatabase("lookup_group_it");
    private static final List<String> PIPELINES = List.of(
            "[{$lookup: {from: 'customers', localField: 'customerId', foreignField: '_id', as: 'c'}}, {$unwind: '$c'},"
                    + " {$group: {_id: '$c.tier', n: {$sum: 1}, total: {$sum: '$amount'}, avg: {$avg: '$amount'}}}, {$sort: {_id: 1}}]",
            "[{$match: {amount: {$gt: 20}}}, {$lookup: {from: 'customers', localField: 'customerId', foreignField: '_id', as: 'c'}},"
                    + " {$unwind: '$c'}, {$group: {_id: {tier: '$c.tier', sku: '$sku'}, lo: {$min: '$amount'}, hi: {$max: '$c.since'},"
                    + " first: {$first: '$$ROOT'}, last: {$last: '$c'}}}]",
            "[{$lookup: {from: 'customers', localField: 'customerId', foreignField: '_id', as: 'c'}}, {$unwind: '$c'},"
                    + " {$sortByCount: '$c.address.city'}]",
            "[{$lookup: {from: 'customers', localField: 'sku', foreignField: 'favourite', as: 'fans'}}, {$unwind: '$fans'},"
                    + " {$group: {_id: '$sku', names: {$push: '$fans.name'}, n: {$sum: 1}, ids: {$push: '$_id'}}}]",
            "[{$project: {who: '$customerId', amount: 1}}, {$lookup: {from: 'customers', localField: 'who', foreignField: '_id',"
                    + " as: 'amount'}}, {$unwind: '$amount'}, {$group: {_id: '$amount.tier', n: {$sum: 1}, since: {$first: '$amount.since'}}}]",
            "[{$lookup: {from: 'customers', localField: 'customerId', foreignField: '_id', as: 'c'}}, {$unwind: '$c'},"
                    + " {$group: {_id: null, n: {$sum: 1}, s: {$sum: '$c.score'}}}]",
            "[{$lookup: {from: 'customers', localField: 'customerId', foreignField: '_id', as: 'c'}}, {$unwind: '$c'},"
                    + " {$match: {'c.tier': 't1'}}, {$count: 'orders'}]",
            "[{$lookup: {from: 'customers', localField: 'customerId', foreignField: '_id', as: 'c'}}, {$unwind: {path: '$c',"
                    + " preserveNullAndEmptyArrays: true}}, {$group: {_id: '$c.tier', n: {$sum: 1}, first: {$first: '$$ROOT'},"
                    + " last: {$last: '$$ROOT'}}}, {$sort: {_id: 1}}]",
            "[{$lookup: {from: 'customers', localField: 'customerId', foreignField: '_id', as: 'c'}}, {$unwind: '$c'},"
                    + " {$match: {'c.tier': {$in: ['t1', 't2']}, amount: {$gte: 10}}}, {$group: {_id: '$c.address.city', n: {$sum: 1},"
                    + " total: {$sum: '$amount'}, first: {$first: '$$ROOT'}}}, {$sort: {_id: 1}}]");

    @BeforeAll
    static void load() {
        Random r = new Random(7);
        MongoCollection<Document> customers = DB.getCollection("customers");
        customers.drop();
        List<Document> cs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            cs.add(new Document("_id", i).append("name", "customer " + i).append("tier", "t" + r.nextInt(4))
                    .append("since", new Date(1_600_000_000_000L + r.nextInt(1_000_000_000)))
                    .append("address", new Document("city", "c" + r.nextInt(5))).append("favourite", "sku" + r.nextInt(6))
                    .append("score", r.nextBoolean() ? r.nextInt(10) : r.nextInt(10) + 0.5));
        }
        cs.add(new Document("_id", "vip").append("name", "a string id").append("tier", "gold").append("favourite", "sku1"));
        cs.add(new Document("_id", new ObjectId("65a000000000000000000001")).append("name", "an ObjectId").append("tier", "t1"));
        customers.insertMany(cs);
        MongoCollection<Document> orders = DB.getCollection("orders");
        orders.drop();
        List<Document> os = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            int who = r.nextInt(230); // some customers do not exist
            Object customerId = switch (r.nextInt(8)) { // the same number as any BSON number type joins
                case 0 -> (long) who;
                case 1 -> (double) who;
                case 2 -> "vip";
                case 3 -> new ObjectId("65a000000000000000000001");
                default -> who;
            };
            os.add(new Document("_id", i).append("customerId", customerId).append("amount", r.nextInt(100)).append("sku", "sku" + r.nextInt(8)));
        }
        orders.insertMany(os);
    }

    private static List<BsonDocument> run(String collection, BsonArray pipeline) {
        List<BsonDocument> stages = new ArrayList<>();
        pipeline.forEach(s -> stages.add(s.asDocument()));
        return DB.getCollection(collection, BsonDocument.class).aggregate(stages).into(new ArrayList<>());
    }

    /** The pipeline with {$skip: 0} in front, which keeps it in Java. */
    private static BsonArray inJava(BsonArray pipeline) {
        BsonArray out = new BsonArray();
        out.add(BsonDocument.parse("{$skip: 0}"));
        out.addAll(pipeline);
        return out;
    }

    @Test
    void joinedGroupsAreMongoDbsWhenPostgresqlJoins() {
        for (String json : PIPELINES) {
            BsonArray pipeline = BsonArray.parse(json);
            long[] before = GroupPushdownIT.groupPushdowns();
            List<BsonDocument> inSql = run("orders", pipeline);
            assertEquals(before[0] + 1, GroupPushdownIT.groupPushdowns()[0], "joined and grouped by PostgreSQL: " + json);
            List<BsonDocument> inJava = run("orders", inJava(pipeline));
            assertFalse(inJava.isEmpty(), json);
            assertEquals(inJava, inSql, json);
        }
    }

    @Test
    void valuesJsonbCannotJoinExactlySendThePipelineToJava() {
        MongoCollection<Document> orders = DB.getCollection("awkward_orders");
        orders.drop();
        orders.insertMany(List.of(new Document("_id", 1).append("customerId", 1).append("amount", 5),
                new Document("_id", 2).append("customerId", 2).append("amount", 7),
                new Document("_id", 3).append("amount", 11))); // missing: matches customers without a customerId... none here
        MongoCollection<Document> tagged = DB.getCollection("tagged");
        tagged.drop();
        tagged.insertMany(List.of(new Document("_id", 1).append("k", 1).append("tier", "a"),
                new Document("_id", 2).append("k", List.of(1, 2)).append("tier", "b"), // MongoDB matches each element
                new Document("_id", 3).append("tier", "c"))); // no k: matches a missing or null localField
        List<String> pipelines = List.of(
                "[{$lookup: {from: 'tagged', localField: 'customerId', foreignField: 'k', as: 't'}}, {$unwind: '$t'},"
                        + " {$group: {_id: '$t.tier', n: {$sum: 1}, s: {$sum: '$amount'}}}, {$sort: {_id: 1}}]",
                "[{$lookup: {from: 'tagged', localField: 'customerId', foreignField: '_id', as: 't'}}, {$unwind: '$t'},"
                        + " {$group: {_id: '$t.tier', n: {$sum: 1}}}, {$sort: {_id: 1}}]");
        long[] before = GroupPushdownIT.groupPushdowns();
        List<BsonDocument> byK = run("awkward_orders", BsonArray.parse(pipelines.get(0)));
        assertEquals(List.of(BsonDocument.parse("{_id: 'a', n: 1, s: 5}"), BsonDocument.parse("{_id: 'b', n: 2, s: 12}"),
                BsonDocument.parse("{_id: 'c', n: 1, s: 11}")), byK, "arrays match by element, missing matches missing");
        List<BsonDocument> byId = run("awkward_orders", BsonArray.parse(pipelines.get(1)));
        assertEquals(run("awkward_orders", inJava(BsonArray.parse(pipelines.get(1)))), byId);
        assertEquals(List.of(BsonDocument.parse("{_id: 'a', n: 1}"), BsonDocument.parse("{_id: 'b', n: 1}")), byId);
        long[] after = GroupPushdownIT.groupPushdowns();
        assertEquals(before[1] + 2, after[1], "the missing customerId and the foreign array sent both to Java");
        assertEquals(before[0], after[0]);

        // a view joins through its pipeline, a collection that does not exist joins nothing: both stay in Java
        DB.runCommand(new Document("create", "tiers_view").append("viewOn", "customers")
                .append("pipeline", List.of(new Document("$match", new Document("tier", "t1")))));
        BsonArray viaView = BsonArray.parse("[{$lookup: {from: 'tiers_view', localField: 'customerId', foreignField: '_id', as: 'c'}},"
                + " {$unwind: '$c'}, {$group: {_id: '$c.tier', n: {$sum: 1}}}]");
        List<BsonDocument> viewed = run("orders", viaView);
        assertEquals(run("orders", inJava(viaView)), viewed);
        assertEquals("t1", viewed.get(0).getString("_id").getValue());
        BsonArray nowhere = BsonArray.parse("[{$lookup: {from: 'nowhere', localField: 'customerId', foreignField: '_id', as: 'c'}},"
                + " {$unwind: '$c'}, {$group: {_id: '$c.tier', n: {$sum: 1}}}]");
        assertEquals(List.of(), run("orders", nowhere));
        assertEquals(after[0], GroupPushdownIT.groupPushdowns()[0], "neither ran in PostgreSQL");

        // an $expr after the $unwind reads the whole joined document, which the statement does not build: Java
        BsonArray expr = BsonArray.parse("[{$lookup: {from: 'customers', localField: 'customerId', foreignField: '_id', as: 'c'}},"
                + " {$unwind: '$c'}, {$match: {$expr: {$lt: ['$amount', '$c.score']}}}, {$group: {_id: '$c.tier', n: {$sum: 1}}}]");
        assertEquals(run("orders", inJava(expr)), run("orders", expr));
        assertEquals(after[0], GroupPushdownIT.groupPushdowns()[0]);
    }

    @Test
    void explainShowsTheJoin() {
        for (String pipeline : List.of(PIPELINES.get(0), PIPELINES.get(PIPELINES.size() - 1))) { // the last with a $match
            List<Document> stages = new ArrayList<>();
            BsonArray.parse(pipeline).forEach(v -> stages.add(Document.parse(v.asDocument().toJson())));
            Document explained = DB.runCommand(new Document("explain", new Document("aggregate", "orders").append("pipeline", stages)
                    .append("cursor", new Document())).append("verbosity", "queryPlanner"));
            List<Document> out = explained.getList("stages", Document.class);
            assertEquals("GROUP", out.get(0).get("$cursor", Document.class).get("queryPlanner", Document.class)
                    .get("winningPlan", Document.class).getString("stage"));
            assertEquals(List.of("$sort"), out.subList(1, out.size()).stream().map(d -> d.keySet().iterator().next()).toList(),
                    "the statement applies the $lookup, the $unwind and the $match: " + pipeline);
            String sql = explained.get("tusk", Document.class).getString("sql");
            assertTrue(sql.contains("LEFT JOIN") && sql.contains("GROUP BY"), sql);
        }
    }
}
