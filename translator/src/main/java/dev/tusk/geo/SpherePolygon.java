package dev.tusk.geo;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.geo.Geometry.Point;
import dev.tusk.geo.Geometry.Polygon;
import java.util.List;
import org.bson.BsonValue;

/**
 * A polygon on the sphere (edges are great-circle arcs), ready for point location. Points are located
 * in the gnomonic projection centred on the polygon: it maps great circles to straight lines, so a
 * point is inside the spherical polygon exactly when its projection is inside the projected polygon
 * (for polygons within a hemisphere, which is what MongoDB's default CRS allows).
 */
public final class SpherePolygon {
    /** Ring vertices as unit vectors (open rings: the last edge closes back to the first vertex). */
    final double[][][] rings;
    private final double[] center;
    private final double[] u;
    private final double[] w;
    private final double[][][] projected;

    private SpherePolygon(double[][][] rings, double[] center) {
        this.rings = rings;
        this.center = center;
        double[] axis = Math.abs(center[2]) < 0.9 ? new double[] {0, 0, 1} : new double[] {1, 0, 0};
        this.u = Sphere.normalize(Sphere.cross(axis, center));
        this.w = Sphere.cross(center, u);
        this.projected = new double[rings.length][][];
        for (int r = 0; r < rings.length; r++) {
            projected[r] = new double[rings[r].length][];
            for (int i = 0; i < rings[r].length; i++) {
                projected[r][i] = project(rings[r][i]);
            }
        }
    }

    /** The polygon, or BadValue when it spans a hemisphere or more (no gnomonic centre holds all its vertices). */
    public static SpherePolygon of(Polygon polygon) {
        double[][][] rings = new double[polygon.rings().size()][][];
        for (int r = 0; r < rings.length; r++) {
            List<Point> ring = polygon.rings().get(r);
            rings[r] = new double[ring.size()][];
            for (int i = 0; i < ring.size(); i++) {
                rings[r][i] = Sphere.vector(ring.get(i));
            }
        }
        double[] sum = {0, 0, 0};
        for (double[] v : rings[0]) {
            sum = Sphere.add(sum, v);
        }
        double[] center = Sphere.normalize(sum);
        for (double[][] ring : rings) {
            for (double[] v : ring) {
                if (Sphere.norm(sum) < 1e-9 || Sphere.dot(v, center) < 1e-6) {
                    throw ErrorCode.NOT_IMPLEMENTED.error(
                            "polygons spanning a hemisphere or more are not supported by Tusk yet");
                }
            }
        }
        return new SpherePolygon(rings, center);
    }

    /** MongoDB's loop checks after parsing: edges must not cross, holes must lie inside the exterior. */
    static void validate(Polygon polygon, BsonValue coordinates) {
        SpherePolygon p = of(polygon);
        for (int r = 0; r < p.rings.length; r++) {
            double[][] ring = p.rings[r];
            int n = ring.length;
            for (int i = 0; i < n; i++) {
                for (int j = i + 2; j < n; j++) {
                    if (i == 0 && j == n - 1) {
                        continue;
                    }
                    if (Sphere.arcsIntersect(ring[i], ring[(i + 1) % n], ring[j], ring[(j + 1) % n])) {
                        throw ErrorCode.BAD_VALUE.error("Loop is not valid: %s Edges %d and %d cross. ",
                                BsonText.value(coordinates.asArray().get(r)), i, j);
                    }
                }
            }
            if (r > 0) {
                for (double[] v : ring) {
                    if (p.locateInRing(0, v) < 0) {
                        throw ErrorCode.BAD_VALUE.error("Secondary loops not contained by first exterior loop - "
                                + "secondary loops must be holes: %s", BsonText.value(coordinates));
                    }
                }
            }
        }
    }

    private double[] project(double[] v) {
        double d = Sphere.dot(v, center);
        return new double[] {Sphere.dot(v, u) / d, Sphere.dot(v, w) / d};
    }

    /** 1 inside, 0 on the boundary, -1 outside (in a hole is outside, a hole's edge is the boundary). */
    public int locate(double[] v) {
        int outer = locateInRing(0, v);
        if (outer <= 0) {
            return outer;
        }
        for (int r = 1; r < rings.length; r++) {
            int inHole = locateInRing(r, v);
            if (inHole == 0) {
                return 0;
            }
            if (inHole > 0) {
                return -1;
            }
        }
        return 1;
    }

    public boolean contains(double[] v) {
        return locate(v) >= 0;
    }

    private int locateInRing(int r, double[] v) {
        double[][] ring = rings[r];
        for (int i = 0; i < ring.length; i++) {
            if (Sphere.onArc(v, ring[i], ring[(i + 1) % ring.length])) {
                return 0;
            }
        }
        if (Sphere.dot(v, center) <= 0) {
            return -1;
        }
        return Planar.locate(projected[r], project(v), 0) > 0 ? 1 : -1;
    }

    /** Edges of every ring as (from, to) pairs. */
    void forEachEdge(EdgeVisitor visitor) {
        for (double[][] ring : rings) {
            for (int i = 0; i < ring.length; i++) {
                if (visitor.visit(ring[i], ring[(i + 1) % ring.length])) {
                    return;
                }
            }
        }
    }

    /** Visits an edge; true stops the walk. */
    @FunctionalInterface
    interface EdgeVisitor {
        boolean visit(double[] a, double[] b);
    }

    /** The smallest angular distance from v to the polygon (0 inside or on it). */
    double distance(double[] v) {
        if (contains(v)) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (double[][] ring : rings) {
            for (int i = 0; i < ring.length; i++) {
                best = Math.min(best, Sphere.distanceToArc(v, ring[i], ring[(i + 1) % ring.length]));
            }
        }
        return best;
    }
}
