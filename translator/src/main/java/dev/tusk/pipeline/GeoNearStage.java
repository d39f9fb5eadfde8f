package dev.tusk.pipeline;

import dev.tusk.bson.BsonText;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.geo.GeoParser;
import dev.tusk.geo.GeoPredicate;
import dev.tusk.geo.GeoPredicate.Metric;
import dev.tusk.geo.Geometry;
import dev.tusk.geo.Geometry.Point;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import dev.tusk.query.GeoFilters;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonValue;

/**
 * $geoNear: the documents near a point, nearest first, each with its distance (times
 * distanceMultiplier) in distanceField and, with includeLocs, the location it was measured to. It
 * reads the collection through a geospatial index, so it is the first stage and the collection read
 * runs {@link #filter()} (the query and the $near it stands for); {@code path} is the indexed field,
 * from {@code key} or the collection's one geo index. Run here it also filters and sorts, so its
 * output is right whatever reaches it.
 */
public record GeoNearStage(Point near, boolean geoJson, boolean spherical, String distanceField, OptionalDouble minDistance,
        OptionalDouble maxDistance, FilterNode query, Optional<String> includeLocs, double distanceMultiplier,
        Optional<String> key, Optional<FilterNode.Geo> bound) implements Stage {

    static GeoNearStage parse(BsonValue v, dev.tusk.expr.ParseContext cx) {
        if (!v.isDocument()) {
            throw ErrorCode.LOCATION_10065.error("invalid parameter: expected an object ($geoNear)");
        }
        BsonDocument spec = v.asDocument();
        Point near = null;
        boolean geoJson = false;
        boolean spherical = false;
        String distanceField = null;
        OptionalDouble min = OptionalDouble.empty();
        OptionalDouble max = OptionalDouble.empty();
        FilterNode query = new FilterNode.AlwaysTrue();
        Optional<String> includeLocs = Optional.empty();
        double multiplier = 1;
        Optional<String> key = Optional.empty();
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            BsonValue value = e.getValue();
            switch (e.getKey()) {
                case "near" -> {
                    if (value instanceof BsonDocument d && d.containsKey("type")) {
                        Geometry g = GeoParser.geoJson(d);
                        if (!(g instanceof Point p)) {
                            throw ErrorCode.BAD_VALUE.error("$geoNear requires near to be a GeoJSON Point: %s", BsonText.value(value));
                        }
                        near = p;
                        geoJson = true;
                    } else if (value.isArray() || value.isDocument()) {
                        near = GeoParser.legacyPoint(value, false);
                    } else {
                        throw ErrorCode.BAD_VALUE.error("$geoNear requires near argument to be a GeoJSON object or a legacy point(array)");
                    }
                }
                case "distanceField" -> {
                    if (!value.isString()) {
                        throw ErrorCode.TYPE_MISMATCH.error("distanceField must be a string");
                    }
                    distanceField = value.asString().getValue();
                }
                case "spherical" -> spherical = value.isBoolean() ? value.asBoolean().getValue() : value.isNumber() && value.asNumber().doubleValue() != 0;
                case "minDistance" -> min = OptionalDouble.of(distance(value, "minDistance"));
                case "maxDistance" -> max = OptionalDouble.of(distance(value, "maxDistance"));
                case "query" -> {
                    if (!value.isDocument()) {
                        throw ErrorCode.TYPE_MISMATCH.error("query must be an object");
                    }
                    query = FilterParser.parse(value.asDocument(), cx.variables());
                    if (GeoFilters.near(query).isPresent()) {
                        throw ErrorCode.BAD_VALUE.error("$near is not allowed inside the query of $geoNear");
                    }
                }
                case "includeLocs" -> {
                    if (!value.isString()) {
                        throw ErrorCode.TYPE_MISMATCH.error("includeLocs must be a string");
                    }
                    includeLocs = Optional.of(value.asString().getValue());
                }
                case "distanceMultiplier" -> {
                    if (!value.isNumber() || value.asNumber().doubleValue() < 0) {
                        throw ErrorCode.BAD_VALUE.error("distanceMultiplier must be a non-negative number");
                    }
                    multiplier = value.asNumber().doubleValue();
                }
                case "key" -> {
                    if (!value.isString() || value.asString().getValue().isEmpty()) {
                        throw ErrorCode.BAD_VALUE.error("$geoNear parameter 'key' must be a non-empty string");
                    }
                    key = Optional.of(value.asString().getValue());
                }
                default -> throw ErrorCode.BAD_VALUE.error("Unknown argument to $geoNear: %s", e.getKey());
            }
        }
        if (near == null) {
            throw ErrorCode.BAD_VALUE.error("$geoNear requires a 'near' option as an Array");
        }
        if (distanceField == null) {
            throw ErrorCode.BAD_VALUE.error("$geoNear requires a 'distanceField' option as a String");
        }
        if (spherical && !geoJson) {
            GeoParser.sphericalPoint(near);
        }
        return new GeoNearStage(near, geoJson, spherical, distanceField, min, max, query, includeLocs, multiplier, key,
                Optional.empty());
    }

    private static double distance(BsonValue v, String name) {
        if (!v.isNumber()) {
            throw ErrorCode.TYPE_MISMATCH.error("%s must be a number", name);
        }
        double d = v.asNumber().doubleValue();
        if (!(d >= 0)) {
            throw ErrorCode.BAD_VALUE.error("%s must be nonnegative", name);
        }
        return d;
    }

    /**
     * The stage bound to the geo index's field: GeoJSON points measure metres; legacy ones radians
     * when spherical (or the index is a 2dsphere one), flat units on a 2d index otherwise.
     */
    public GeoNearStage on(String path, boolean sphericalIndex) {
        Metric metric = geoJson ? Metric.METRES : spherical || sphericalIndex ? Metric.RADIANS : Metric.FLAT;
        GeoPredicate.Near predicate = new GeoPredicate.Near("$geoNear", near, metric, minDistance.orElse(0), maxDistance, geoJson);
        return new GeoNearStage(near, geoJson, spherical, distanceField, minDistance, maxDistance, query, includeLocs,
                distanceMultiplier, key, Optional.of(new FilterNode.Geo(FieldPath.parse(path), predicate, Optional.empty())));
    }

    /** What the collection read must run: the query and the $near on the index's field. */
    public FilterNode filter() {
        FilterNode.Geo geo = bound.orElseThrow(GeoNearStage::unbound);
        return query instanceof FilterNode.AlwaysTrue ? geo : new FilterNode.And(List.of(geo, query));
    }

    private static MongoServerException unbound() {
        return ErrorCode.NOT_IMPLEMENTED.error("$geoNear is only supported by Tusk as the first stage of a collection's pipeline");
    }

    /** A copy whose documents (not arrays) can take new fields: those read from PostgreSQL are immutable raw BSON. */
    private static BsonDocument mutable(BsonDocument doc) {
        BsonDocument out = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            out.put(e.getKey(), e.getValue() instanceof BsonDocument sub ? mutable(sub) : e.getValue());
        }
        return out;
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        FilterNode.Geo geo = bound.orElseThrow(GeoNearStage::unbound);
        FilterNode filter = filter();
        List<Map.Entry<Double, BsonDocument>> found = new ArrayList<>();
        while (input.hasNext()) {
            BsonDocument d = input.next();
            if (FilterEvaluator.matches(filter, d)) {
                found.add(Map.entry(GeoFilters.distance(geo, d).orElse(Double.POSITIVE_INFINITY), d));
            }
        }
        found.sort(Map.Entry.comparingByKey());
        List<BsonDocument> out = new ArrayList<>();
        for (Map.Entry<Double, BsonDocument> e : found) {
            BsonDocument d = mutable(e.getValue());
            StagePaths.set(d, distanceField, new BsonDouble(e.getKey() * distanceMultiplier));
            Optional<BsonValue> location = GeoFilters.nearestLocation(geo, e.getValue());
            includeLocs.ifPresent(field -> location.ifPresent(loc -> StagePaths.set(d, field, loc)));
            out.add(new dev.tusk.geo.NearDocument(d, e.getKey(), location.orElse(null)));
        }
        return out.iterator();
    }
}
