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

    /**
     * True if every part of this shape lies inside the union of the polygons (boundaries count as
     * inside). Each edge is cut where it meets a boundary; every piece between two cuts is wholly in
     * or wholly out, so its midpoint decides it.
     */
    public boolean within(List<SpherePolygon> region) {
        for (double[] p : points) {
            if (!inUnion(p, region)) {
                return false;
            }
        }
        for (double[][] line : lines) {
            if (!pathWithin(line, false, region)) {
                return false;
            }
        }
        for (SpherePolygon poly : polygons) {
            if (!pathWithin(poly.rings[0], true, region) || !holesCovered(poly, region)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inUnion(double[] v, List<SpherePolygon> region) {
        for (SpherePolygon q : region) {
            if (q.contains(v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean pathWithin(double[][] path, boolean closed, List<SpherePolygon> region) {
        for (double[] v : path) {
            if (!inUnion(v, region)) {
                return false;
            }
        }
        int edges = closed ? path.length : path.length - 1;
        for (int i = 0; i < edges; i++) {
            if (!arcWithin(path[i], path[(i + 1) % path.length], region)) {
                return false;
            }
        }
        return true;
    }

    /** The arc a→b, both ends inside the region, stays inside it between the points where it meets a boundary. */
    private static boolean arcWithin(double[] a, double[] b, List<SpherePolygon> region) {
        double length = Sphere.angle(a, b);
        if (length <= Sphere.EPS) {
            return true;
        }
        List<Double> cuts = new ArrayList<>(List.of(0.0, 1.0));
        for (SpherePolygon q : region) {
            q.forEachEdge((c, d) -> {
                if (Sphere.arcsIntersect(a, b, c, d)) {
                    for (double[] x : new double[][] {c, d, Sphere.crossing(a, b, c, d)}) {
                        if (x != null && Sphere.onArc(x, a, b)) {
                            cuts.add(Sphere.angle(a, x) / length);
                        }
                    }
                }
                return false;
            });
        }
        cuts.sort(null);
        for (int i = 0; i + 1 < cuts.size(); i++) {
            double t0 = cuts.get(i);
            double t1 = cuts.get(i + 1);
            if (t1 - t0 > 1e-12 && !inUnion(Sphere.along(a, b, length, (t0 + t1) / 2), region)) {
                return false;
            }
        }
        return true;
    }

    /** No part of a region polygon's hole lies strictly inside the document polygon, unless another polygon covers it. */
    private static boolean holesCovered(SpherePolygon poly, List<SpherePolygon> region) {
        for (SpherePolygon q : region) {
            for (int r = 1; r < q.rings.length; r++) {
                for (double[] v : q.rings[r]) {
                    if (poly.locate(v) > 0 && region.stream().noneMatch(o -> o != q && o.locate(v) > 0)) {
                        return false;
                    }
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
