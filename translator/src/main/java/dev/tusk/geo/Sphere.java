package dev.tusk.geo;

import dev.tusk.geo.Geometry.Point;

/**
 * Vector math on the unit sphere: points as unit vectors, edges as the shorter great-circle arc
 * between their ends (as S2, which MongoDB's 2dsphere uses).
 */
public final class Sphere {
    /** The radius MongoDB uses for distances in metres on the sphere (WGS84 equatorial radius). */
    public static final double EARTH_RADIUS_METRES = 6378100;
    /** Tolerance on the unit sphere for "on an edge" and "same point" (about 0.6 mm on the earth). */
    static final double EPS = 1e-10;

    private Sphere() {}

    public static double[] vector(Point p) {
        double lng = Math.toRadians(p.x());
        double lat = Math.toRadians(p.y());
        double c = Math.cos(lat);
        return new double[] {c * Math.cos(lng), c * Math.sin(lng), Math.sin(lat)};
    }

    public static Point point(double[] v) {
        return new Point(Math.toDegrees(Math.atan2(v[1], v[0])), Math.toDegrees(Math.atan2(v[2], Math.hypot(v[0], v[1]))));
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] normalize(double[] a) {
        double n = norm(a);
        return n == 0 ? a : new double[] {a[0] / n, a[1] / n, a[2] / n};
    }

    static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    /** The angle between two unit vectors, in radians (stable for small and large angles). */
    public static double angle(double[] a, double[] b) {
        return Math.atan2(norm(cross(a, b)), dot(a, b));
    }

    /** The sign of the triple product (a × b) · c, zero within tolerance. */
    static int orientation(double[] a, double[] b, double[] c) {
        double d = dot(cross(a, b), c);
        return Math.abs(d) <= EPS * EPS ? 0 : d > 0 ? 1 : -1;
    }

    /** True if p lies on the arc a→b (within tolerance), ends included. */
    static boolean onArc(double[] p, double[] a, double[] b) {
        if (angle(p, a) <= EPS || angle(p, b) <= EPS) {
            return true;
        }
        double[] n = cross(a, b);
        double len = norm(n);
        if (len <= EPS * EPS) {
            return false; // a and b are the same point (checked above) or antipodal (no unique arc)
        }
        n = new double[] {n[0] / len, n[1] / len, n[2] / len};
        if (Math.abs(dot(p, n)) > EPS) {
            return false;
        }
        return dot(cross(a, p), n) >= 0 && dot(cross(p, b), n) >= 0;
    }

    /** True if the arcs a→b and c→d cross at a point interior to both (S2's CrossingSign > 0). */
    static boolean crosses(double[] a, double[] b, double[] c, double[] d) {
        int acb = -orientation(a, b, c);
        int bda = orientation(a, b, d);
        if (acb == 0 || acb != bda) {
            return false;
        }
        int cbd = -orientation(c, d, b);
        int dac = orientation(c, d, a);
        return cbd == acb && dac == acb;
    }

    /** True if the arcs share any point: a crossing, or an end on the other arc. */
    static boolean arcsIntersect(double[] a, double[] b, double[] c, double[] d) {
        return crosses(a, b, c, d) || onArc(a, c, d) || onArc(b, c, d) || onArc(c, a, b) || onArc(d, a, b);
    }

    /** Where the great circles of a→b and c→d meet, on the side of a→b's midpoint; null when they are one circle. */
    static double[] crossing(double[] a, double[] b, double[] c, double[] d) {
        double[] x = cross(cross(a, b), cross(c, d));
        if (norm(x) <= EPS * EPS) {
            return null;
        }
        x = normalize(x);
        return dot(x, add(a, b)) >= 0 ? x : new double[] {-x[0], -x[1], -x[2]};
    }

    /** The point at fraction t of the arc a→b of the given length (spherical interpolation). */
    static double[] along(double[] a, double[] b, double length, double t) {
        double s = Math.sin(length);
        double wa = Math.sin((1 - t) * length) / s;
        double wb = Math.sin(t * length) / s;
        return normalize(new double[] {wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]});
    }

    /** The angular distance from p to the nearest point of the arc a→b. */
    static double distanceToArc(double[] p, double[] a, double[] b) {
        double[] n = cross(a, b);
        double len = norm(n);
        double ends = Math.min(angle(p, a), angle(p, b));
        if (len <= EPS * EPS) {
            return ends;
        }
        n = new double[] {n[0] / len, n[1] / len, n[2] / len};
        if (dot(cross(a, p), n) > 0 && dot(cross(p, b), n) > 0) {
            return Math.min(ends, Math.asin(Math.min(1, Math.abs(dot(p, n)))));
        }
        return ends;
    }
}
