package dev.tusk.index;

import dev.tusk.geo.Box;
import dev.tusk.geo.Geometry.Point;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A quadtree over a rectangle of (x, y): level l cuts each axis in 2^l, cell (i, j). A cell's key is
 * 8 bytes, S2-style: the Morton interleaving of (i, j) then a marker bit then zeros, so every
 * descendant of a cell has a key in one contiguous range around the cell's own key. Points are keyed
 * by their finest cell; other geometries by a few coarser cells covering their rectangles. A query's
 * cells then find every document cell they overlap: descendants by one range each, ancestors by
 * point lookups (the cells that contain a query cell).
 */
public record GeoCells(double minX, double minY, double maxX, double maxY, int levels) {
    static final int MAX_LEVEL = 30;
    /** The 2dsphere grid: longitude × latitude. */
    public static final GeoCells SPHERE = new GeoCells(-180, -90, 180, 90, MAX_LEVEL);
    /** Every key. */
    static final KeyRange ALL = new KeyRange(new byte[8], new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
    /** At most this many cells key one non-point geometry's rectangle. */
    static final int DOCUMENT_CELLS = 8;
    /** At most this many cells cover one rectangle of a query. */
    static final int QUERY_CELLS = 16;

    private long index(double v, double min, double max, int level) {
        long n = 1L << level;
        long i = (long) Math.floor((v - min) / (max - min) * n);
        return Math.max(0, Math.min(n - 1, i));
    }

    static long id(int level, long i, long j) {
        return ((interleave(i, j) << 1) | 1) << (2 * (MAX_LEVEL - level));
    }

    private static long interleave(long i, long j) {
        long out = 0;
        for (int b = 0; b < MAX_LEVEL; b++) {
            out |= ((i >> b) & 1L) << (2 * b + 1);
            out |= ((j >> b) & 1L) << (2 * b);
        }
        return out;
    }

    static byte[] bytes(long id) {
        return ByteBuffer.allocate(8).putLong(id).array();
    }

    /** A point's key: its cell at the finest level (a pole is one point whatever its longitude). */
    byte[] pointKey(Point p) {
        double x = this == SPHERE && Math.abs(p.y()) == 90 ? 0 : p.x();
        return bytes(id(levels, index(x, minX, maxX, levels), index(p.y(), minY, maxY, levels)));
    }

    /** The cells of the finest level at which the rectangle needs at most {@code max} cells. */
    private List<long[]> cover(Box box, int max) {
        Box b = new Box(Math.max(box.minX(), minX), Math.max(box.minY(), minY), Math.min(box.maxX(), maxX), Math.min(box.maxY(), maxY));
        if (b.minX() > b.maxX() || b.minY() > b.maxY()) {
            return List.of();
        }
        for (int level = levels; level >= 0; level--) {
            long i0 = index(b.minX(), minX, maxX, level);
            long i1 = index(b.maxX(), minX, maxX, level);
            long j0 = index(b.minY(), minY, maxY, level);
            long j1 = index(b.maxY(), minY, maxY, level);
            if ((i1 - i0 + 1) * (j1 - j0 + 1) <= max) {
                List<long[]> cells = new ArrayList<>();
                for (long i = i0; i <= i1; i++) {
                    for (long j = j0; j <= j1; j++) {
                        cells.add(new long[] {level, i, j});
                    }
                }
                return cells;
            }
        }
        throw new IllegalStateException("level 0 is one cell");
    }

    /** The keys of a non-point geometry: the cells covering its rectangles. */
    List<byte[]> coverKeys(List<Box> boxes) {
        List<byte[]> keys = new ArrayList<>();
        for (Box box : withPoles(boxes)) {
            for (long[] c : cover(box, DOCUMENT_CELLS)) {
                keys.add(bytes(id((int) c[0], c[1], c[2])));
            }
        }
        return keys;
    }

    /**
     * The key ranges that find every document with a cell overlapping the rectangles: each covering
     * cell's descendants (itself included) and, when documents may have coarse cells, its ancestors.
     */
    List<KeyRange> coverRanges(List<Box> boxes, boolean ancestors) {
        List<KeyRange> ranges = new ArrayList<>();
        Set<Long> parents = new LinkedHashSet<>();
        for (Box box : withPoles(boxes)) {
            for (long[] c : cover(box, QUERY_CELLS)) {
                int level = (int) c[0];
                long id = id(level, c[1], c[2]);
                long lsb = 1L << (2 * (MAX_LEVEL - level));
                ranges.add(new KeyRange(bytes(id - lsb + 1), bytes(id + lsb)));
                if (ancestors) {
                    for (int up = 1; up <= level; up++) {
                        parents.add(id(level - up, c[1] >> up, c[2] >> up));
                    }
                }
            }
        }
        for (long p : parents) {
            ranges.add(new KeyRange(bytes(p), bytes(p + 1), true));
        }
        return ranges;
    }

    /** On the sphere a rectangle reaching a pole also covers the pole's own cell (where points at the pole are keyed). */
    private List<Box> withPoles(List<Box> boxes) {
        if (this != SPHERE) {
            return boxes;
        }
        List<Box> out = new ArrayList<>(boxes);
        for (Box b : boxes) {
            if (b.maxY() >= 90 - 1e-6) {
                out.add(new Box(0, 90, 0, 90));
            }
            if (b.minY() <= -90 + 1e-6) {
                out.add(new Box(0, -90, 0, -90));
            }
        }
        return out;
    }
}
