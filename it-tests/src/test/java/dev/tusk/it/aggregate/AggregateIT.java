package dev.tusk.it.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Field;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** aggregate and $expr through the driver: stages, expressions, accumulators, let. */
class AggregateIT {
    private final MongoCollection<Document> sales = TuskTestServer.client().getDatabase("aggregate_it").getCollection("sales");

    @BeforeEach
    void load() {
        sales.drop();
        sales.insertMany(List.of(
                new Document("_id", 1).append("item", "abc").append("price", 10).append("qty", 2).append("tags", List.of("x", "y")),
                new Document("_id", 2).append("item", "jkl").append("price", 20).append("qty", 1).append("tags", List.of("y")),
                new Document("_id", 3).append("item", "xyz").append("price", 5).append("qty", 10).append("tags", List.of()),
                new Document("_id", 4).append("item", "abc").append("price", 10).append("qty", 5)));
    }

    @Test
    void countDocumentsIsOneCountInPostgreSqlWithTheStagesAnswer() {
        var counts = List.of(Filters.eq("item", "abc"), Filters.gte("price", 10), Filters.eq("item", "none"), new Document());
        for (var filter : counts) {
            long found = sales.find(filter).into(new ArrayList<>()).size();
            assertEquals(found, sales.countDocuments(filter), filter.toString());
            assertEquals(Math.min(2, Math.max(0, found - 1)), sales.countDocuments(filter,
                    new com.mongodb.client.model.CountOptions().skip(1).limit(2)), "skip 1 limit 2 " + filter);
        }
        assertEquals(List.of(new Document("n", 2)), sales.aggregate(List.of(Aggregates.match(Filters.eq("item", "abc")),
                Aggregates.count("n"))).into(new ArrayList<>()));
        assertEquals(List.of(), sales.aggregate(List.of(Aggregates.match(Filters.eq("item", "none")),
                Aggregates.count("n"))).into(new ArrayList<>()), "no document, as $count gives for no input");
        assertEquals(2, sales.countDocuments(Filters.expr(new Document("$eq", List.of("$item", "abc")))), "a superset filter still counts right");
    }

    @Test
    void lookupOverManyInputsGivesEachWhatItsOwnQueryFinds() {
        var db = TuskTestServer.client().getDatabase("aggregate_it");
        MongoCollection<Document> orders = db.getCollection("orders");
        MongoCollection<Document> customers = db.getCollection("customers");
        orders.drop();
        customers.drop();
        java.util.Random random = new java.util.Random(5);
        List<Document> cs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Document c = new Document("_id", i);
            switch (i % 5) {
                case 0 -> c.append("code", i % 40);
                case 1 -> c.append("code", (double) (i % 40));
                case 2 -> c.append("code", List.of(i % 40, "x" + i % 7));
                case 3 -> c.append("code", null);
                default -> { } // missing: matches null and missing local values
            }
            cs.add(c);
        }
        customers.insertMany(cs);
        customers.createIndex(new Document("code", 1));
        List<Document> os = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) { // more than one batch of 500
            Object code = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(45);
                case 1 -> List.of(random.nextInt(45), "x" + random.nextInt(7));
                case 2 -> null;
                default -> "x" + random.nextInt(9);
            };
            os.add(new Document("_id", i).append("code", code));
        }
        orders.insertMany(os);
        List<Document> joined = orders.aggregate(List.of(Aggregates.lookup("customers", "code", "code", "matches"),
                Aggregates.sort(Sorts.ascending("_id")))).into(new ArrayList<>());
        assertEquals(1_200, joined.size());
        for (Document o : joined) {
            Object code = o.get("code");
            List<?> values = code instanceof List<?> l ? l : java.util.Arrays.asList(code);
            List<Object> expected = customers.find(Filters.in("code", values)).sort(Sorts.ascending("_id"))
                    .map(d -> (Object) d.getInteger("_id")).into(new ArrayList<>());
            List<Object> actual = o.getList("matches", Document.class).stream().map(d -> (Object) d.getInteger("_id")).toList();
            assertEquals(expected, actual, "order " + o.toJson());
        }
    }

    @Test
    void groupWithExpressionsAndSort() {
        List<Document> out = sales.aggregate(List.of(
                Aggregates.match(Filters.gte("price", 5)),
                Aggregates.group("$item", Accumulators.sum("total", new Document("$multiply", List.of("$price", "$qty"))),
                        Accumulators.avg("avgQty", "$qty"), Accumulators.sum("n", 1)),
                Aggregates.sort(Sorts.descending("total")))).into(new ArrayList<>());
        assertEquals(List.of(
                new Document("_id", "abc").append("total", 70).append("avgQty", 3.5).append("n", 2),
                new Document("_id", "xyz").append("total", 50).append("avgQty", 10.0).append("n", 1),
                new Document("_id", "jkl").append("total", 20).append("avgQty", 1.0).append("n", 1)), out);
    }

    @Test
    void addFieldsProjectUnwindCount() {
        List<Document> out = sales.aggregate(List.of(
                Aggregates.addFields(new Field<>("amount", new Document("$multiply", List.of("$price", "$qty")))),
                Aggregates.unwind("$tags"),
                Aggregates.project(Projections.fields(Projections.excludeId(), Projections.include("tags", "amount"))),
                Aggregates.sort(Sorts.ascending("tags", "amount")))).into(new ArrayList<>());
        assertEquals(List.of(new Document("tags", "x").append("amount", 20), new Document("tags", "y").append("amount", 20),
                new Document("tags", "y").append("amount", 20)), out);
        Document count = sales.aggregate(List.of(Aggregates.match(Filters.eq("item", "abc")), Aggregates.count("n"))).first();
        assertEquals(new Document("n", 2), count);
    }

    @Test
    void bsonAndBinarySizes() {
        Document sizes = sales.aggregate(List.of(Aggregates.match(Filters.eq("_id", 2)), Aggregates.project(new Document("_id", 0)
                .append("doc", new Document("$bsonSize", "$$ROOT"))
                .append("item", new Document("$binarySize", "$item"))
                .append("none", new Document("$bsonSize", "$nope"))))).first();
        // {_id: 2, item: 'jkl', price: 20, qty: 1, tags: ['y']}: 4 + 9 + 14 + 11 + 9 + (1 + 5 + 14) + 1
        assertEquals(new Document("doc", 68).append("item", 3).append("none", null), sizes);
        assertEquals(List.of(3, 4), sales.find(Filters.expr(new Document("$lt", List.of(new Document("$bsonSize", "$$ROOT"), 60))))
                .map(d -> d.getInteger("_id")).into(new ArrayList<>()), "documents without tags are the small ones");
        MongoCommandException notADocument = assertThrows(MongoCommandException.class,
                () -> sales.aggregate(List.of(Aggregates.project(new Document("s", new Document("$bsonSize", "$item"))))).first());
        assertEquals(31393, notADocument.getErrorCode());
        MongoCommandException notBinary = assertThrows(MongoCommandException.class,
                () -> sales.aggregate(List.of(Aggregates.project(new Document("s", new Document("$binarySize", "$price"))))).first());
        assertEquals(51276, notBinary.getErrorCode());
    }

    @Test
    void exprInFindWithLet() {
        List<Document> cheapBulk = sales.find(Filters.expr(new Document("$gt", List.of("$qty", "$price"))))
                .sort(Sorts.ascending("_id")).into(new ArrayList<>());
        assertEquals(List.of(3), cheapBulk.stream().map(d -> d.getInteger("_id")).toList());
        List<Document> withLet = sales.find(Filters.expr(new Document("$eq", List.of("$item", "$$wanted"))))
                .let(new org.bson.BsonDocument("wanted", new org.bson.BsonString("jkl"))).into(new ArrayList<>());
        assertEquals(List.of(2), withLet.stream().map(d -> d.getInteger("_id")).toList());
    }

    @Test
    void lookupJoinsAnotherCollection() {
        var stock = TuskTestServer.client().getDatabase("aggregate_it").getCollection("stock");
        stock.drop();
        stock.insertMany(List.of(new Document("_id", "abc").append("qty", 100), new Document("_id", "xyz").append("qty", 0)));
        stock.createIndex(new Document("qty", 1));
        List<Document> out = sales.aggregate(List.of(
                Aggregates.match(Filters.in("item", "abc", "xyz")),
                Aggregates.lookup("stock", "item", "_id", "stock"),
                Aggregates.project(Projections.fields(Projections.include("stock"))),
                Aggregates.sort(Sorts.ascending("_id")))).into(new ArrayList<>());
        assertEquals(List.of(new Document("_id", "abc").append("qty", 100)), out.get(0).getList("stock", Document.class));
        assertEquals(List.of(new Document("_id", "xyz").append("qty", 0)), out.get(1).getList("stock", Document.class));
        List<Document> inStock = sales.aggregate(List.of(
                Aggregates.match(Filters.eq("_id", 1)),
                Aggregates.lookup("stock", List.of(new com.mongodb.client.model.Variable<>("wanted", "$qty")),
                        List.of(Aggregates.match(Filters.expr(new Document("$gte", List.of("$qty", "$$wanted"))))), "enough")))
                .into(new ArrayList<>());
        assertEquals(List.of("abc"), inStock.get(0).getList("enough", Document.class).stream().map(d -> d.getString("_id")).toList());
    }

    @Test
    void outReplacesTheTargetKeepingItsIndexes() {
        var db = TuskTestServer.client().getDatabase("aggregate_it");
        var totals = db.getCollection("totals");
        totals.drop();
        totals.insertOne(new Document("_id", "stale"));
        totals.createIndex(new Document("total", -1));
        sales.aggregate(List.of(Aggregates.group("$item", Accumulators.sum("total", "$qty")), Aggregates.out("totals"))).toCollection();
        List<Document> out = totals.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        assertEquals(List.of(new Document("_id", "abc").append("total", 7), new Document("_id", "jkl").append("total", 1),
                new Document("_id", "xyz").append("total", 10)), out);
        assertEquals(List.of("_id_", "total_-1"), totals.listIndexes().map(d -> d.getString("name")).into(new ArrayList<>()));
    }

    @Test
    void mergeUpsertsIntoTheTarget() {
        var db = TuskTestServer.client().getDatabase("aggregate_it");
        var summary = db.getCollection("summary");
        summary.drop();
        summary.insertOne(new Document("_id", "abc").append("note", "kept").append("total", 0));
        sales.aggregate(List.of(Aggregates.group("$item", Accumulators.sum("total", "$qty")),
                Aggregates.merge("summary"))).toCollection();
        List<Document> out = summary.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        assertEquals(new Document("_id", "abc").append("note", "kept").append("total", 7), out.get(0));
        assertEquals(3, out.size());
        com.mongodb.MongoCommandException fail = assertThrows(com.mongodb.MongoCommandException.class, () -> sales.aggregate(List.of(
                Aggregates.match(Filters.eq("_id", 2)), Aggregates.merge("summary",
                        new com.mongodb.client.model.MergeOptions().whenNotMatched(com.mongodb.client.model.MergeOptions.WhenNotMatched.FAIL))))
                .toCollection());
        assertEquals(13113, fail.getErrorCode());
    }

    @Test
    void databaseLevelAggregateWithDocuments() {
        List<Document> out = TuskTestServer.client().getDatabase("aggregate_it").aggregate(List.of(
                new Document("$documents", List.of(new Document("x", 1), new Document("x", 5), new Document("x", 3))),
                Aggregates.match(Filters.gt("x", 2)), Aggregates.sort(Sorts.descending("x")))).into(new ArrayList<>());
        assertEquals(List.of(new Document("x", 5), new Document("x", 3)), out);
    }

    @Test
    void badStagesAndExpressionsAreMongoDbErrors() {
        MongoCommandException unknown = assertThrows(MongoCommandException.class,
                () -> sales.aggregate(List.of(new Document("$bogus", 1))).first());
        assertEquals(40324, unknown.getErrorCode());
        MongoCommandException badExpr = assertThrows(MongoCommandException.class,
                () -> sales.aggregate(List.of(Aggregates.project(new Document("x", new Document("$nope", 1))))).first());
        assertEquals(168, badExpr.getErrorCode());
        MongoCommandException divide = assertThrows(MongoCommandException.class,
                () -> sales.aggregate(List.of(Aggregates.project(new Document("x", new Document("$divide", List.of(1, 0)))))).first());
        assertEquals(2, divide.getErrorCode());
    }
}
