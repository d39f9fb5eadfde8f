package dev.tusk.index;

import dev.tusk.bson.BsonText;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.geo.Box;
import dev.tusk.geo.GeoBounds;
import dev.tusk.geo.GeoParser;
import dev.tusk.geo.GeoPredicate;
import dev.tusk.geo.GeoValue;
import dev.tusk.geo.Geometry;
import dev.tusk.geo.Geometry.Point;
import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A "2dsphere" or "2d" index: its geo field and the grid its cells come from. A 2dsphere index keys
 * each geometry by the cells covering it (a point by its finest cell); a 2d index keys legacy points
 * only, on the flat grid of its min/max/bits options. Other fields of a compound geo index add no
 * keys: the index narrows by location only and the re-check decides the rest.
 */
public record GeoIndexSpec(String field, boolean spherical, GeoCells grid) {

    /** The geo index a key pattern describes, if it has a "2dsphere" or "2d" field. */
    public static Optional<GeoIndexSpec> of(BsonDocument key, BsonDocument spec) {
        for (Map.Entry<String, BsonValue> e : key.entrySet()) {
            if (e.getValue().isString() && e.getValue().asString().getValue().equals("2dsphere")) {
                return Optional.of(new GeoIndexSpec(e.getKey(), true, GeoCells.SPHERE));
            }
            if (e.getValue().isString() && e.getValue().asString().getValue().equals("2d")) {
                double min = number(spec, "min", -180);
                double max = number(spec, "max", 180);
                int bits = (int) number(spec, "bits", 26);
                return Optional.of(new GeoIndexSpec(e.getKey(), false, new GeoCells(min, min, max, max, Math.min(bits, GeoCells.MAX_LEVEL))));
            }
        }
        return Optional.empty();
    }

    private static double number(BsonDocument spec, String name, double fallback) {
        BsonValue v = spec.get(name);
        return v != null && v.isNumber() ? v.asNumber().doubleValue() : fallback;
    }

    /** createIndexes checks of a geo key pattern and its options (MongoDB 7.0's rules and messages). */
    static void check(BsonDocument key, BsonDocument spec) {
        long twoD = key.values().stream().filter(v -> v.isString() && v.asString().getValue().equals("2d")).count();
        long sphere = key.values().stream().filter(v -> v.isString() && v.asString().getValue().equals("2dsphere")).count();
        if (twoD == 0 && sphere == 0) {
            return;
        }
        if (twoD > 1) {
            throw ErrorCode.LOCATION_16800.error("can't have 2 geo fields");
        }
        if (twoD == 1 && !(key.get(key.getFirstKey()).isString() && key.get(key.getFirstKey()).asString().getValue().equals("2d"))) {
            throw ErrorCode.LOCATION_16801.error("2d has to be first in index");
        }
        if (twoD == 1 && sphere == 1) {
            throw ErrorCode.CANNOT_CREATE_INDEX.error("Can't use more than one index plugin for a single index.");
        }
        if (twoD == 1 && truthy(spec.get("unique")) || sphere > 0 && truthy(spec.get("unique"))) {
            throw ErrorCode.CANNOT_CREATE_INDEX.error("Index type '%s' does not support the 'unique' option", twoD == 1 ? "2d" : "2dsphere");
        }
        if (twoD == 1) {
            double min = number(spec, "min", -180);
            double max = number(spec, "max", 180);
            BsonValue bits = spec.get("bits");
            if (bits != null && (!bits.isNumber() || bits.asNumber().doubleValue() < 1 || bits.asNumber().doubleValue() > 32)) {
                throw ErrorCode.LOCATION_16803.error("bits in geo index must be between 1 and 32");
            }
            if (!(max > min)) {
                throw ErrorCode.BAD_VALUE.error("region has to be greater than zero");
            }
        }
        BsonValue version = spec.get("2dsphereIndexVersion");
        if (sphere == 1 && version != null) {
            double v = version.isNumber() ? version.asNumber().doubleValue() : -1;
            if (v != 1 && v != 2 && v != 3) {
                throw ErrorCode.CANNOT_CREATE_INDEX.error("unsupported geo index version { 2dsphereIndexVersion : %s }, only support versions: [1,2,3]",
                        BsonText.value(version));
            }
        }
    }

    private static boolean truthy(BsonValue v) {
        return v != null && (v.isBoolean() ? v.asBoolean().getValue() : v.isNumber() && v.asNumber().doubleValue() != 0);
    }

    /**
     * The document's cell keys; none when the field is missing or null. Bad geometry is MongoDB's
     * 16755 "Can't extract geo keys" (2dsphere) or 13026/13027 (2d).
     */
    public Set<ByteBuffer> keys(BsonDocument doc) {
        Set<ByteBuffer> keys = new LinkedHashSet<>();
        for (BsonValue v : dev.tusk.query.ReachedValues.unexpanded(doc, FieldPath.parse(field))) {
            if (v.isNull() || v.isArray() && v.asArray().isEmpty()) {
                continue;
            }
            if (spherical) {
                List<GeoValue> values;
                try {
                    values = GeoParser.documentValues(v);
                    for (GeoValue g : values) {
                        for (Geometry c : g.geometry().components()) {
                            if (c instanceof Point p) {
                                keys.add(ByteBuffer.wrap(grid.pointKey(GeoParser.sphericalPoint(p))));
                            } else {
                                grid.coverKeys(GeoBounds.ofComponent(c)).forEach(k -> keys.add(ByteBuffer.wrap(k)));
                            }
                        }
                    }
                } catch (MongoServerException e) {
                    if (e.code() != ErrorCode.BAD_VALUE) {
                        throw e;
                    }
                    throw ErrorCode.LOCATION_16755.error("Can't extract geo keys: %s  %s", BsonText.value(doc), e.getMessage());
                }
            } else {
                keys.addAll(flatKeys(doc, v));
            }
        }
        return keys;
    }

    private Set<ByteBuffer> flatKeys(BsonDocument doc, BsonValue v) {
        Set<ByteBuffer> keys = new LinkedHashSet<>();
        if (!v.isArray() && !v.isDocument()) {
            return keys;
        }
        List<BsonValue> points = v.isArray() && !v.asArray().isEmpty() && (v.asArray().get(0).isArray() || v.asArray().get(0).isDocument())
                ? v.asArray().getValues() : List.of(v);
        for (BsonValue p : points) {
            Point point;
            try {
                if (p.isDocument() && p.asDocument().containsKey("type")) {
                    throw ErrorCode.BAD_VALUE.error("GeoJSON");
                }
                point = GeoParser.legacyPoint(p, true);
            } catch (MongoServerException e) {
                throw ErrorCode.LOCATION_13026.error("geo values must be 'legacy coordinate pairs' for 2d indexes");
            }
            if (point.x() < grid.minX() || point.x() >= grid.maxX() || point.y() < grid.minY() || point.y() >= grid.maxY()) {
                throw ErrorCode.LOCATION_13027.error("point not in interval of [ %s, %s ) :: caused by :: %s",
                        num(grid.minX()), num(grid.maxX()), BsonText.value(doc));
            }
            keys.add(ByteBuffer.wrap(grid.pointKey(point)));
        }
        return keys;
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** The key ranges of the cells covering a predicate's region; the whole index when it has no bound. */
    public List<KeyRange> ranges(GeoPredicate predicate) {
        Optional<List<Box>> boxes = GeoBounds.of(predicate);
        return boxes.map(b -> grid.coverRanges(b, spherical)).orElseGet(() -> List.of(GeoCells.ALL));
    }
}
