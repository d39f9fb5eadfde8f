package dev.tusk.exec;

import dev.tusk.error.ErrorCode;
import dev.tusk.geo.GeoPredicate;
import dev.tusk.query.FilterNode;
import dev.tusk.query.GeoFilters;
import java.util.List;
import java.util.Optional;

/**
 * Geospatial operators in reads and writes: each top-level one is bound to a geospatial index on its
 * path when there is one (its side table then narrows the read); $near and $nearSphere require one,
 * as on MongoDB (291 NoQueryExecutionPlans without).
 */
final class GeoSearches {
    private GeoSearches() {}

    static FilterNode bind(FilterNode filter, List<SecondaryIndex> indexes) {
        if (GeoFilters.bindable(filter).isEmpty()) {
            return filter;
        }
        return GeoFilters.bind(filter, g -> {
            Optional<SecondaryIndex> index = index(g, indexes);
            if (index.isEmpty() && g.predicate() instanceof GeoPredicate.Near) {
                throw ErrorCode.NO_QUERY_EXECUTION_PLANS.error(
                        "error processing query: planner returned error :: caused by :: unable to find index for $geoNear query");
            }
            return index.map(i -> i.bind(g.predicate()));
        });
    }

    /**
     * A geo index on the operator's path that can serve it: GeoJSON $near needs a 2dsphere index and
     * flat $near a 2d one; everything else takes either (both key every document that could match).
     */
    static Optional<SecondaryIndex> index(FilterNode.Geo g, List<SecondaryIndex> indexes) {
        Optional<SecondaryIndex> best = Optional.empty();
        for (SecondaryIndex i : indexes) {
            if (i.geo().isEmpty() || i.info().hidden() || i.info().partialFilterExpression().isPresent()
                    || !i.geo().get().field().equals(g.path().dotted())) {
                continue;
            }
            boolean spherical = i.geo().get().spherical();
            if (g.predicate() instanceof GeoPredicate.Near n
                    && (n.metric() == GeoPredicate.Metric.METRES && !spherical || n.metric() == GeoPredicate.Metric.FLAT && spherical)) {
                continue;
            }
            if (best.isEmpty() || spherical) {
                best = Optional.of(i);
            }
        }
        return best;
    }

    /** The geo index a bound filter reads through, for the plan and explain. */
    static Optional<SecondaryIndex> boundIndex(FilterNode filter, List<SecondaryIndex> indexes) {
        return GeoFilters.bindable(filter).stream().flatMap(g -> g.bound().stream()).findFirst()
                .flatMap(b -> indexes.stream().filter(i -> i.storage().equals(b.sideTable())).findFirst());
    }
}
