package dev.tusk.it.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A $lookup with let and a sub-pipeline runs that pipeline per document as an aggregate of the other collection:
 * its leading {@code $match: {$expr: {$eq: ['$code', '$$c']}}} reads through an index on code (the equality it
 * implies), and the results equal the same lookup from a view of the collection, which reads it whole and runs
 * the pipeline in Java.
 */
class LookupPipelineIT {
    private static final MongoDatabase DB = TuskTestServer.client().getDatabase("lookup_pipeline_it");
    private static final MongoCollection<Document> orders = DB.getCollection("orders");
    private static final MongoCollection<Document> customers = DB.getCollection("customers");

    @BeforeAll
    static void load() {
        orders.drop();
        customers.drop();
        DB.getCollection("customers_view").drop();
        Random r = new Random(11);
        List<Document> cs = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            Object code = switch (i % 9) {
                case 0 -> (long) (i % 250);
                case 1 -> (double) (i % 250);
                case 2 -> List.of(i % 250); // an array: $expr's equality never matches it, the implied query equality does
                case 3 -> null;
                default -> i % 250;
            };
            Document c = new Document("_id", i).append("name", "customer " + i).append("tier", "t" + r.nextInt(3));
            if (i % 17 != 0) {
                c.append("code", code);
            }
            cs.add(c);
        }
        customers.insertMany(cs);
        customers.createIndex(Indexes.ascending("code"));
        List<Document> os = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Document o = new Document("_id", i).append("amount", r.nextInt(100));
            if (i % 23 != 0) {
                o.append("customerCode", i % 7 == 0 ? (Object) "none" : (Object) r.nextInt(270));
            }
            os.add(o);
        }
        orders.insertMany(os);
        DB.createView("customers_view", "customers", List.of());
        DB.getCollection("customers_named").drop();
        DB.createView("customers_named", "customers", List.of(Document.parse("{$project: {name: 1, code: 1}}")));
    }

    @Test
    void equalityLookupsFromAViewReadThroughTheCollectionsIndex() {
        String lookup = "{$lookup: {from: '%s', localField: 'customerCode', foreignField: 'code', as: 'm'}}";
        List<Document> fromCollection = orders.aggregate(List.of(Document.parse(String.format(lookup, "customers")),
                Document.parse("{$project: {'m.tier': 0}}"), Document.parse("{$sort: {_id: 1}}"))).into(new ArrayList<>());
        long before = indexOps();
        List<Document> fromView = orders.aggregate(List.of(Document.parse(String.format(lookup, "customers_named")),
                Document.parse("{$sort: {_id: 1}}"))).into(new ArrayList<>());
        assertTrue(indexOps() > before, "the view's read of the matching codes goes through code_1");
        assertEquals(fromCollection, fromView);
    }

    @Test
    void correlatedPipelinesReadThroughTheIndexAndMatchTheJavaRun() {
        long before = indexOps();
        for (String from : List.of("customers", "customers_view")) {
            assertTrue(run(from, "[{$match: {$expr: {$eq: ['$code', '$$c']}}}]").size() == 60);
        }
        long after = indexOps();
        assertTrue(after - before >= 60, "each order's sub-pipeline reads code_1: " + (after - before) + " accesses");
        for (String pipeline : List.of(
                "[{$match: {$expr: {$eq: ['$code', '$$c']}}}, {$project: {name: 1, code: 1}}, {$sort: {_id: 1}}]",
                "[{$match: {$expr: {$and: [{$eq: ['$$c', '$code']}, {$eq: ['$tier', 't1']}]}}}, {$count: 'n'}]",
                "[{$match: {tier: 't2', $expr: {$eq: ['$$ROOT.code', '$$c']}}}, {$group: {_id: '$tier', ids: {$push: '$_id'}}}]",
                "[{$match: {$expr: {$eq: ['$code', {$ifNull: ['$$c', -1]}]}}}, {$limit: 3}]",
                "[{$match: {$expr: {$gt: ['$code', '$$c']}}}, {$sort: {code: 1, _id: 1}}, {$limit: 2}]")) {
            assertEquals(run("customers_view", pipeline), run("customers", pipeline), pipeline);
        }
    }

    private static List<Document> run(String from, String pipeline) {
        Bson lookup = Document.parse("{$lookup: {from: '" + from + "', let: {c: '$customerCode'}, pipeline: " + pipeline + ", as: 'm'}}");
        return orders.aggregate(List.of(lookup, Document.parse("{$sort: {_id: 1}}"))).into(new ArrayList<>());
    }

    private static long indexOps() {
        for (Document stat : customers.aggregate(List.of(Document.parse("{$indexStats: {}}")))) {
            if (stat.getString("name").equals("code_1")) {
                return ((Number) stat.get("accesses", Document.class).get("ops")).longValue();
            }
        }
        throw new AssertionError("no code_1 index");
    }
}
