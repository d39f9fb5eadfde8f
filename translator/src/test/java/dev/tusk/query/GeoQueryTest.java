package dev.tusk.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reference evaluator's geospatial operators: the manual's examples and edge cases, table-driven. */
class GeoQueryTest {
    record Case(String name, String filter, String doc, boolean matches) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String SQUARE = "{$geoWithin: {$geometry: {type: 'Polygon', coordinates: [[[0,0],[3,6],[6,1],[0,0]]]}}}";
    private static final String BOX10 = "{type: 'Polygon', coordinates: [[[0,0],[10,0],[10,10],[0,10],[0,0]]]}";
    private static final String HOLED = "{type: 'Polygon', coordinates: [[[0,0],[10,0],[10,10],[0,10],[0,0]],"
            + "[[4,4],[6,4],[6,6],[4,6],[4,4]]]}";
    private static final String ACROSS_180 = "{type: 'Polygon', coordinates: [[[170,-10],[-170,-10],[-170,10],[170,10],[170,-10]]]}";
    private static final String CAP_POLE = "{type: 'Polygon', coordinates: [[[0,80],[90,80],[180,80],[-90,80],[0,80]]]}";

    static Stream<Case> cases() {
        return Stream.of(
                // the manual's $geoWithin example: a GeoJSON polygon, a point inside and one outside
                new Case("manual within", "{loc: " + SQUARE + "}", "{loc: {type: 'Point', coordinates: [3, 3]}}", true),
                new Case("manual within, outside", "{loc: " + SQUARE + "}", "{loc: {type: 'Point', coordinates: [5, 5]}}", false),
                new Case("legacy pair in GeoJSON polygon", "{loc: " + SQUARE + "}", "{loc: [3, 3]}", true),
                new Case("legacy {x, y} document", "{loc: " + SQUARE + "}", "{loc: {lng: 3, lat: 3}}", true),
                new Case("vertex is within", "{loc: {$geoWithin: {$geometry: " + BOX10 + "}}}", "{loc: [0, 0]}", true),
                new Case("point on the equator edge", "{loc: {$geoWithin: {$geometry: " + BOX10 + "}}}", "{loc: [5, 0]}", true),
                new Case("great-circle edge bulges north", "{loc: {$geoWithin: {$geometry: " + BOX10 + "}}}",
                        "{loc: [5, 10.03]}", true),
                new Case("above the bulge", "{loc: {$geoWithin: {$geometry: " + BOX10 + "}}}", "{loc: [5, 10.05]}", false),
                new Case("in the hole", "{loc: {$geoWithin: {$geometry: " + HOLED + "}}}", "{loc: [5, 5]}", false),
                new Case("between hole and shell", "{loc: {$geoWithin: {$geometry: " + HOLED + "}}}", "{loc: [2, 2]}", true),
                new Case("on the hole's edge", "{loc: {$geoWithin: {$geometry: " + HOLED + "}}}", "{loc: [5, 4]}", true),
                new Case("line within", "{loc: {$geoWithin: {$geometry: " + BOX10 + "}}}",
                        "{loc: {type: 'LineString', coordinates: [[1,1],[9,9]]}}", true),
                new Case("line leaving", "{loc: {$geoWithin: {$geometry: " + BOX10 + "}}}",
                        "{loc: {type: 'LineString', coordinates: [[1,1],[19,9]]}}", false),
                new Case("line crossing the hole", "{loc: {$geoWithin: {$geometry: " + HOLED + "}}}",
                        "{loc: {type: 'LineString', coordinates: [[1,5],[9,5]]}}", false),
                new Case("polygon within", "{loc: {$geoWithin: {$geometry: " + BOX10 + "}}}",
                        "{loc: {type: 'Polygon', coordinates: [[[1,1],[2,1],[2,2],[1,1]]]}}", true),
                new Case("polygon around the hole", "{loc: {$geoWithin: {$geometry: " + HOLED + "}}}",
                        "{loc: {type: 'Polygon', coordinates: [[[3,3],[7,3],[7,7],[3,7],[3,3]]]}}", false),
                new Case("multipolygon query", "{loc: {$geoWithin: {$geometry: {type: 'MultiPolygon', coordinates: ["
                        + "[[[0,0],[1,0],[1,1],[0,0]]], [[[20,20],[30,20],[30,30],[20,20]]]]}}}}", "{loc: [28, 22]}", true),
                new Case("line across two touching polygons of a multipolygon", "{loc: {$geoWithin: {$geometry: {type: 'MultiPolygon', "
                        + "coordinates: [[[[0,0],[5,0],[5,5],[0,5],[0,0]]], [[[5,0],[10,0],[10,5],[5,5],[5,0]]]]}}}}",
                        "{loc: {type: 'LineString', coordinates: [[1, 1], [9, 1]]}}", true),
                new Case("line leaving a concave polygon through two vertices", "{loc: {$geoWithin: {$geometry: {type: 'Polygon', "
                        + "coordinates: [[[0,-5],[10,-5],[10,5],[6,5],[6,0],[5,-2],[4,0],[4,5],[0,5],[0,-5]]]}}}}",
                        "{loc: {type: 'LineString', coordinates: [[0.5, 0], [7, 0]]}}", false),
                new Case("line crossing a concave polygon's notch", "{loc: {$geoWithin: {$geometry: {type: 'Polygon', "
                        + "coordinates: [[[0,0],[10,0],[10,10],[6,10],[5,2],[4,10],[0,10],[0,0]]]}}}}",
                        "{loc: {type: 'LineString', coordinates: [[2, 9], [8, 9]]}}", false),
                new Case("line along an edge", "{loc: {$geoWithin: {$geometry: " + BOX10 + "}}}",
                        "{loc: {type: 'LineString', coordinates: [[0, 0], [10, 0]]}}", true),
                new Case("across the antimeridian", "{loc: {$geoWithin: {$geometry: " + ACROSS_180 + "}}}", "{loc: [179.5, 0]}", true),
                new Case("across the antimeridian, west side", "{loc: {$geoWithin: {$geometry: " + ACROSS_180 + "}}}",
                        "{loc: [-175, 5]}", true),
                new Case("across the antimeridian, outside", "{loc: {$geoWithin: {$geometry: " + ACROSS_180 + "}}}",
                        "{loc: [0, 0]}", false),
                new Case("polygon around the north pole", "{loc: {$geoWithin: {$geometry: " + CAP_POLE + "}}}",
                        "{loc: [123, 89]}", true),
                new Case("the north pole itself", "{loc: {$geoWithin: {$geometry: " + CAP_POLE + "}}}", "{loc: [0, 90]}", true),
                new Case("south of the polar polygon", "{loc: {$geoWithin: {$geometry: " + CAP_POLE + "}}}", "{loc: [0, 70]}", false),
                new Case("multikey: any point", "{loc: {$geoWithin: {$geometry: " + BOX10 + "}}}", "{loc: [[50, 50], [5, 5]]}", true),
                new Case("multikey GeoJSON", "{loc: {$geoWithin: {$geometry: " + BOX10 + "}}}",
                        "{loc: [{type: 'Point', coordinates: [50, 50]}, {type: 'Point', coordinates: [1, 2]}]}", true),
                new Case("array path", "{'a.loc': {$geoWithin: {$geometry: " + BOX10 + "}}}", "{a: [{loc: [50, 50]}, {loc: [1, 1]}]}", true),
                new Case("missing field", "{loc: {$geoWithin: {$geometry: " + BOX10 + "}}}", "{x: 1}", false),
                new Case("not a geometry", "{loc: {$geoWithin: {$geometry: " + BOX10 + "}}}", "{loc: 'here'}", false),
                new Case("invalid GeoJSON in a document", "{loc: {$geoWithin: {$geometry: " + BOX10 + "}}}",
                        "{loc: {type: 'Point', coordinates: [1]}}", false),
                new Case("pair off the sphere", "{loc: {$geoWithin: {$geometry: " + BOX10 + "}}}", "{loc: [500, 5]}", false),
                // $centerSphere: the manual's 10 miles around a point (radius in radians = miles / 3963.2)
                new Case("centerSphere", "{loc: {$geoWithin: {$centerSphere: [[-88, 30], 0.0025232135647961245]}}}",
                        "{loc: [-88.1, 30.05]}", true),
                new Case("centerSphere outside", "{loc: {$geoWithin: {$centerSphere: [[-88, 30], 0.0025232135647961245]}}}",
                        "{loc: [-88.5, 30]}", false),
                new Case("centerSphere across the antimeridian", "{loc: {$geoWithin: {$centerSphere: [[180, 0], 0.1]}}}",
                        "{loc: [-179, 0]}", true),
                new Case("centerSphere polygon", "{loc: {$geoWithin: {$centerSphere: [[0, 0], 0.5]}}}",
                        "{loc: {type: 'Polygon', coordinates: [[[1,1],[2,1],[2,2],[1,1]]]}}", true),
                // legacy flat shapes
                new Case("$box (manual)", "{loc: {$geoWithin: {$box: [[0, 0], [100, 100]]}}}", "{loc: [100, 50]}", true),
                new Case("$box outside", "{loc: {$geoWithin: {$box: [[0, 0], [100, 100]]}}}", "{loc: [100.1, 50]}", false),
                new Case("$box GeoJSON point", "{loc: {$geoWithin: {$box: [[0, 0], [10, 10]]}}}",
                        "{loc: {type: 'Point', coordinates: [5, 5]}}", true),
                new Case("$box ignores polygons", "{loc: {$geoWithin: {$box: [[0, 0], [10, 10]]}}}",
                        "{loc: {type: 'Polygon', coordinates: [[[1,1],[2,1],[2,2],[1,1]]]}}", false),
                new Case("$polygon (manual)", "{loc: {$geoWithin: {$polygon: [[0, 0], [3, 6], [6, 0]]}}}", "{loc: [3, 3]}", true),
                new Case("$polygon flat edge", "{loc: {$geoWithin: {$polygon: [[0, 0], [10, 0], [10, 10], [0, 10]]}}}",
                        "{loc: [5, 10]}", true),
                new Case("$polygon outside", "{loc: {$geoWithin: {$polygon: [[0, 0], [3, 6], [6, 0]]}}}", "{loc: [5, 5]}", false),
                new Case("$center (manual)", "{loc: {$within: {$center: [[-74, 40.74], 10]}}}", "{loc: [-70, 45]}", true),
                new Case("$center outside", "{loc: {$geoWithin: {$center: [[0, 0], 1]}}}", "{loc: [1, 1]}", false),
                // $geoIntersects
                new Case("intersects (manual)", "{loc: {$geoIntersects: {$geometry: {type: 'Polygon', coordinates: "
                        + "[[[0,0],[3,6],[6,1],[0,0]]]}}}}", "{loc: {type: 'LineString', coordinates: [[-5, 3], [10, 3]]}}", true),
                new Case("intersects point in polygon", "{loc: {$geoIntersects: {$geometry: " + BOX10 + "}}}", "{loc: [5, 5]}", true),
                new Case("intersects polygon overlaps", "{loc: {$geoIntersects: {$geometry: " + BOX10 + "}}}",
                        "{loc: {type: 'Polygon', coordinates: [[[8,8],[20,8],[20,20],[8,20],[8,8]]]}}", true),
                new Case("intersects polygon containing query", "{loc: {$geoIntersects: {$geometry: {type: 'Point', coordinates: [5, 5]}}}}",
                        "{loc: " + BOX10 + "}", true),
                new Case("intersects polygon in the hole", "{loc: {$geoIntersects: {$geometry: " + HOLED + "}}}",
                        "{loc: {type: 'Polygon', coordinates: [[[4.5,4.5],[5.5,4.5],[5.5,5.5],[4.5,4.5]]]}}", false),
                new Case("intersects disjoint", "{loc: {$geoIntersects: {$geometry: " + BOX10 + "}}}",
                        "{loc: {type: 'LineString', coordinates: [[20, 20], [30, 30]]}}", false),
                new Case("intersects crossing lines", "{loc: {$geoIntersects: {$geometry: {type: 'LineString', coordinates: [[0,-1],[0,1]]}}}}",
                        "{loc: {type: 'LineString', coordinates: [[-1, 0], [1, 0]]}}", true),
                new Case("intersects touching line end", "{loc: {$geoIntersects: {$geometry: {type: 'LineString', coordinates: [[0,0],[0,1]]}}}}",
                        "{loc: {type: 'LineString', coordinates: [[0, 0], [1, 0]]}}", true),
                new Case("intersects across the antimeridian", "{loc: {$geoIntersects: {$geometry: {type: 'LineString', "
                        + "coordinates: [[179, 0], [-179, 0]]}}}}", "{loc: {type: 'LineString', coordinates: [[180, -1], [180, 1]]}}", true),
                new Case("intersects the long way round is not", "{loc: {$geoIntersects: {$geometry: {type: 'LineString', "
                        + "coordinates: [[179, 0], [-179, 0]]}}}}", "{loc: [0, 0]}", false),
                new Case("intersects geometry collection", "{loc: {$geoIntersects: {$geometry: " + BOX10 + "}}}",
                        "{loc: {type: 'GeometryCollection', geometries: [{type: 'Point', coordinates: [50, 50]},"
                                + " {type: 'MultiPoint', coordinates: [[60, 60], [5, 5]]}]}}", true),
                // under logical operators (only $near must stay at the top level)
                new Case("$not $geoWithin", "{loc: {$not: {$geoWithin: {$centerSphere: [[0, 0], 0.1]}}}}", "{loc: [50, 50]}", true),
                new Case("$not $geoWithin, inside", "{loc: {$not: {$geoWithin: {$centerSphere: [[0, 0], 0.1]}}}}", "{loc: [0, 0]}", false),
                new Case("$or of $geoWithin", "{$or: [{loc: {$geoWithin: {$box: [[0, 0], [1, 1]]}}}, {loc: {$geoWithin: "
                        + "{$box: [[5, 5], [6, 6]]}}}]}", "{loc: [5.5, 5.5]}", true),
                new Case("$elemMatch with $geoIntersects", "{a: {$elemMatch: {loc: {$geoIntersects: {$geometry: " + BOX10 + "}}, k: 1}}}",
                        "{a: [{loc: [5, 5], k: 2}, {loc: [50, 5], k: 1}, {loc: [6, 6], k: 1}]}", true),
                new Case("$elemMatch with $geoIntersects, no element has both", "{a: {$elemMatch: {loc: {$geoIntersects: {$geometry: "
                        + BOX10 + "}}, k: 1}}}", "{a: [{loc: [5, 5], k: 2}, {loc: [50, 5], k: 1}]}", false),
                // $near as a filter: within the distances
                new Case("near within maxDistance", "{loc: {$near: {$geometry: {type: 'Point', coordinates: [0, 0]}, $maxDistance: 120000}}}",
                        "{loc: [1, 0]}", true),
                new Case("near beyond maxDistance", "{loc: {$near: {$geometry: {type: 'Point', coordinates: [0, 0]}, $maxDistance: 100000}}}",
                        "{loc: [1, 0]}", false),
                new Case("near below minDistance", "{loc: {$nearSphere: {$geometry: {type: 'Point', coordinates: [0, 0]}, $minDistance: 200000}}}",
                        "{loc: [1, 0]}", false),
                new Case("legacy near, flat units", "{loc: {$near: [0, 0], $maxDistance: 5}}", "{loc: [3, 4]}", true),
                new Case("legacy nearSphere, radians", "{loc: {$nearSphere: [0, 0], $maxDistance: 0.0175}}", "{loc: [1, 0]}", true),
                new Case("legacy nearSphere, radians, too far", "{loc: {$nearSphere: [0, 0], $maxDistance: 0.017}}", "{loc: [1, 0]}", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluates(Case c) {
        FilterNode filter = FilterParser.parse(BsonDocument.parse(c.filter()));
        assertEquals(c.matches(), FilterEvaluator.matches(filter, BsonDocument.parse(c.doc())), c.filter() + " on " + c.doc());
    }

    /** A 20,000-vertex ring (a country border's size) parses, is validated and matches in well under the limit. */
    @org.junit.jupiter.api.Test
    void largePolygonsAreNotQuadratic() {
        StringBuilder ring = new StringBuilder("[");
        int n = 20_000;
        for (int i = 0; i <= n; i++) {
            double a = 2 * Math.PI * (i % n) / n;
            ring.append(i == 0 ? "" : ", ").append('[').append(10 * Math.cos(a)).append(", ").append(10 * Math.sin(a)).append(']');
        }
        String filter = "{loc: {$geoWithin: {$geometry: {type: 'Polygon', coordinates: [" + ring + "]]}}}}";
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            FilterNode node = FilterParser.parse(BsonDocument.parse(filter));
            assertTrue(FilterEvaluator.matches(node, BsonDocument.parse("{loc: [1, 1]}")));
            assertTrue(!FilterEvaluator.matches(node, BsonDocument.parse("{loc: [10, 10]}")));
        });
    }

    record Bad(String filter, ErrorCode code, String message) {
        @Override
        public String toString() {
            return filter;
        }
    }

    static Stream<Bad> errors() {
        return Stream.of(
                new Bad("{loc: {$geoWithin: {$geometry: {type: 'Polygon', coordinates: [[[0,0],[1,1],[1,0]]]}}}}", ErrorCode.BAD_VALUE,
                        "Loop is not closed, first vertex does not equal last vertex: [ [ 0, 0 ], [ 1, 1 ], [ 1, 0 ] ]"),
                new Bad("{loc: {$geoWithin: {$geometry: {type: 'Polygon', coordinates: [[[0,0],[1,2],[0,0]]]}}}}", ErrorCode.BAD_VALUE,
                        "Loop must have at least 3 different vertices, 2 unique vertices were provided: [ [ 0, 0 ], [ 1, 2 ], [ 0, 0 ] ]"),
                new Bad("{loc: {$geoWithin: {$geometry: {type: 'Polygon', coordinates: [[[0,0],[2,2],[2,0],[0,2],[0,0]]]}}}}",
                        ErrorCode.BAD_VALUE, null),
                new Bad("{loc: {$geoWithin: {$geometry: {type: 'Polygon', coordinates: 'hi'}}}}", ErrorCode.BAD_VALUE,
                        "Polygon coordinates must be an array, instead got type string"),
                new Bad("{loc: {$geoWithin: {$geometry: {}}}}", ErrorCode.BAD_VALUE, "unknown GeoJSON type: {}"),
                new Bad("{loc: {$geoWithin: {$geometry: 123}}}", ErrorCode.BAD_VALUE, "geometry must be an object"),
                new Bad("{loc: {$geoWithin: {$geometry: {type: 'Point', coordinates: [0, 0]}}}}", ErrorCode.BAD_VALUE,
                        "$geoWithin not supported with provided geometry: { $geometry: { type: \"Point\", coordinates: [ 0, 0 ] } }"),
                new Bad("{loc: {$geoIntersects: {$geometry: {type: 'Point', coordinates: [200, 0]}}}}", ErrorCode.BAD_VALUE,
                        "longitude/latitude is out of bounds, lng: 200 lat: 0"),
                new Bad("{loc: {$geoIntersects: {$geometry: {type: 'Point', coordinates: ['a', 0]}}}}", ErrorCode.BAD_VALUE,
                        "Point must only contain numeric elements, instead got type string"),
                new Bad("{loc: {$geoIntersects: {$geometry: {type: 'LineString', coordinates: [[0, 0]]}}}}", ErrorCode.BAD_VALUE,
                        "GeoJSON LineString must have at least 2 vertices: [ [ 0, 0 ] ]"),
                new Bad("{loc: {$geoIntersects: {$geometry: {type: 'LineString', coordinates: 5}}}}", ErrorCode.BAD_VALUE,
                        "GeoJSON coordinates must be an array of coordinates, instead got type int"),
                new Bad("{loc: {$geoIntersects: {$box: [[0, 0], [1, 1]]}}}", ErrorCode.BAD_VALUE, null),
                new Bad("{loc: {$geoWithin: {$polygon: [[0, 0], [1, 1]]}}}", ErrorCode.BAD_VALUE, "Polygon must have at least 3 points"),
                new Bad("{loc: {$geoWithin: {$center: [[0, 0], -1]}}}", ErrorCode.BAD_VALUE, "radius must be a non-negative number"),
                new Bad("{loc: {$geoWithin: {$square: 1}}}", ErrorCode.BAD_VALUE, "unknown geo specifier: $square: 1"),
                new Bad("{loc: {$geoWithin: {$box: [[0, 0], [1, 1]], $center: [[0, 0], 1]}}}", ErrorCode.BAD_VALUE,
                        "can't parse extra field: $center: [ [ 0, 0 ], 1 ]"),
                new Bad("{loc: {$near: [0, 0], $maxDistance: -1}}", ErrorCode.BAD_VALUE, "$maxDistance must be non-negative"),
                new Bad("{loc: {$maxDistance: 1}}", ErrorCode.BAD_VALUE, "$maxDistance must be used with $near or $nearSphere"),
                new Bad("{$or: [{loc: {$near: [0, 0]}}, {a: 1}]}", ErrorCode.BAD_VALUE, "geoNear must be top-level expr"),
                new Bad("{$nor: [{loc: {$nearSphere: [0, 0]}}]}", ErrorCode.BAD_VALUE, "geoNear must be top-level expr"),
                new Bad("{a: {$elemMatch: {loc: {$near: [0, 0]}}}}", ErrorCode.BAD_VALUE, "geoNear must be top-level expr"),
                new Bad("{a: {$not: {$near: [0, 0]}}}", ErrorCode.BAD_VALUE, null),
                new Bad("{a: {$near: [0, 0]}, b: {$near: [0, 0]}}", ErrorCode.BAD_VALUE, "Too many geoNear expressions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(Bad b) {
        MongoServerException e = assertThrows(MongoServerException.class, () -> FilterParser.parse(BsonDocument.parse(b.filter())));
        assertEquals(b.code(), e.code(), e.getMessage());
        if (b.message() != null) {
            assertEquals(b.message(), e.getMessage());
        } else {
            assertTrue(!e.getMessage().isEmpty());
        }
    }
}
