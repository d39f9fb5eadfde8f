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
            int[] crossing = crossingEdges(ring);
            if (crossing != null) {
                throw ErrorCode.BAD_VALUE.error("Loop is not valid: %s Edges %d and %d cross. ",
                        BsonText.value(coordinates.asArray().get(r)), crossing[0], crossing[1]);
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

    /**
     * Two non-adjacent edges of the ring that meet, or null. A sweep over the edges' 3D boxes (an
     * arc's box is its ends' box widened by its sagitta), so large rings are not quadratic.
     */
    private static int[] crossingEdges(double[][] ring) {
        int n = ring.length;
        double[][] boxes = new double[n][6];
        for (int i = 0; i < n; i++) {
            double[] a = ring[i];
            double[] b = ring[(i + 1) % n];
            double pad = 1 - Math.cos(Sphere.angle(a, b) / 2) + 1e-9;
            for (int c = 0; c < 3; c++) {
                boxes[i][c] = Math.min(a[c], b[c]) - pad;
                boxes[i][c + 3] = Math.max(a[c], b[c]) + pad;
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> boxes[i][0]));
        java.util.List<Integer> active = new java.util.ArrayList<>();
        for (int e : order) {
            active.removeIf(o -> boxes[o][3] < boxes[e][0]);
            for (int o : active) {
                int i = Math.min(e, o);
                int j = Math.max(e, o);
                boolean adjacent = j - i == 1 || i == 0 && j == n - 1;
                if (!adjacent && boxes[o][1] <= boxes[e][4] && boxes[e][1] <= boxes[o][4]
                        && boxes[o][2] <= boxes[e][5] && boxes[e][2] <= boxes[o][5]
                        && Sphere.arcsIntersect(ring[i], ring[(i + 1) % n], ring[j], ring[(j + 1) % n])) {
                    return new int[] {i, j};
                }
            }
            active.add(e);
        }
        return null;
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
