package dev.tusk.it.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.tusk.it.support.Ids;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Read-only views: create, reads through the view's pipeline, listCollections, drop, collMod, refused writes. */
class ViewsIT {
    private static final String DB = "views_it";
    private final MongoClient client = TuskTestServer.client();
    private final MongoDatabase db = client.getDatabase(DB);
    private final MongoCollection<Document> view = db.getCollection("big");

    @BeforeEach
    void fresh() {
        db.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            docs.add(new Document("_id", i).append("n", i * 10).append("kind", i % 2 == 0 ? "even" : "odd").append("secret", "s" + i));
        }
        db.getCollection("items").insertMany(docs);
        db.createView("big", "items", List.of(Aggregates.match(Filters.gte("n", 30)), Aggregates.project(Projections.exclude("secret"))));
    }

    @Test
    void aViewsDefaultCollationAppliesToItsReads() {
        db.getCollection("names").insertMany(List.of(new Document("_id", 1).append("name", "apple"),
                new Document("_id", 2).append("name", "Apple"), new Document("_id", 3).append("name", "banana")));
        db.createView("ci", "names", List.of(), new com.mongodb.client.model.CreateViewOptions()
                .collation(com.mongodb.client.model.Collation.builder().locale("en").collationStrength(
                        com.mongodb.client.model.CollationStrength.SECONDARY).build()));
        MongoCollection<Document> ci = db.getCollection("ci");
        assertEquals(2, ci.countDocuments(Filters.eq("name", "APPLE")), "case-insensitive by the view's collation");
        assertEquals(List.of(1, 2), ci.find(Filters.eq("name", "aPPle")).sort(Sorts.ascending("_id")).into(new ArrayList<>())
                .stream().map(d -> d.getInteger("_id")).toList());
        assertEquals(1, db.getCollection("names").countDocuments(Filters.eq("name", "apple")), "the collection stays binary");
        Document options = db.listCollections().filter(Filters.eq("name", "ci")).first().get("options", Document.class);
        assertEquals("en", options.get("collation", Document.class).getString("locale"));
        assertEquals(2, options.get("collation", Document.class).getInteger("strength"));
        assertEquals(167, assertThrows(com.mongodb.MongoException.class, () -> ci.find(Filters.eq("name", "a"))
                .collation(com.mongodb.client.model.Collation.builder().locale("fr").build()).first()).getCode());
        assertEquals(167, assertThrows(com.mongodb.MongoException.class, () -> view.find()
                .collation(com.mongodb.client.model.Collation.builder().locale("en").build()).first()).getCode(),
                "a view without a collation is simple, and a read may not change that either");
        assertEquals(167, assertThrows(com.mongodb.MongoException.class, () -> db.createView("ci2", "ci", List.of())).getCode(),
                "a view on a view shares its collation");
    }

    @Test
    void explainOfAReadOnAViewIsTheAggregateOverItsSource() {
        Document plan = view.find(Filters.eq("kind", "odd")).sort(Sorts.descending("n"))
                .explain(com.mongodb.ExplainVerbosity.EXECUTION_STATS);
        List<Document> stages = plan.getList("stages", Document.class);
        Document cursor = stages.get(0).get("$cursor", Document.class);
        assertEquals(DB + ".items", cursor.get("queryPlanner", Document.class).getString("namespace"));
        assertEquals(2, cursor.get("executionStats", Document.class).getInteger("nReturned"),
                "the view's own $match ran in SQL, with the read's filter moved ahead of the view's $project as MongoDB moves it");
        assertEquals(List.of("$project", "$sort"), stages.subList(1, stages.size()).stream()
                .map(d -> d.keySet().iterator().next()).toList());
    }

    @Test
    void findRunsTheViewPipelineThenFilterSortSkipLimitProjection() {
        assertEquals(List.of(3, 4, 5, 6), Ids.of(view.find().sort(Sorts.ascending("_id"))));
        assertFalse(view.find().first().containsKey("secret"));
        assertEquals(List.of(5, 3), Ids.of(view.find(Filters.eq("kind", "odd")).sort(Sorts.descending("n"))));
        assertEquals(List.of(5, 4), Ids.of(view.find().sort(Sorts.descending("_id")).skip(1).limit(2)));
        Document projected = view.find(Filters.eq("_id", 4)).projection(Projections.include("n")).first();
        assertEquals(new Document("_id", 4).append("n", 40), projected);
        // a cursor over several batches
        assertEquals(List.of(3, 4, 5, 6), Ids.of(view.find().sort(Sorts.ascending("_id")).batchSize(1)));
    }

    @Test
    void countsAndDistinct() {
        assertEquals(4, view.countDocuments());
        assertEquals(2, view.countDocuments(Filters.eq("kind", "even")));
        assertEquals(2, view.countDocuments(Filters.empty(), new CountOptions().skip(1).limit(2)));
        assertEquals(1, db.runCommand(new Document("count", "big").append("query", new Document("kind", "odd"))
                .append("skip", 1)).getInteger("n"));
        assertEquals(4, view.estimatedDocumentCount());
        List<String> kinds = view.distinct("kind", String.class).into(new ArrayList<>());
        kinds.sort(null);
        assertEquals(List.of("even", "odd"), kinds);
        assertEquals(List.of(40, 60), view.distinct("n", Filters.eq("kind", "even"), Integer.class).into(new ArrayList<>()));
    }

    @Test
    void aggregatePrependsTheViewPipeline() {
        List<Document> groups = view.aggregate(List.of(Aggregates.group("$kind", Accumulators.sum("total", "$n")),
                Aggregates.sort(Sorts.ascending("_id")))).into(new ArrayList<>());
        assertEquals(List.of(new Document("_id", "even").append("total", 100), new Document("_id", "odd").append("total", 80)), groups);
    }

    @Test
    void viewOnAViewChainsThePipelines() {
        db.createView("bigEven", "big", List.of(Aggregates.match(Filters.eq("kind", "even"))));
        MongoCollection<Document> bigEven = db.getCollection("bigEven");
        assertEquals(List.of(4, 6), Ids.of(bigEven.find().sort(Sorts.ascending("_id"))));
        assertEquals(2, bigEven.countDocuments());
        assertFalse(bigEven.find().first().containsKey("secret"));
    }

    @Test
    void lookupReadsAViewThroughItsPipeline() {
        db.getCollection("refs").insertOne(new Document("_id", "r").append("want", List.of(1, 4)));
        Document joined = db.getCollection("refs").aggregate(List.of(Aggregates.lookup("big", "want", "_id", "found")))
                .first();
        assertEquals(List.of(4), Ids.of(joined.getList("found", Document.class)));
        List<Document> union = db.getCollection("refs").aggregate(List.of(Aggregates.unionWith("big", List.of()),
                Aggregates.skip(1))).into(new ArrayList<>());
        assertEquals(List.of(3, 4, 5, 6), Ids.of(union));
    }

    @Test
    void listCollectionsShowsTheView() {
        Document info = db.listCollections().filter(Filters.eq("name", "big")).first();
        assertEquals("view", info.getString("type"));
        Document options = info.get("options", Document.class);
        assertEquals("items", options.getString("viewOn"));
        assertEquals(2, options.getList("pipeline", Document.class).size());
        assertEquals(new Document("readOnly", true), info.get("info", Document.class));
        Document nameOnly = db.runCommand(new Document("listCollections", 1).append("nameOnly", true)
                .append("filter", new Document("type", "view")));
        List<Document> batch = nameOnly.get("cursor", Document.class).getList("firstBatch", Document.class);
        assertEquals(List.of(new Document("name", "big").append("type", "view")), batch);
    }

    @Test
    void dropRemovesTheViewOnly() {
        view.drop();
        assertEquals(List.of("items"), db.listCollectionNames().into(new ArrayList<>()));
        assertEquals(6, db.getCollection("items").countDocuments());
        assertEquals(0, view.countDocuments());
    }

    @Test
    void createErrors() {
        assertCode(48, () -> db.createView("big", "items", List.of()));
        assertCode(48, () -> db.createView("items", "big", List.of()));
        MongoCommandException out = assertThrows(MongoCommandException.class,
                () -> db.createView("w", "items", List.of(Aggregates.out("elsewhere"))));
        assertEquals(167, out.getErrorCode());
        assertEquals("The aggregation stage $out in location 0 of the pipeline cannot be used in the view definition of "
                + "views_it.w because it writes to disk", out.getErrorMessage());
        assertCode(40324, () -> db.createView("w", "items", List.of(new Document("$nope", 1))));
        assertCode(5, () -> db.createView("self", "self", List.of()));
        assertCode(2, () -> db.runCommand(new Document("create", "w").append("pipeline", List.of())));
        assertCode(72, () -> db.runCommand(new Document("create", "w").append("viewOn", "items")
                .append("validator", new Document("n", 1))));
        assertEquals(List.of("big", "items"), db.listCollectionNames().into(new ArrayList<>()).stream().sorted().toList());
    }

    @Test
    void viewChainsStopAtDepth20() {
        assertCode(165, () -> {
            for (int i = 1; i <= 30; i++) {
                db.createView("chain" + i, i == 1 ? "items" : "chain" + (i - 1), List.of());
            }
        });
        assertEquals(6, db.getCollection("chain20").countDocuments());
    }

    @Test
    void collModChangesTheView() {
        db.runCommand(new Document("collMod", "big").append("viewOn", "items")
                .append("pipeline", List.of(new Document("$match", new Document("n", new Document("$lt", 30))))));
        assertEquals(List.of(1, 2), Ids.of(view.find().sort(Sorts.ascending("_id"))));
        assertCode(72, () -> db.runCommand(new Document("collMod", "items").append("viewOn", "big")));
        assertCode(72, () -> db.runCommand(new Document("collMod", "big").append("validator", new Document())));
        db.createView("top", "big", List.of());
        assertCode(5, () -> db.runCommand(new Document("collMod", "big").append("viewOn", "top")));
    }

    @Test
    void writesAreRefused() {
        String message = "Namespace views_it.big is a view, not a collection";
        MongoWriteException insert = assertThrows(MongoWriteException.class, () -> view.insertOne(new Document("_id", 9)));
        assertEquals(166, insert.getCode());
        assertEquals(message, insert.getError().getMessage());
        MongoBulkWriteException unordered = assertThrows(MongoBulkWriteException.class, () -> view.insertMany(
                List.of(new Document("_id", 8), new Document("_id", 9)), new InsertManyOptions().ordered(false)));
        assertEquals(List.of(166, 166), unordered.getWriteErrors().stream().map(e -> e.getCode()).toList());
        assertCode(166, () -> view.updateOne(Filters.eq("_id", 3), Updates.set("x", 1)));
        assertCode(166, () -> view.deleteMany(Filters.empty()));
        MongoCommandException fam = assertThrows(MongoCommandException.class,
                () -> view.findOneAndUpdate(Filters.eq("_id", 3), Updates.set("x", 1)));
        assertEquals(166, fam.getErrorCode());
        assertEquals(message, fam.getErrorMessage());
        assertCode(166, () -> view.createIndex(Indexes.ascending("n")));
        assertCode(166, () -> view.listIndexes().into(new ArrayList<>()));
        assertEquals(6, db.getCollection("items").countDocuments());
    }

    private static void assertCode(int code, Executable action) {
        MongoException e = assertThrows(MongoException.class, action);
        assertEquals(code, e.getCode(), e.getMessage());
    }
}
