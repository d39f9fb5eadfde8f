package dev.tusk.query;

import dev.tusk.bson.BsonText;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.geo.GeoParser;
import dev.tusk.geo.GeoPredicate;
import dev.tusk.geo.GeoPredicate.Metric;
import dev.tusk.geo.Geometry;
import dev.tusk.geo.Geometry.Point;
import dev.tusk.geo.SpherePolygon;
import dev.tusk.geo.SphereShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** $geoWithin (and $within), $geoIntersects, $near and $nearSphere with their $minDistance/$maxDistance. */
final class GeoOps {
    /** The operators {@link #near} parses together. */
    static final Set<String> NEAR_PARTS = Set.of("$near", "$nearSphere", "$maxDistance", "$minDistance");

    private GeoOps() {}

    private static MongoServerException bad(String format, Object... args) {
        return ErrorCode.BAD_VALUE.error(String.format(format, args));
    }

    static FilterNode geoWithin(String name, FieldPath path, BsonValue arg) {
        if (!(arg instanceof BsonDocument doc) || doc.isEmpty()) {
            throw bad("%s must be an object", name);
        }
        if (doc.size() > 1) {
            String extra = doc.keySet().stream().skip(1).findFirst().orElseThrow();
            throw bad("can't parse extra field: %s", BsonText.element(extra, doc.get(extra)));
        }
        String shape = doc.getFirstKey();
        BsonValue v = doc.get(shape);
        GeoPredicate predicate = switch (shape) {
            case "$geometry" -> {
                Geometry g = GeoParser.geoJson(geometryObject(v));
                List<SpherePolygon> polygons = new ArrayList<>();
                for (Geometry c : g.components()) {
                    if (!(c instanceof Geometry.Polygon p) || !(g instanceof Geometry.Polygon || isMultiPolygon(v))) {
                        throw bad("%s not supported with provided geometry: %s", name, BsonText.value(doc));
                    }
                    polygons.add(SpherePolygon.of(p));
                }
                yield new GeoPredicate.WithinPolygons(name, g, polygons);
            }
            case "$box" -> {
                List<BsonValue> corners = points(v, "$box");
                if (corners.size() != 2) {
                    throw bad("Point must be an array or object");
                }
                Point a = GeoParser.legacyPoint(corners.get(0), false);
                Point b = GeoParser.legacyPoint(corners.get(1), false);
                yield new GeoPredicate.WithinBox(name, Math.min(a.x(), b.x()), Math.min(a.y(), b.y()),
                        Math.max(a.x(), b.x()), Math.max(a.y(), b.y()));
            }
            case "$polygon" -> {
                List<Point> vertices = points(v, "$polygon").stream().map(p -> GeoParser.legacyPoint(p, false)).toList();
                if (vertices.size() < 3) {
                    throw bad("Polygon must have at least 3 points");
                }
                yield new GeoPredicate.WithinFlatPolygon(name, vertices);
            }
            case "$center", "$centerSphere" -> {
                List<BsonValue> parts = points(v, shape);
                if (parts.size() != 2) {
                    throw bad("%s must be an array of a point and a radius", shape);
                }
                Point center = GeoParser.legacyPoint(parts.get(0), false);
                BsonValue r = parts.get(1);
                double radius = r.isNumber() ? r.asNumber().doubleValue() : Double.NaN;
                if (!(radius >= 0) || Double.isInfinite(radius)) {
                    throw bad("radius must be a non-negative number");
                }
                yield shape.equals("$center") ? new GeoPredicate.WithinCircle(name, center, radius)
                        : new GeoPredicate.WithinCap(name, GeoParser.sphericalPoint(center), radius);
            }
            default -> throw bad("unknown geo specifier: %s", BsonText.element(shape, v));
        };
        return new FilterNode.Geo(path, predicate, Optional.empty());
    }

    private static boolean isMultiPolygon(BsonValue geometry) {
        return geometry.asDocument().get("type").asString().getValue().equals("MultiPolygon");
    }

    private static BsonDocument geometryObject(BsonValue v) {
        if (!(v instanceof BsonDocument d)) {
            throw bad("geometry must be an object");
        }
        return d;
    }

    private static List<BsonValue> points(BsonValue v, String shape) {
        if (!(v instanceof BsonArray a)) {
            throw bad("%s must be an array, instead got type %s", shape, BsonText.typeName(v));
        }
        return a.getValues();
    }

    static FilterNode geoIntersects(FieldPath path, BsonValue arg) {
        if (!(arg instanceof BsonDocument doc) || !doc.containsKey("$geometry")) {
            throw bad("$geoIntersects not supported with provided geometry: %s", BsonText.value(arg));
        }
        if (doc.size() > 1) {
            throw bad("$geoIntersects not supported with provided geometry: %s", BsonText.value(arg));
        }
        Geometry g = GeoParser.geoJson(geometryObject(doc.get("$geometry")));
        return new FilterNode.Geo(path, new GeoPredicate.Intersects("$geoIntersects", g, SphereShape.of(g)), Optional.empty());
    }

    /** {@code {$near | $nearSphere: point, $minDistance, $maxDistance}} and any other operators of the same field. */
    static FilterNode near(FieldPath path, BsonDocument ops) {
        String name = ops.containsKey("$near") ? "$near" : "$nearSphere";
        if (ops.containsKey("$near") && ops.containsKey("$nearSphere")) {
            throw bad("Too many geoNear expressions");
        }
        BsonValue arg = ops.get(name);
        Double min = distanceOption(ops, "$minDistance");
        Double max = distanceOption(ops, "$maxDistance");
        Point point;
        boolean geoJson;
        if (arg instanceof BsonDocument d && d.containsKey("$geometry")) {
            geoJson = true;
            for (Map.Entry<String, BsonValue> e : d.entrySet()) {
                switch (e.getKey()) {
                    case "$geometry" -> { }
                    case "$minDistance" -> min = distance(e.getValue(), "$minDistance");
                    case "$maxDistance" -> max = distance(e.getValue(), "$maxDistance");
                    default -> throw bad("invalid argument in geo near query: %s", e.getKey());
                }
            }
            BsonValue geometry = d.get("$geometry");
            if (!(geometry instanceof BsonDocument g) || !g.containsKey("type")) {
                throw bad("invalid point in geo near query $geometry argument: %s", BsonText.value(geometry));
            }
            Geometry parsed;
            try {
                parsed = GeoParser.geoJson(g);
            } catch (MongoServerException e) {
                throw bad("invalid point in geo near query $geometry argument: %s  %s", BsonText.value(geometry), e.getMessage());
            }
            if (!(parsed instanceof Point p)) {
                throw bad("$near requires a point, given %s", BsonText.value(geometry));
            }
            point = p;
        } else {
            geoJson = false;
            if (!(arg instanceof BsonArray) && !(arg instanceof BsonDocument)) {
                throw bad("near must be first in: %s", BsonText.value(ops));
            }
            point = GeoParser.legacyPoint(arg, false);
            if (name.equals("$nearSphere")) {
                GeoParser.sphericalPoint(point);
            }
        }
        Metric metric = geoJson ? Metric.METRES : name.equals("$near") ? Metric.FLAT : Metric.RADIANS;
        if (max != null && min != null && min > max) {
            throw bad("$minDistance must be less than or equal to $maxDistance");
        }
        FilterNode geo = new FilterNode.Geo(path, new GeoPredicate.Near(name, point, metric, min == null ? 0 : min,
                max == null ? OptionalDouble.empty() : OptionalDouble.of(max), geoJson), Optional.empty());
        List<FilterNode> children = new ArrayList<>(List.of(geo));
        for (Map.Entry<String, BsonValue> e : ops.entrySet()) {
            if (!NEAR_PARTS.contains(e.getKey())) {
                children.add(QueryOperators.parseFieldOperator(e.getKey(), path, e.getValue()));
            }
        }
        return FilterParser.combine(children);
    }

    private static Double distanceOption(BsonDocument ops, String name) {
        return ops.containsKey(name) ? distance(ops.get(name), name) : null;
    }

    private static double distance(BsonValue v, String name) {
        if (!v.isNumber()) {
            throw bad("%s must be a number", name);
        }
        double d = v.asNumber().doubleValue();
        if (!(d >= 0)) {
            throw bad("%s must be non-negative", name);
        }
        return d;
    }
}
