package dev.tusk.geo;

import dev.tusk.error.MongoServerException;
import dev.tusk.geo.Geometry.Point;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What a geospatial query operator asks of a field's geometries. Spherical predicates treat legacy
 * pairs as (longitude, latitude); flat ones ($box, $polygon, $center, $near on a pair) only match
 * points, legacy or GeoJSON, as MongoDB.
 */
public sealed interface GeoPredicate {

    /** The operator's name as the user wrote it, for messages and explain. */
    String operator();

    /** True if one of the field's geometries satisfies the predicate. */
    default boolean matches(List<GeoValue> values) {
        for (GeoValue v : values) {
            try {
                if (test(v)) {
                    return true;
                }
            } catch (MongoServerException e) { // not a geometry this predicate can use (e.g. a pair off the sphere)
                continue;
            }
        }
        return false;
    }

    boolean test(GeoValue value);

    /** $geoWithin $geometry (Polygon or MultiPolygon), spherical. */
    record WithinPolygons(String operator, Geometry geometry, List<SpherePolygon> polygons) implements GeoPredicate {
        public boolean test(GeoValue v) {
            return SphereShape.of(v.geometry()).within(polygons);
        }
    }

    /** $geoWithin $centerSphere: within {@code radius} radians of the centre. */
    record WithinCap(String operator, Point center, double radius) implements GeoPredicate {
        public boolean test(GeoValue v) {
            return SphereShape.of(v.geometry()).withinCap(Sphere.vector(center), radius);
        }
    }

    /** $geoWithin $box: a flat rectangle, edges included. */
    record WithinBox(String operator, double minX, double minY, double maxX, double maxY) implements GeoPredicate {
        public boolean test(GeoValue v) {
            return v.geometry() instanceof Point p && p.x() >= minX && p.x() <= maxX && p.y() >= minY && p.y() <= maxY;
        }
    }

    /** $geoWithin $polygon: a flat polygon, edges included. */
    record WithinFlatPolygon(String operator, List<Point> vertices) implements GeoPredicate {
        public boolean test(GeoValue v) {
            if (!(v.geometry() instanceof Point p)) {
                return false;
            }
            double[][] ring = vertices.stream().map(q -> new double[] {q.x(), q.y()}).toArray(double[][]::new);
            return Planar.locate(ring, new double[] {p.x(), p.y()}, 1e-12) >= 0;
        }
    }

    /** $geoWithin $center: a flat circle, edge included. */
    record WithinCircle(String operator, Point center, double radius) implements GeoPredicate {
        public boolean test(GeoValue v) {
            return v.geometry() instanceof Point p && Math.hypot(p.x() - center.x(), p.y() - center.y()) <= radius;
        }
    }

    /** $geoIntersects $geometry, spherical. */
    record Intersects(String operator, Geometry geometry, SphereShape shape) implements GeoPredicate {
        public boolean test(GeoValue v) {
            return SphereShape.of(v.geometry()).intersects(shape);
        }
    }

    /** How $near measures: flat units, radians on the unit sphere, or metres on the earth. */
    enum Metric { FLAT, RADIANS, METRES }

    /**
     * $near / $nearSphere: documents within [min, max] of the point, nearest first. {@code geoJson}
     * when the point was given as GeoJSON (then a 2dsphere index is required).
     */
    record Near(String operator, Point point, Metric metric, double min, OptionalDouble max, boolean geoJson)
            implements GeoPredicate {
        public boolean test(GeoValue v) {
            double d = distance(v);
            return d >= min && (max.isEmpty() || d <= max.getAsDouble());
        }

        /** The distance from the query point to the geometry, in this query's metric. */
        public double distance(GeoValue v) {
            if (metric == Metric.FLAT) {
                if (v.geometry() instanceof Point p) {
                    return Math.hypot(p.x() - point.x(), p.y() - point.y());
                }
                return Double.POSITIVE_INFINITY;
            }
            double radians = SphereShape.of(v.geometry()).distance(Sphere.vector(point));
            return metric == Metric.METRES ? radians * Sphere.EARTH_RADIUS_METRES : radians;
        }

        /** The smallest distance to one of the geometries within [min, max], if any. */
        public OptionalDouble nearest(List<GeoValue> values) {
            double best = Double.POSITIVE_INFINITY;
            for (GeoValue v : values) {
                try {
                    if (test(v)) {
                        best = Math.min(best, distance(v));
                    }
                } catch (MongoServerException e) {
                    continue;
                }
            }
            return best == Double.POSITIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(best);
        }
    }
}
