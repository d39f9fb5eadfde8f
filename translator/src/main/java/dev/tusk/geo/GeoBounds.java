package dev.tusk.geo;

import dev.tusk.geo.Geometry.LineString;
import dev.tusk.geo.Geometry.Point;
import dev.tusk.geo.Geometry.Polygon;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Longitude/latitude rectangles that contain a geometry or a query region, for the index's cells.
 * Great-circle edges bulge towards the poles, cross the antimeridian the short way and polygons may
 * hold a pole: all are accounted for, so a rectangle never leaves out a point of its geometry. A
 * region crossing the antimeridian gets two rectangles.
 */
public final class GeoBounds {
    /** Padding in degrees, above the evaluator's tolerance for "on the boundary". */
    static final double PAD = 1e-7;
    private static final Box WORLD = new Box(-180, -90, 180, 90);

    private GeoBounds() {}

    /** Rectangles containing a (flattened) component on the sphere: a point, line or polygon. */
    public static List<Box> ofComponent(Geometry g) {
        return switch (g) {
            case Point p -> List.of(new Box(p.x(), p.y(), p.x(), p.y()).padded(PAD));
            case LineString l -> edges(l.points(), false, false, false);
            case Polygon p -> {
                SpherePolygon sp = SpherePolygon.of(p);
                yield edges(p.rings().get(0), true, sp.contains(new double[] {0, 0, 1}), sp.contains(new double[] {0, 0, -1}));
            }
            case Geometry.Multi m -> m.components().stream().flatMap(c -> ofComponent(c).stream()).toList();
        };
    }

    /** Rectangles containing a spherical cap: every point within {@code radius} radians of the centre. */
    public static List<Box> cap(Point center, double radius) {
        double r = Math.toDegrees(radius) + PAD;
        if (radius >= Math.PI / 2) {
            return List.of(WORLD);
        }
        double lo = center.y() - r;
        double hi = center.y() + r;
        if (hi >= 90 || lo <= -90) {
            return List.of(new Box(-180, Math.max(-90, lo), 180, Math.min(90, hi)));
        }
        double s = Math.sin(radius) / Math.cos(Math.toRadians(center.y()));
        if (s >= 1) {
            return List.of(new Box(-180, lo, 180, hi));
        }
        double dlng = Math.toDegrees(Math.asin(s)) + PAD;
        return longitudes(List.of(new double[] {center.x() - dlng, 2 * dlng}), lo, hi);
    }

    /** The query region's rectangles for a predicate; empty for a $near without $maxDistance (everything). */
    public static Optional<List<Box>> of(GeoPredicate p) {
        return switch (p) {
            case GeoPredicate.WithinPolygons w -> Optional.of(w.geometry().components().stream()
                    .flatMap(c -> ofComponent(c).stream()).toList());
            case GeoPredicate.WithinCap c -> Optional.of(cap(c.center(), c.radius()));
            case GeoPredicate.WithinBox b -> Optional.of(List.of(new Box(b.minX(), b.minY(), b.maxX(), b.maxY()).padded(PAD)));
            case GeoPredicate.WithinFlatPolygon f -> Optional.of(List.of(new Box(
                    f.vertices().stream().mapToDouble(Point::x).min().orElseThrow(),
                    f.vertices().stream().mapToDouble(Point::y).min().orElseThrow(),
                    f.vertices().stream().mapToDouble(Point::x).max().orElseThrow(),
                    f.vertices().stream().mapToDouble(Point::y).max().orElseThrow()).padded(PAD)));
            case GeoPredicate.WithinCircle c -> Optional.of(List.of(new Box(c.center().x() - c.radius(),
                    c.center().y() - c.radius(), c.center().x() + c.radius(), c.center().y() + c.radius()).padded(PAD)));
            case GeoPredicate.Intersects i -> Optional.of(ofComponent(i.geometry()));
            case GeoPredicate.Near n -> n.max().isEmpty() ? Optional.empty() : Optional.of(switch (n.metric()) {
                case FLAT -> List.of(new Box(n.point().x() - n.max().getAsDouble(), n.point().y() - n.max().getAsDouble(),
                        n.point().x() + n.max().getAsDouble(), n.point().y() + n.max().getAsDouble()).padded(PAD));
                case RADIANS -> cap(n.point(), n.max().getAsDouble());
                case METRES -> cap(n.point(), n.max().getAsDouble() / Sphere.EARTH_RADIUS_METRES);
            });
        };
    }

    /** The rectangles of a path of great-circle edges (closed for a ring), with the poles a polygon holds. */
    private static List<Box> edges(List<Point> points, boolean closed, boolean northPole, boolean southPole) {
        double lo = 90;
        double hi = -90;
        List<double[]> intervals = new ArrayList<>();
        int n = points.size();
        int edges = closed ? n : n - 1;
        for (Point p : points) {
            lo = Math.min(lo, p.y());
            hi = Math.max(hi, p.y());
        }
        boolean full = northPole || southPole;
        for (int i = 0; i < edges; i++) {
            Point a = points.get(i);
            Point b = points.get((i + 1) % n);
            double[] va = Sphere.vector(a);
            double[] vb = Sphere.vector(b);
            double[] normal = Sphere.normalize(Sphere.cross(va, vb));
            if (Sphere.norm(Sphere.cross(va, vb)) > 1e-15) {
                double[] toPole = {-normal[2] * normal[0], -normal[2] * normal[1], 1 - normal[2] * normal[2]};
                if (Sphere.norm(toPole) > 1e-12) {
                    double[] top = Sphere.normalize(toPole);
                    for (double[] m : new double[][] {top, {-top[0], -top[1], -top[2]}}) {
                        if (Sphere.dot(Sphere.cross(va, m), normal) > 0 && Sphere.dot(Sphere.cross(m, vb), normal) > 0) {
                            double lat = Sphere.point(m).y();
                            lo = Math.min(lo, lat);
                            hi = Math.max(hi, lat);
                        }
                    }
                }
            }
            boolean aPole = Math.abs(a.y()) >= 90 - 1e-9;
            boolean bPole = Math.abs(b.y()) >= 90 - 1e-9;
            if (aPole || bPole) {
                Point other = aPole ? b : a;
                intervals.add(new double[] {other.x(), 0});
                continue;
            }
            double delta = b.x() - a.x();
            while (delta > 180) {
                delta -= 360;
            }
            while (delta < -180) {
                delta += 360;
            }
            if (Math.abs(delta) >= 180 - 1e-9) {
                full = true; // over a pole
            }
            intervals.add(delta >= 0 ? new double[] {a.x(), delta} : new double[] {b.x(), -delta});
        }
        if (n == 1 || intervals.isEmpty()) {
            intervals.add(new double[] {points.get(0).x(), 0});
        }
        if (northPole) {
            hi = 90;
        }
        if (southPole) {
            lo = -90;
        }
        lo = Math.max(-90, lo - PAD);
        hi = Math.min(90, hi + PAD);
        if (full) {
            return List.of(new Box(-180, lo, 180, hi));
        }
        List<double[]> padded = intervals.stream().map(iv -> new double[] {iv[0] - PAD, iv[1] + 2 * PAD}).toList();
        return longitudes(padded, lo, hi);
    }

    /**
     * The smallest arc of longitudes covering the intervals ({start, width} in degrees), as one
     * rectangle or two when it crosses the antimeridian.
     */
    static List<Box> longitudes(List<double[]> intervals, double lo, double hi) {
        List<double[]> segments = new ArrayList<>();
        for (double[] iv : intervals) {
            if (iv[1] >= 360) {
                return List.of(new Box(-180, lo, 180, hi));
            }
            double start = ((iv[0] + 180) % 360 + 360) % 360 - 180;
            double end = start + iv[1];
            if (end > 180) {
                segments.add(new double[] {start, 180});
                segments.add(new double[] {-180, end - 360});
            } else {
                segments.add(new double[] {start, end});
            }
        }
        segments.sort(Comparator.comparingDouble(s -> s[0]));
        List<double[]> merged = new ArrayList<>();
        for (double[] s : segments) {
            if (!merged.isEmpty() && s[0] <= merged.get(merged.size() - 1)[1]) {
                merged.get(merged.size() - 1)[1] = Math.max(merged.get(merged.size() - 1)[1], s[1]);
            } else {
                merged.add(new double[] {s[0], s[1]});
            }
        }
        double[] first = merged.get(0);
        double[] last = merged.get(merged.size() - 1);
        double bestGap = first[0] + 360 - last[1];
        int bestAt = -1; // -1: the gap across the antimeridian
        for (int i = 0; i + 1 < merged.size(); i++) {
            double gap = merged.get(i + 1)[0] - merged.get(i)[1];
            if (gap > bestGap) {
                bestGap = gap;
                bestAt = i;
            }
        }
        if (bestGap <= 0) {
            return List.of(new Box(-180, lo, 180, hi));
        }
        if (bestAt < 0) {
            return List.of(new Box(first[0], lo, last[1], hi));
        }
        return List.of(new Box(merged.get(bestAt + 1)[0], lo, 180, hi), new Box(-180, lo, merged.get(bestAt)[1], hi));
    }
}
