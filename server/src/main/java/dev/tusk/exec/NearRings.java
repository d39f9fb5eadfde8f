package dev.tusk.exec;

import dev.tusk.geo.GeoPredicate;
import dev.tusk.geo.Sphere;
import dev.tusk.index.GeoCells;
import dev.tusk.query.FilterNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Rings for a $near with a limit: the read first takes only the documents within a small radius of
 * the point, then a radius 4 times larger, and so on, until the documents within the radius are at
 * least skip + limit (then the nearest of all are among them) or the radius reaches the query's
 * $maxDistance or the whole index (then the plain read runs).
 */
final class NearRings {
    private static final double FACTOR = 4;

    private NearRings() {}

    /** The radii to try, in the query's units, all below its $maxDistance and the index's extent. */
    static List<Double> radii(FilterNode.Geo near, SecondaryIndex index) {
        GeoPredicate.Near n = (GeoPredicate.Near) near.predicate();
        GeoCells grid = index.geo().orElseThrow().grid();
        double world = switch (n.metric()) {
            case METRES -> Math.PI * Sphere.EARTH_RADIUS_METRES;
            case RADIANS -> Math.PI;
            case FLAT -> Math.hypot(grid.maxX() - grid.minX(), grid.maxY() - grid.minY());
        };
        double first = switch (n.metric()) {
            case METRES -> 1_000;
            case RADIANS -> 1_000 / Sphere.EARTH_RADIUS_METRES;
            case FLAT -> (grid.maxX() - grid.minX()) / 4096;
        };
        double limit = Math.min(world, n.max().orElse(Double.POSITIVE_INFINITY));
        List<Double> radii = new ArrayList<>();
        for (double r = Math.max(first, n.min() * 1.5); r < limit; r *= FACTOR) {
            radii.add(r);
        }
        return radii;
    }

    /** The $near narrowed to {@code radius} and bound to the index's cells for that disc. */
    static FilterNode.Geo within(FilterNode.Geo near, double radius, SecondaryIndex index) {
        GeoPredicate.Near n = (GeoPredicate.Near) near.predicate();
        GeoPredicate.Near ring = new GeoPredicate.Near(n.operator(), n.point(), n.metric(), n.min(), OptionalDouble.of(radius), n.geoJson());
        return new FilterNode.Geo(near.path(), ring, Optional.of(index.bind(ring)));
    }
}
