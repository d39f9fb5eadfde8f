package dev.tusk.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed geometry: GeoJSON or a legacy coordinate pair. Coordinates are (x, y); on the sphere x is
 * the longitude and y the latitude, in degrees. Polygon rings are kept open (the closing vertex that
 * repeats the first is dropped); the first ring is the exterior, the others are holes.
 */
public sealed interface Geometry {

    record Point(double x, double y) implements Geometry {}

    record LineString(List<Point> points) implements Geometry {
        public LineString {
            points = List.copyOf(points);
        }
    }

    record Polygon(List<List<Point>> rings) implements Geometry {
        public Polygon {
            rings = rings.stream().map(List::copyOf).toList();
        }
    }

    /** MultiPoint, MultiLineString, MultiPolygon and GeometryCollection: their parts. */
    record Multi(List<Geometry> parts) implements Geometry {
        public Multi {
            parts = List.copyOf(parts);
        }
    }

    /** The points, lines and polygons this geometry is made of (collections flattened). */
    default List<Geometry> components() {
        List<Geometry> out = new ArrayList<>();
        addComponents(this, out);
        return out;
    }

    private static void addComponents(Geometry g, List<Geometry> out) {
        if (g instanceof Multi m) {
            m.parts().forEach(p -> addComponents(p, out));
        } else {
            out.add(g);
        }
    }
}
