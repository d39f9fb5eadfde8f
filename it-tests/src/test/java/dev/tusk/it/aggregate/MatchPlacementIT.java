package dev.tusk.it.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import dev.tusk.it.support.SideTablePlans;
import dev.tusk.it.support.Stages;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A $match after stages that leave its fields alone ($sort, $addFields, $project, $unwind, $lookup)
 * moves ahead of them, as MongoDB optimises pipelines: through the driver the collection read filters
 * in PostgreSQL (with the index), explain shows the moved $match, and the results are those of the
 * pipeline run as written (a leading {$skip: 0} keeps every stage in place).
 */
class MatchPlacementIT {
    private static final String DB = "match_placement_it";
    private static final MongoDatabase db = TuskTestServer.client().getDatabase(DB);
    private static final MongoCollection<Document> orders = db.getCollection("orders");

    @BeforeAll
    static void load() {
        db.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            docs.add(new Document("_id", i).append("status", "s" + i % 50).append("n", (i * 37) % 1000)
                    .append("tags", List.of("t" + i % 7, "t" + i % 11)).append("customer", i % 100));
        }
        orders.insertMany(docs);
        orders.createIndex(Indexes.ascending("status"));
        db.getCollection("customers").insertMany(List.of(new Document("_id", 3).append("tier", "gold"),
                new Document("_id", 7).append("tier", "silver")));
        SideTablePlans.analyze();
    }

    @Test
    void aMatchAfterReshapingStagesFiltersInTheCollectionRead() {
        for (String pipeline : List.of(
                "[{$sort: {n: -1}}, {$match: {status: 's7'}}, {$limit: 5}]",
                "[{$addFields: {double: {$multiply: ['$n', 2]}}}, {$match: {status: 's7', double: {$gt: 1000}}}]",
                "[{$project: {status: 1, n: 1}}, {$sort: {n: 1}}, {$match: {status: {$in: ['s1', 's2']}}}, {$limit: 3}]",
                "[{$unwind: '$tags'}, {$match: {status: 's9', tags: 't2'}}, {$count: 'n'}]",
                "[{$lookup: {from: 'customers', localField: 'customer', foreignField: '_id', as: 'c'}}, {$match: {status: 's3'}},"
                        + " {$unwind: '$c'}, {$project: {_id: 1, tier: '$c.tier'}}]")) {
            BsonArray stages = BsonArray.parse(pipeline);
            assertEquals(run(asWritten(stages)), run(stages), pipeline);
            Document explain = db.runCommand(new Document("explain", new Document("aggregate", "orders")
                    .append("pipeline", documents(stages)).append("cursor", new Document())).append("verbosity", "executionStats"));
            Document cursor = explain.getList("stages", Document.class).get(0).get("$cursor", Document.class);
            Document access = Stages.innermost(cursor.get("queryPlanner", Document.class).get("winningPlan", Document.class));
            assertEquals("IXSCAN", access.getString("stage"), pipeline + ": " + explain.toJson());
            assertEquals("status_1", access.getString("indexName"));
            assertTrue(cursor.get("queryPlanner", Document.class).get("parsedQuery", Document.class).containsKey("status"),
                    "explain's parsedQuery is the moved $match: " + cursor.toJson());
            assertTrue(cursor.get("executionStats", Document.class).getInteger("totalDocsExamined") <= 400, explain.toJson());
        }
    }

    @Test
    void aMatchOnWhatTheStagesComputeStaysAfterThem() {
        String pipeline = "[{$addFields: {status: {$concat: ['x', '$status']}}}, {$match: {status: 'xs7'}}]";
        BsonArray stages = BsonArray.parse(pipeline);
        assertEquals(200, run(stages).size());
        Document explain = db.runCommand(new Document("explain", new Document("aggregate", "orders")
                .append("pipeline", documents(stages)).append("cursor", new Document())).append("verbosity", "queryPlanner"));
        List<Document> after = explain.getList("stages", Document.class);
        assertEquals(List.of("$addFields", "$match"), after.subList(1, after.size()).stream().map(d -> d.keySet().iterator().next()).toList());
    }

    private static BsonArray asWritten(BsonArray stages) {
        BsonArray out = new BsonArray();
        out.add(org.bson.BsonDocument.parse("{$skip: 0}"));
        out.addAll(stages);
        return out;
    }

    private static List<Document> documents(BsonArray stages) {
        List<Document> out = new ArrayList<>();
        stages.forEach(v -> out.add(Document.parse(v.asDocument().toJson())));
        return out;
    }

    private static List<Document> run(BsonArray stages) {
        return orders.aggregate(documents(stages)).into(new ArrayList<>());
    }
}
