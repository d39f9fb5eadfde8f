package dev.tusk.it.indexes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ExplainVerbosity;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoQueryException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.geojson.LineString;
import com.mongodb.client.model.geojson.Point;
import com.mongodb.client.model.geojson.Polygon;
import com.mongodb.client.model.geojson.Position;
import dev.tusk.it.support.Ids;
import dev.tusk.it.support.SideTablePlans;
import dev.tusk.it.support.Stages;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 2dsphere and 2d indexes over 12,000 documents (GeoJSON points, legacy pairs, lines, polygons):
 * $geoWithin and $geoIntersects read through the side table's B-tree (PostgreSQL's plan says so) and
 * return what the same query returns on an unindexed copy; $near/$nearSphere return documents nearest
 * first, as a distance computed here orders them; bad geometry is refused as MongoDB refuses it.
 */
class GeoIT {
    private static final String DB = "geo_it";
    private static final double EARTH = 6378100;
    private static final MongoDatabase db = TuskTestServer.client().getDatabase(DB);
    private static final MongoCollection<Document> indexed = db.getCollection("indexed");
    private static final MongoCollection<Document> plain = db.getCollection("plain");

    @BeforeAll
    static void load() {
        List.of(indexed, plain).forEach(MongoCollection::drop);
        Random random = new Random(7);
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            double x = random.nextDouble() * 359.998 - 179.999;
            double y = random.nextDouble() * 170 - 85;
            Document d = new Document("_id", i).append("xy", List.of(x, y));
            switch (i % 10) {
                case 0 -> d.append("cat", "line").append("loc", new Document("type", "LineString")
                        .append("coordinates", List.of(List.of(x, y), List.of(x + 1.5 > 180 ? x - 1.5 : x + 1.5, y + 0.5))));
                case 1 -> d.append("cat", "polygon").append("loc", new Document("type", "Polygon").append("coordinates",
                        List.of(List.of(List.of(x, y), List.of(x + 0.5 > 180 ? x - 0.5 : x + 0.5, y), List.of(x, y + 0.5), List.of(x, y)))));
                case 2 -> d.append("cat", "p").append("loc", List.of(x, y)); // a legacy pair
                case 3 -> d.append("cat", "none");
                default -> d.append("cat", "p").append("loc", new Document("type", "Point").append("coordinates", List.of(x, y)));
            }
            docs.add(d);
        }
        indexed.insertMany(docs);
        plain.insertMany(docs);
        assertEquals("loc_2dsphere_cat_1", indexed.createIndex(new Document("loc", "2dsphere").append("cat", 1)));
        assertEquals("xy_2d", indexed.createIndex(new Document("xy", "2d")));
        Document listed = indexed.listIndexes().into(new ArrayList<>()).get(1);
        assertEquals(3, listed.getInteger("2dsphereIndexVersion"), listed.toJson());
        SideTablePlans.analyze();
    }

    private static Polygon square(double x0, double y0, double x1, double y1) {
        return new Polygon(List.of(new Position(x0, y0), new Position(x1, y0), new Position(x1, y1), new Position(x0, y1),
                new Position(x0, y0)));
    }

    @Test
    void withinAndIntersectsReadThroughTheSideTable() {
        List<Bson> sphere = List.of(
                Filters.geoWithin("loc", square(10, 40, 20, 50)),
                Filters.geoWithin("loc", square(170, -10, -170, 10)), // across the antimeridian
                Filters.geoWithinCenterSphere("loc", 2.35, 48.85, 0.1),
                Filters.geoWithinCenterSphere("loc", -179.5, 0, 0.05),
                Filters.geoIntersects("loc", square(-75, 35, -70, 40)),
                Filters.geoIntersects("loc", new LineString(List.of(new Position(179, -20), new Position(-179, -10)))),
                Filters.and(Filters.geoIntersects("loc", square(0, 0, 15, 15)), Filters.eq("cat", "polygon")),
                Filters.geoWithin("loc", new Polygon(List.of(new Position(0, 80), new Position(90, 80), new Position(180, 80),
                        new Position(-90, 80), new Position(0, 80))))); // around the north pole
        for (Bson filter : sphere) {
            assertServedBy("loc_2dsphere_cat_1", filter);
        }
        List<Bson> flat = List.of(
                Filters.geoWithinBox("xy", -10, -10, 10, 10),
                Filters.geoWithinCenter("xy", 100, 20, 7),
                Filters.geoWithinPolygon("xy", List.of(List.of(0.0, 0.0), List.of(30.0, 0.0), List.of(0.0, 30.0))),
                Filters.geoWithinCenterSphere("xy", 50, 50, 0.05));
        for (Bson filter : flat) {
            assertServedBy("xy_2d", filter);
        }
    }

    @Test
    void nearReturnsTheNearestFirst() {
        double x = 12.5;
        double y = 41.9;
        Bson near = Filters.and(Filters.near("loc", new Point(new Position(x, y)), 1_500_000.0, null), Filters.eq("cat", "p"));
        List<Object> expected = new ArrayList<>();
        List<Document> points = plain.find(Filters.eq("cat", "p")).into(new ArrayList<>());
        points.sort(Comparator.comparingDouble(d -> metres(x, y, coordinates(d))));
        for (Document d : points) {
            if (metres(x, y, coordinates(d)) <= 1_500_000) {
                expected.add(d.get("_id"));
            }
        }
        assertTrue(expected.size() > 20, "enough points near Rome: " + expected.size());
        assertEquals(expected, Ids.of(indexed.find(near)));
        assertEquals(expected.subList(0, 5), Ids.of(indexed.find(near).limit(5)));
        assertEquals(expected.subList(3, 8), Ids.of(indexed.find(near).skip(3).limit(5)));

        Document first = indexed.find(near).projection(new Document("d", new Document("$meta", "geoNearDistance"))
                .append("p", new Document("$meta", "geoNearPoint"))).first();
        assertEquals(metres(x, y, coordinates(points.get(0))), first.getDouble("d"), 1e-6, "the distance metadata");
        assertEquals(points.get(0).get("loc"), first.get("p"));

        Document plan = indexed.find(near).explain(ExplainVerbosity.QUERY_PLANNER).get("queryPlanner", Document.class)
                .get("winningPlan", Document.class);
        assertEquals("GEO_NEAR_2DSPHERE", plan.getString("stage"), plan.toJson());
        assertEquals("loc_2dsphere_cat_1", plan.getString("indexName"));
        Document explain = indexed.find(near).explain(ExplainVerbosity.EXECUTION_STATS);
        SideTablePlans.assertScansSideTable(explain, DB, "indexed", "loc_2dsphere_cat_1", near);
        assertTrue(explain.get("executionStats", Document.class).getInteger("totalDocsExamined") < 3000, explain.toJson());
        // $minDistance: the ring between 500 and 1,500 km
        List<Object> ring = points.stream().filter(d -> metres(x, y, coordinates(d)) >= 500_000 && metres(x, y, coordinates(d)) <= 1_500_000)
                .map(d -> d.get("_id")).toList();
        assertEquals(ring, Ids.of(indexed.find(Filters.and(Filters.near("loc", new Point(new Position(x, y)), 1_500_000.0, 500_000.0),
                Filters.eq("cat", "p")))));

        // legacy $nearSphere on the 2d index: radians; legacy $near: flat distance
        List<Object> sphereIds = Ids.of(indexed.find(Filters.nearSphere("xy", x, y, 0.2, null)));
        List<Document> all = plain.find().into(new ArrayList<>());
        all.sort(Comparator.comparingDouble(d -> metres(x, y, d.getList("xy", Double.class))));
        assertEquals(all.stream().filter(d -> metres(x, y, d.getList("xy", Double.class)) / EARTH <= 0.2).map(d -> d.get("_id")).toList(),
                sphereIds);
        List<Object> flatIds = Ids.of(indexed.find(Filters.near("xy", x, y, 10.0, null)).limit(30));
        all.sort(Comparator.comparingDouble(d -> Math.hypot(d.getList("xy", Double.class).get(0) - x, d.getList("xy", Double.class).get(1) - y)));
        assertEquals(all.subList(0, 30).stream().map(d -> d.get("_id")).toList(), flatIds);
        assertEquals(all.subList(5, 25).stream().map(d -> d.get("_id")).toList(),
                Ids.of(indexed.find(Filters.near("xy", x, y, null, null)).skip(5).limit(20)), "rings without $maxDistance");

        // without $maxDistance, with a limit: rings widen around the point until they hold enough documents
        List<Object> everyPoint = points.stream().map(d -> d.get("_id")).toList();
        assertEquals(everyPoint.subList(0, 7), Ids.of(indexed.find(Filters.and(Filters.near("loc", new Point(new Position(x, y)), null, null),
                Filters.eq("cat", "p"))).limit(7)));
        assertEquals(everyPoint.subList(100, 110), Ids.of(indexed.find(Filters.and(Filters.nearSphere("loc", new Point(new Position(x, y)),
                null, null), Filters.eq("cat", "p"))).skip(100).limit(10)));
        assertEquals(everyPoint.size(), Ids.of(indexed.find(Filters.and(Filters.near("loc", new Point(new Position(x, y)), null, null),
                Filters.eq("cat", "p")))).size(), "without a limit: every point");
    }

    @Test
    void geoNearStageAddsDistancesNearestFirst() {
        double x = -3.7;
        double y = 40.4;
        List<Document> got = indexed.aggregate(List.of(new Document("$geoNear", new Document("near",
                        new Document("type", "Point").append("coordinates", List.of(x, y)))
                        .append("distanceField", "dist.m").append("maxDistance", 2_000_000).append("query", new Document("cat", "p"))
                        .append("includeLocs", "where").append("key", "loc").append("spherical", true)),
                new Document("$limit", 10))).into(new ArrayList<>());
        List<Document> points = plain.find(Filters.eq("cat", "p")).into(new ArrayList<>());
        points.sort(Comparator.comparingDouble(d -> metres(x, y, coordinates(d))));
        assertEquals(points.subList(0, 10).stream().map(d -> d.get("_id")).toList(), got.stream().map(d -> d.get("_id")).toList());
        for (int i = 0; i < 10; i++) {
            double expected = metres(x, y, coordinates(points.get(i)));
            assertEquals(expected, got.get(i).get("dist", Document.class).getDouble("m"), expected * 1e-9 + 1e-6);
            assertEquals(points.get(i).get("loc"), got.get(i).get("where"));
        }

        // legacy point, spherical, no key: the collection's one 2d index, distances in radians (times a multiplier)
        List<Document> legacy = indexed.aggregate(List.of(new Document("$geoNear", new Document("near", List.of(x, y))
                .append("distanceField", "d").append("spherical", true).append("maxDistance", 0.05).append("distanceMultiplier", 6378.1))))
                .into(new ArrayList<>());
        List<Document> all = plain.find().into(new ArrayList<>());
        all.sort(Comparator.comparingDouble(d -> metres(x, y, d.getList("xy", Double.class))));
        List<Object> within = all.stream().filter(d -> metres(x, y, d.getList("xy", Double.class)) / EARTH <= 0.05).map(d -> d.get("_id")).toList();
        assertEquals(within, legacy.stream().map(d -> d.get("_id")).toList());
        assertEquals(metres(x, y, all.get(0).getList("xy", Double.class)) / 1000, legacy.get(0).getDouble("d"), 1e-6);

        List<Document> skipped = indexed.aggregate(List.of(new Document("$geoNear", new Document("near", List.of(x, y))
                .append("distanceField", "d").append("key", "xy")), new Document("$skip", 40), new Document("$limit", 5))).into(new ArrayList<>());
        all.sort(Comparator.comparingDouble(d -> Math.hypot(d.getList("xy", Double.class).get(0) - x, d.getList("xy", Double.class).get(1) - y)));
        assertEquals(all.subList(40, 45).stream().map(d -> d.get("_id")).toList(), skipped.stream().map(d -> d.get("_id")).toList(),
                "flat distances on the 2d index, the nearest 45 read through rings");

        Document projected = indexed.aggregate(List.of(new Document("$geoNear", new Document("near", List.of(x, y))
                .append("distanceField", "d").append("key", "xy")), new Document("$limit", 1),
                new Document("$project", new Document("m", new Document("$meta", "geoNearDistance"))))).first();
        assertEquals(Math.hypot(all.get(0).getList("xy", Double.class).get(0) - x, all.get(0).getList("xy", Double.class).get(1) - y),
                projected.getDouble("m"), 1e-9);

        Document explained = db.runCommand(new Document("explain", new Document("aggregate", "indexed").append("pipeline",
                List.of(new Document("$geoNear", new Document("near", List.of(x, y)).append("distanceField", "d").append("key", "xy")),
                        new Document("$limit", 3))).append("cursor", new Document())).append("verbosity", "queryPlanner"));
        Document cursorStage = explained.getList("stages", Document.class).get(0).get("$cursor", Document.class);
        assertEquals("GEO_NEAR_2D", cursorStage.get("queryPlanner", Document.class).get("winningPlan", Document.class).getString("stage"),
                explained.toJson());

        MongoCommandException notFirst = assertThrows(MongoCommandException.class, () -> indexed.aggregate(List.of(
                new Document("$match", new Document("cat", "p")),
                new Document("$geoNear", new Document("near", List.of(0, 0)).append("distanceField", "d")))).first());
        assertEquals(40602, notFirst.getErrorCode());
        MongoCommandException nearInMatch = assertThrows(MongoCommandException.class, () -> indexed.aggregate(List.of(
                new Document("$match", new Document("xy", new Document("$near", List.of(0, 0)))))).first());
        assertEquals(5626500, nearInMatch.getErrorCode());
        MongoCommandException noIndex = assertThrows(MongoCommandException.class, () -> plain.aggregate(List.of(
                new Document("$geoNear", new Document("near", List.of(0, 0)).append("distanceField", "d")))).first());
        assertEquals(27, noIndex.getErrorCode());
    }

    @Test
    void writesAndCountsUseTheSameGeoFilters() {
        Bson europe = Filters.geoWithin("loc", square(-10, 35, 30, 60));
        long count = plain.countDocuments(europe);
        assertTrue(count > 50, "documents in the box: " + count);
        assertEquals(count, indexed.countDocuments(europe));
        assertEquals(count, indexed.updateMany(europe, Updates.set("inEurope", true)).getModifiedCount());
        assertEquals(count, plain.updateMany(europe, Updates.set("inEurope", true)).getModifiedCount());
        assertEquals(Ids.sorted(plain.find(Filters.eq("inEurope", true))), Ids.sorted(indexed.find(Filters.eq("inEurope", true))));
        Bson nearest = Filters.and(Filters.near("loc", new Point(new Position(151.2, -33.9)), null, null), Filters.eq("cat", "p"));
        Document moved = indexed.findOneAndUpdate(nearest, Updates.set("loc", new Document("type", "Point").append("coordinates", List.of(0.5, 0.5))));
        Object sydney = moved.get("_id");
        assertEquals(sydney, Ids.of(plain.find(Filters.and(Filters.geoWithinCenterSphere("loc", 151.2, -33.9, 0.5), Filters.eq("cat", "p")))).stream()
                .min(Comparator.comparingDouble(id -> metres(151.2, -33.9, coordinates(plain.find(Filters.eq("_id", id)).first())))).orElseThrow(),
                "findAndModify takes the nearest document");
        assertTrue(Ids.of(indexed.find(Filters.geoWithin("loc", square(0, 0, 1, 1)))).contains(sydney), "its new cells are in the index");
        plain.updateOne(Filters.eq("_id", sydney), Updates.set("loc", new Document("type", "Point").append("coordinates", List.of(0.5, 0.5))));
    }

    @Test
    void flatIndexWithItsOwnBounds() {
        MongoCollection<Document> grid = db.getCollection("grid");
        grid.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            docs.add(new Document("_id", i).append("p", List.of((i * 37) % 1000 + 0.25, (i * 91) % 1000 + 0.5)));
        }
        grid.insertMany(docs);
        grid.createIndex(new Document("p", "2d"), new com.mongodb.client.model.IndexOptions().min(0.0).max(1000.0).bits(16));
        Document listed = grid.listIndexes().into(new ArrayList<>()).get(1);
        assertEquals(16, listed.getInteger("bits"));
        Bson box = Filters.geoWithinBox("p", 100, 100, 300, 250);
        List<Object> inBox = docs.stream().filter(d -> {
            List<?> p = d.getList("p", Object.class);
            double px = (Double) p.get(0);
            double py = (Double) p.get(1);
            return px >= 100 && px <= 300 && py >= 100 && py <= 250;
        }).map(d -> d.get("_id")).sorted(Comparator.comparingInt(id -> (Integer) id)).toList();
        assertEquals(inBox, Ids.sorted(grid.find(box)));
        List<Object> near = docs.stream().sorted(Comparator.comparingDouble(d -> Math.hypot((Double) d.getList("p", Object.class).get(0) - 500,
                (Double) d.getList("p", Object.class).get(1) - 500))).limit(12).map(d -> d.get("_id")).toList();
        assertEquals(near, Ids.of(grid.find(Filters.near("p", 500, 500, null, null)).limit(12)));
        MongoWriteException outside = assertThrows(MongoWriteException.class, () -> grid.insertOne(new Document("p", List.of(-1, 5))));
        assertEquals(13027, outside.getCode());
        assertEquals("point not in interval of [ 0, 1000 )", outside.getError().getMessage().substring(0, 36));
    }

    @Test
    void nearNeedsAGeoIndex() {
        MongoQueryException e = assertThrows(MongoQueryException.class,
                () -> plain.find(Filters.near("loc", new Point(new Position(0, 0)), null, null)).first());
        assertEquals(291, e.getErrorCode());
        assertTrue(e.getErrorMessage().contains("unable to find index for $geoNear query"), e.getErrorMessage());
        MongoQueryException inOr = assertThrows(MongoQueryException.class, () -> indexed.find(Filters.or(
                Filters.near("loc", new Point(new Position(0, 0)), null, null), Filters.eq("cat", "p"))).first());
        assertEquals(2, inOr.getErrorCode());
    }

    @Test
    void badGeometryIsRefused() {
        MongoWriteException insert = assertThrows(MongoWriteException.class, () -> indexed.insertOne(new Document("_id", -1)
                .append("loc", new Document("type", "Polygon").append("coordinates", List.of(List.of(List.of(0, 0), List.of(1, 1), List.of(1, 0)))))));
        assertEquals(16755, insert.getCode());
        assertTrue(insert.getError().getMessage().contains("Loop is not closed, first vertex does not equal last vertex"),
                insert.getError().getMessage());
        MongoWriteException update = assertThrows(MongoWriteException.class,
                () -> indexed.updateOne(Filters.eq("_id", 4), Updates.set("loc", new Document("type", "Point").append("coordinates", List.of(200, 0)))));
        assertEquals(16755, update.getCode());
        MongoWriteException flat = assertThrows(MongoWriteException.class,
                () -> indexed.insertOne(new Document("_id", -2).append("xy", List.of(180, 0))));
        assertEquals(13027, flat.getCode());

        MongoCollection<Document> bad = db.getCollection("bad");
        bad.drop();
        bad.insertOne(new Document("_id", 1).append("loc", "nowhere"));
        MongoCommandException build = assertThrows(MongoCommandException.class, () -> bad.createIndex(new Document("loc", "2dsphere")));
        assertEquals(16755, build.getErrorCode());
        assertEquals(1, bad.listIndexes().into(new ArrayList<>()).size(), "the failed build left no index");
    }

    private static List<Double> coordinates(Document d) {
        Object loc = d.get("loc");
        if (loc instanceof Document g) {
            return g.getList("coordinates", Double.class);
        }
        return d.getList("loc", Double.class);
    }

    private static double metres(double x, double y, List<Double> p) {
        double lat1 = Math.toRadians(y);
        double lat2 = Math.toRadians(p.get(1));
        double dlat = lat2 - lat1;
        double dlng = Math.toRadians(p.get(0) - x);
        double h = Math.sin(dlat / 2) * Math.sin(dlat / 2) + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dlng / 2) * Math.sin(dlng / 2);
        return 2 * Math.asin(Math.min(1, Math.sqrt(h))) * EARTH;
    }

    private static void assertServedBy(String name, Bson filter) {
        List<Object> expected = Ids.sorted(plain.find(Filters.and(filter, Filters.exists("_id"))).into(new ArrayList<>()));
        assertEquals(expected, Ids.sorted(indexed.find(filter)), filter.toString());
        Document explain = indexed.find(filter).explain(ExplainVerbosity.EXECUTION_STATS);
        Document ixscan = Stages.innermost(explain.get("queryPlanner", Document.class).get("winningPlan", Document.class));
        assertEquals("IXSCAN", ixscan.getString("stage"), explain.toJson());
        assertEquals(name, ixscan.getString("indexName"));
        SideTablePlans.assertScansSideTable(explain, DB, "indexed", name, filter);
        int examined = explain.get("executionStats", Document.class).getInteger("totalDocsExamined");
        assertTrue(examined < 3000, filter + " examined " + examined + " documents");
    }
}
