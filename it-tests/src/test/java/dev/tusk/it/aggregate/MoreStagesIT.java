package dev.tusk.it.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.BucketAutoOptions;
import com.mongodb.client.model.BucketGranularity;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.GraphLookupOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.densify.DensifyOptions;
import com.mongodb.client.model.densify.DensifyRange;
import com.mongodb.client.model.fill.FillOptions;
import com.mongodb.client.model.fill.FillOutputField;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** $bucketAuto, $graphLookup, $redact, $densify and $fill through the driver's builders, over collections in PostgreSQL. */
class MoreStagesIT {
    private final MongoDatabase db = TuskTestServer.client().getDatabase("more_stages_it");

    private MongoCollection<Document> load(String name, List<Document> docs) {
        MongoCollection<Document> c = db.getCollection(name);
        c.drop();
        c.insertMany(docs);
        return c;
    }

    @Test
    void bucketAutoWithAGranularity() {
        MongoCollection<Document> things = load("things", IntStream.range(0, 100).mapToObj(i -> new Document("_id", i)).toList());
        List<Document> out = things.aggregate(List.of(Aggregates.bucketAuto("$_id", 5,
                new BucketAutoOptions().granularity(BucketGranularity.R20)))).into(new ArrayList<>());
        assertEquals(List.of(20, 20, 23, 27, 10), out.stream().map(d -> d.getInteger("count")).toList());
        assertEquals(new Document("min", 40.0).append("max", 63.0), out.get(2).get("_id", Document.class));
        assertEquals(new Document("min", 0).append("max", 20.0), out.get(0).get("_id", Document.class));
    }

    @Test
    void bucketAutoErrorsAreMongoDBs() {
        MongoCollection<Document> things = load("things", List.of(new Document("_id", 1)));
        MongoCommandException e = assertThrows(MongoCommandException.class, () -> things.aggregate(List.of(
                new Document("$bucketAuto", new Document("groupBy", "$_id")))).first());
        assertEquals(40246, e.getErrorCode());
    }

    @Test
    void graphLookupFollowsAnIndexedFieldWithDepthAndCycles() {
        MongoCollection<Document> airports = load("airports", List.of(
                new Document("_id", 0).append("airport", "JFK").append("connects", List.of("BOS", "ORD")),
                new Document("_id", 1).append("airport", "BOS").append("connects", List.of("JFK", "PWM")),
                new Document("_id", 2).append("airport", "ORD").append("connects", List.of("JFK")),
                new Document("_id", 3).append("airport", "PWM").append("connects", List.of("BOS", "LHR")),
                new Document("_id", 4).append("airport", "LHR").append("connects", List.of("PWM"))));
        airports.createIndex(Indexes.ascending("airport"));
        MongoCollection<Document> travelers = load("travelers", List.of(
                new Document("_id", 1).append("name", "Dev").append("nearestAirport", "JFK"),
                new Document("_id", 3).append("name", "Jeff").append("nearestAirport", "BOS")));
        List<Document> out = travelers.aggregate(List.of(
                Aggregates.graphLookup("airports", "$nearestAirport", "connects", "airport", "destinations",
                        new GraphLookupOptions().maxDepth(2).depthField("numConnections")),
                Aggregates.sort(Sorts.ascending("_id")))).into(new ArrayList<>());
        assertEquals(List.of("BOS", "JFK", "ORD", "PWM"), names(out.get(0)));
        assertEquals(List.of("BOS", "JFK", "LHR", "ORD", "PWM"), names(out.get(1)));
        Document lhr = out.get(1).getList("destinations", Document.class).stream()
                .filter(d -> d.getString("airport").equals("LHR")).findFirst().orElseThrow();
        assertEquals(2L, lhr.getLong("numConnections"));

        List<Document> golfOnly = travelers.aggregate(List.of(Aggregates.match(Filters.eq("_id", 3)),
                Aggregates.graphLookup("airports", "$nearestAirport", "connects", "airport", "destinations",
                        new GraphLookupOptions().restrictSearchWithMatch(Filters.ne("airport", "PWM"))))).into(new ArrayList<>());
        assertEquals(List.of("BOS", "JFK", "ORD"), names(golfOnly.get(0)));
    }

    @Test
    void graphLookupIntoAMissingCollectionFindsNothingAndBadSpecsAreErrors() {
        MongoCollection<Document> travelers = load("travelers", List.of(new Document("_id", 1).append("at", "JFK")));
        Document out = travelers.aggregate(List.of(Aggregates.graphLookup("nowhere", "$at", "a", "b", "found"))).first();
        assertEquals(List.of(), out.getList("found", Document.class));
        MongoCommandException e = assertThrows(MongoCommandException.class, () -> travelers.aggregate(List.of(
                Aggregates.graphLookup("nowhere", "$at", "a", "b", "found", new GraphLookupOptions().maxDepth(-1)))).first());
        assertEquals(40101, e.getErrorCode());
    }

    private static List<String> names(Document traveler) {
        return traveler.getList("destinations", Document.class).stream().map(d -> d.getString("airport")).sorted().toList();
    }

    @Test
    void redactDescendsAndPrunes() {
        MongoCollection<Document> accounts = load("accounts", List.of(Document.parse("""
                {_id: 1, level: 1, acct_id: 'xyz123', cc: {level: 5, type: 'yy', billing_addr: {level: 5, city: 'Some City'}},
                 addresses: [{level: 3, city: 'A'}, {level: 5, city: 'B'}], status: 'A'}""")));
        Document out = accounts.aggregate(List.of(Document.parse(
                "{$redact: {$cond: {if: {$eq: ['$level', 5]}, then: '$$PRUNE', else: '$$DESCEND'}}}"))).first();
        assertEquals(Document.parse("{_id: 1, level: 1, acct_id: 'xyz123', addresses: [{level: 3, city: 'A'}], status: 'A'}"), out);
    }

    @Test
    void densifyFillsEveryPartitionOverTheFullRange() {
        MongoCollection<Document> coffee = load("coffee", List.of(
                new Document("altitude", 600).append("variety", "Arabica Typica"),
                new Document("altitude", 950).append("variety", "Arabica Typica"),
                new Document("altitude", 1250).append("variety", "Gesha")));
        List<Document> out = coffee.aggregate(List.of(
                Aggregates.densify("altitude", DensifyRange.fullRangeWithStep(200), DensifyOptions.densifyOptions().partitionByFields("variety")),
                Aggregates.project(Projections.excludeId()), Aggregates.sort(Sorts.ascending("variety", "altitude")))).into(new ArrayList<>());
        assertEquals(List.of(600, 800, 950, 1000, 1200, 600, 800, 1000, 1200, 1250),
                out.stream().map(d -> d.getInteger("altitude")).toList());
    }

    @Test
    void fillInterpolatesCarriesForwardAndSetsValues() {
        MongoCollection<Document> stock = load("stock", List.of(
                new Document("_id", 1).append("price", 500).append("qty", 1), new Document("_id", 2),
                new Document("_id", 3).append("price", 515), new Document("_id", 4)));
        List<Document> out = stock.aggregate(List.of(Aggregates.fill(FillOptions.fillOptions().sortBy(Sorts.ascending("_id")),
                FillOutputField.linear("price"), FillOutputField.locf("qty"), FillOutputField.value("note", "filled")))).into(new ArrayList<>());
        assertEquals(List.of(500.0, 507.5, 515.0), out.subList(0, 3).stream().map(d -> ((Number) d.get("price")).doubleValue()).toList());
        assertEquals(null, out.get(3).get("price"));
        assertEquals(List.of(1, 1, 1, 1), out.stream().map(d -> d.getInteger("qty")).toList());
        assertEquals("filled", out.get(3).getString("note"));
    }
}
