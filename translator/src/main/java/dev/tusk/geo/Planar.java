package dev.tusk.geo;

/** Point location in a plane: ray crossing with the boundary detected within a tolerance. */
final class Planar {
    private Planar() {}

    /** 1 inside, 0 on the boundary (within eps), -1 outside the closed ring of (x, y) vertices. */
    static int locate(double[][] ring, double[] p, double eps) {
        boolean inside = false;
        int n = ring.length;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double[] a = ring[j];
            double[] b = ring[i];
            if (onSegment(p, a, b, eps)) {
                return 0;
            }
            if ((b[1] > p[1]) != (a[1] > p[1])) {
                double x = (a[0] - b[0]) * (p[1] - b[1]) / (a[1] - b[1]) + b[0];
                if (p[0] < x) {
                    inside = !inside;
                }
            }
        }
        return inside ? 1 : -1;
    }

    static boolean onSegment(double[] p, double[] a, double[] b, double eps) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double len2 = dx * dx + dy * dy;
        double px = p[0] - a[0];
        double py = p[1] - a[1];
        if (len2 == 0) {
            return Math.hypot(px, py) <= eps;
        }
        double cross = dx * py - dy * px;
        if (Math.abs(cross) > eps * Math.sqrt(len2)) {
            return false;
        }
        double t = (px * dx + py * dy) / len2;
        double tol = eps / Math.sqrt(len2);
        return t >= -tol && t <= 1 + tol;
    }
}
