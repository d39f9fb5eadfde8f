package dev.tusk.geo;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.geo.Geometry.LineString;
import dev.tusk.geo.Geometry.Multi;
import dev.tusk.geo.Geometry.Point;
import dev.tusk.geo.Geometry.Polygon;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Parses GeoJSON objects and legacy coordinate pairs with MongoDB 7.0's validation and messages
 * (geoparser.cpp): all errors are 2 BadValue; index key generation wraps them in 16755.
 */
public final class GeoParser {
    private GeoParser() {}

    private static MongoServerException bad(String format, Object... args) {
        return ErrorCode.BAD_VALUE.error(args.length == 0 ? format : String.format(format, args));
    }

    /** A legacy pair: an array or object whose first two values are numbers. */
    public static Point legacyPoint(BsonValue v, boolean allowMore) {
        Iterator<BsonValue> it;
        if (v instanceof BsonArray a) {
            it = a.iterator();
        } else if (v instanceof BsonDocument d) {
            it = d.values().iterator();
        } else {
            throw bad("Point must be an array or object, instead got type %s", BsonText.typeName(v));
        }
        double x = number(it);
        double y = number(it);
        if (!allowMore && it.hasNext()) {
            throw bad("Point must only contain two numeric elements");
        }
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw bad("Point coordinates must be finite numbers");
        }
        return new Point(x, y);
    }

    private static double number(Iterator<BsonValue> it) {
        if (!it.hasNext()) {
            throw bad("Point must only contain numeric elements, instead got type missing");
        }
        BsonValue v = it.next();
        if (v.isNumber()) {
            return v.asNumber().doubleValue();
        }
        if (v.isDecimal128()) {
            return v.asDecimal128().doubleValue(); // NaN and infinities too (refused below as not finite)
        }
        throw bad("Point must only contain numeric elements, instead got type %s", BsonText.typeName(v));
    }

    /** True if the value looks like a legacy pair rather than a GeoJSON object or an array of geometries. */
    static boolean isLegacyShape(BsonValue v) {
        if (v instanceof BsonArray a) {
            return !a.isEmpty() && (a.get(0).isNumber() || a.get(0).isDecimal128());
        }
        return v instanceof BsonDocument d && !d.containsKey("type");
    }

    /** A legacy point checked for the sphere (longitude and latitude within bounds). */
    public static Point sphericalPoint(Point p) {
        if (p.x() < -180 || p.x() > 180 || p.y() < -90 || p.y() > 90) {
            throw bad("longitude/latitude is out of bounds, lng: %s lat: %s", num(p.x()), num(p.y()));
        }
        return p;
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** A GeoJSON object ({@code type} and {@code coordinates}, or {@code geometries} for a collection). */
    public static Geometry geoJson(BsonDocument doc) {
        BsonValue type = doc.get("type");
        String name = type != null && type.isString() ? type.asString().getValue() : "";
        checkCrs(doc);
        if (name.equals("GeometryCollection")) {
            BsonValue geometries = doc.get("geometries");
            if (geometries == null || !geometries.isArray()) {
                throw bad("GeometryCollection geometries must be an array, instead got type %s",
                        geometries == null ? "missing" : BsonText.typeName(geometries));
            }
            List<Geometry> parts = new ArrayList<>();
            int i = 0;
            for (BsonValue g : geometries.asArray()) {
                if (!g.isDocument()) {
                    throw bad("Element %d of \"geometries\" must be an object, instead got type %s: %s", i,
                            BsonText.typeName(g), BsonText.value(g));
                }
                parts.add(geoJson(g.asDocument()));
                i++;
            }
            return new Multi(parts);
        }
        BsonValue coordinates = doc.get("coordinates");
        return switch (name) {
            case "Point" -> {
                if (coordinates == null) {
                    throw bad("Point must be an array or object, instead got type missing");
                }
                yield sphericalPoint(legacyPoint(coordinates, false));
            }
            case "LineString" -> lineString(coordinates);
            case "Polygon" -> polygon(coordinates, "Polygon");
            case "MultiPoint" -> {
                List<Point> points = coordinateList(coordinates);
                if (points.isEmpty()) {
                    throw bad("MultiPoint coordinates must have at least 1 element");
                }
                yield new Multi(new ArrayList<Geometry>(points));
            }
            case "MultiLineString" -> new Multi(arrayOf(coordinates, "MultiLineString").stream().map(GeoParser::lineString)
                    .map(Geometry.class::cast).toList());
            case "MultiPolygon" -> new Multi(arrayOf(coordinates, "MultiPolygon").stream().map(c -> polygon(c, "Polygon"))
                    .map(Geometry.class::cast).toList());
            default -> throw bad("unknown GeoJSON type: %s", BsonText.value(doc));
        };
    }

    private static void checkCrs(BsonDocument doc) {
        BsonValue crs = doc.get("crs");
        if (crs == null) {
            return;
        }
        if (!crs.isDocument() || !crs.asDocument().containsKey("properties") || !crs.asDocument().get("properties").isDocument()) {
            throw bad("CRS must have field \"properties\" which is an object, instead got type missing");
        }
        BsonValue name = crs.asDocument().getDocument("properties").get("name");
        if (name == null || !name.isString()) {
            throw bad("In CRS, \"properties.name\" must be a string, instead got type missing");
        }
        String n = name.asString().getValue();
        if (n.equals("urn:x-mongodb:crs:strictwinding:EPSG:4326")) {
            throw ErrorCode.NOT_IMPLEMENTED.error("big polygons (the strictwinding CRS) are not supported by Tusk yet");
        }
        if (!n.equals("urn:ogc:def:crs:OGC:1.3:CRS84") && !n.equals("EPSG:4326")) {
            throw bad("Unknown CRS name: %s", n);
        }
    }

    private static List<BsonValue> arrayOf(BsonValue v, String what) {
        if (!(v instanceof BsonArray a)) {
            throw bad("%s coordinates must be an array, instead got type %s", what, v == null ? "missing" : BsonText.typeName(v));
        }
        return a.getValues();
    }

    private static List<Point> coordinateList(BsonValue v) {
        if (!(v instanceof BsonArray a)) {
            throw bad("GeoJSON coordinates must be an array of coordinates, instead got type %s",
                    v == null ? "missing" : BsonText.typeName(v));
        }
        List<Point> out = new ArrayList<>();
        for (BsonValue c : a) {
            if (!c.isArray()) {
                throw bad("GeoJSON coordinates must be an array, instead got type %s", BsonText.typeName(c));
            }
            out.add(sphericalPoint(legacyPoint(c, false)));
        }
        return out;
    }

    private static LineString lineString(BsonValue coordinates) {
        List<Point> points = coordinateList(coordinates);
        if (points.size() < 2) {
            throw bad("GeoJSON LineString must have at least 2 vertices: %s", BsonText.value(coordinates));
        }
        return new LineString(points);
    }

    private static Polygon polygon(BsonValue coordinates, String what) {
        List<BsonValue> loops = arrayOf(coordinates, what);
        if (loops.isEmpty()) {
            throw bad("Polygon has no loops.");
        }
        List<List<Point>> rings = new ArrayList<>();
        for (BsonValue loop : loops) {
            List<Point> ring = coordinateList(loop);
            if (ring.isEmpty()) {
                throw bad("Loop has no vertices: %s", BsonText.value(loop));
            }
            if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
                throw bad("Loop is not closed, first vertex does not equal last vertex: %s", BsonText.value(loop));
            }
            List<Point> open = new ArrayList<>();
            for (Point p : ring.subList(0, ring.size() - 1)) {
                if (open.isEmpty() || !open.get(open.size() - 1).equals(p)) {
                    open.add(p);
                }
            }
            if (open.size() > 1 && open.get(open.size() - 1).equals(open.get(0))) {
                open.remove(open.size() - 1);
            }
            Set<Point> unique = new LinkedHashSet<>(open);
            if (unique.size() < 3) {
                throw bad("Loop must have at least 3 different vertices, %d unique vertices were provided: %s",
                        unique.size(), BsonText.value(loop));
            }
            rings.add(open);
        }
        Polygon polygon = new Polygon(rings);
        SpherePolygon.validate(polygon, coordinates);
        return polygon;
    }

    /**
     * The geometries a document's value holds, for matching and index keys: a legacy pair, a GeoJSON
     * object, or an array of these (multikey). Throws BadValue for a value that is not one.
     */
    public static List<GeoValue> documentValues(BsonValue v) {
        List<GeoValue> out = new ArrayList<>();
        if (isLegacyShape(v)) {
            out.add(new GeoValue(legacyPoint(v, true), true));
        } else if (v instanceof BsonDocument d) {
            out.add(new GeoValue(geoJson(d), false));
        } else if (v instanceof BsonArray a) {
            for (BsonValue element : a) {
                if (isLegacyShape(element)) {
                    out.add(new GeoValue(legacyPoint(element, true), true));
                } else if (element instanceof BsonDocument d) {
                    out.add(new GeoValue(geoJson(d), false));
                } else {
                    throw bad("geo element must be an array or object: %s", BsonText.value(element));
                }
            }
        } else {
            throw bad("geo element must be an array or object: %s", BsonText.value(v));
        }
        return out;
    }
}
