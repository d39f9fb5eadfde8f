package dev.tusk.geo;

import dev.tusk.geo.Geometry.LineString;
import dev.tusk.geo.Geometry.Point;
import dev.tusk.geo.Geometry.Polygon;
import java.util.ArrayList;
import java.util.List;

/** A geometry on the sphere as its points, polylines and polygons, with the predicates queries need. */
public final class SphereShape {
    final List<double[]> points = new ArrayList<>();
    final List<double[][]> lines = new ArrayList<>();
    final List<SpherePolygon> polygons = new ArrayList<>();

    private SphereShape() {}

    public static SphereShape of(Geometry g) {
        SphereShape s = new SphereShape();
        for (Geometry c : g.components()) {
            switch (c) {
                case Point p -> s.points.add(Sphere.vector(GeoParser.sphericalPoint(p)));
                case LineString l -> s.lines.add(l.points().stream().map(Sphere::vector).toArray(double[][]::new));
                case Polygon p -> s.polygons.add(SpherePolygon.of(p));
                case Geometry.Multi m -> throw new IllegalStateException("components are flattened");
            }
        }
        return s;
    }

    /** True if the two shapes share any point (boundaries included), as $geoIntersects. */
    public boolean intersects(SphereShape o) {
        return touches(this, o) || touches(o, this) || polygonsOverlap(o);
    }

    /** Points and lines of a against every part of b. */
    private static boolean touches(SphereShape a, SphereShape b) {
        for (double[] p : a.points) {
            for (double[] q : b.points) {
                if (Sphere.angle(p, q) <= Sphere.EPS) {
                    return true;
                }
            }
            for (double[][] line : b.lines) {
                for (int i = 0; i + 1 < line.length; i++) {
                    if (Sphere.onArc(p, line[i], line[i + 1])) {
                        return true;
                    }
                }
            }
            for (SpherePolygon poly : b.polygons) {
                if (poly.contains(p)) {
                    return true;
                }
            }
        }
        for (double[][] line : a.lines) {
            for (int i = 0; i + 1 < line.length; i++) {
                double[] x = line[i];
                double[] y = line[i + 1];
                for (double[][] other : b.lines) {
                    for (int j = 0; j + 1 < other.length; j++) {
                        if (Sphere.arcsIntersect(x, y, other[j], other[j + 1])) {
                            return true;
                        }
                    }
                }
                for (SpherePolygon poly : b.polygons) {
                    if (poly.contains(x) || poly.contains(y) || edgeHitsPolygon(x, y, poly)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean edgeHitsPolygon(double[] x, double[] y, SpherePolygon poly) {
        boolean[] hit = {false};
        poly.forEachEdge((a, b) -> hit[0] = Sphere.arcsIntersect(x, y, a, b));
        return hit[0];
    }

    private boolean polygonsOverlap(SphereShape o) {
        for (SpherePolygon p : polygons) {
            for (SpherePolygon q : o.polygons) {
                if (anyVertexIn(p, q) || anyVertexIn(q, p)) {
                    return true;
                }
                boolean[] hit = {false};
                p.forEachEdge((a, b) -> hit[0] = edgeHitsPolygon(a, b, q));
                if (hit[0]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean anyVertexIn(SpherePolygon p, SpherePolygon q) {
        for (double[] v : p.rings[0]) {
            if (q.contains(v)) {
                return true;
            }
        }
        return false;
    }

    /** True if every part of this shape lies inside one of the polygons (boundaries count as inside). */
    public boolean within(List<SpherePolygon> region) {
        for (double[] p : points) {
            if (region.stream().noneMatch(q -> q.contains(p))) {
                return false;
            }
        }
        for (double[][] line : lines) {
            if (region.stream().noneMatch(q -> pathWithin(line, false, q))) {
                return false;
            }
        }
        for (SpherePolygon poly : polygons) {
            if (region.stream().noneMatch(q -> pathWithin(poly.rings[0], true, q) && noHoleInside(q, poly))) {
                return false;
            }
        }
        return true;
    }

    /** The polyline (closed: a ring) stays inside q: its vertices and edge midpoints are in, no edge crosses q's boundary. */
    private static boolean pathWithin(double[][] path, boolean closed, SpherePolygon q) {
        int edges = closed ? path.length : path.length - 1;
        for (double[] v : path) {
            if (!q.contains(v)) {
                return false;
            }
        }
        for (int i = 0; i < edges; i++) {
            double[] a = path[i];
            double[] b = path[(i + 1) % path.length];
            if (!q.contains(Sphere.normalize(Sphere.add(a, b)))) {
                return false;
            }
            boolean[] crossed = {false};
            q.forEachEdge((c, d) -> crossed[0] = Sphere.crosses(a, b, c, d));
            if (crossed[0]) {
                return false;
            }
        }
        return true;
    }

    /** No hole of the region polygon lies (even partly) strictly inside the document polygon. */
    private static boolean noHoleInside(SpherePolygon region, SpherePolygon poly) {
        for (int r = 1; r < region.rings.length; r++) {
            for (double[] v : region.rings[r]) {
                if (poly.locate(v) > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True if every vertex lies within {@code radius} radians of the centre (the cap is convex for radius up to π/2). */
    public boolean withinCap(double[] center, double radius) {
        List<double[]> vertices = new ArrayList<>(points);
        lines.forEach(l -> vertices.addAll(List.of(l)));
        polygons.forEach(p -> vertices.addAll(List.of(p.rings[0])));
        return vertices.stream().allMatch(v -> Sphere.angle(center, v) <= radius + Sphere.EPS);
    }

    /** The smallest angular distance (radians) from v to the shape. */
    public double distance(double[] v) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] p : points) {
            best = Math.min(best, Sphere.angle(v, p));
        }
        for (double[][] line : lines) {
            for (int i = 0; i + 1 < line.length; i++) {
                best = Math.min(best, Sphere.distanceToArc(v, line[i], line[i + 1]));
            }
        }
        for (SpherePolygon p : polygons) {
            best = Math.min(best, p.distance(v));
        }
        return best;
    }
}
