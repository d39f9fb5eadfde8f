package dev.tusk.query;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.geo.BoundGeo;
import dev.tusk.geo.GeoParser;
import dev.tusk.geo.GeoPredicate;
import dev.tusk.geo.GeoValue;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Where geospatial operators may stand in a filter ($near and $nearSphere once, at the top level, as
 * MongoDB), finding them, binding them to geospatial indexes, and a document's distance for $near.
 */
public final class GeoFilters {
    private GeoFilters() {}

    /** The filter, after checking where its $near/$nearSphere stands. */
    static FilterNode checked(FilterNode filter) {
        long top = topLevel(filter).stream().filter(GeoFilters::isNear).count();
        long all = count(filter);
        if (all > 1) {
            throw ErrorCode.BAD_VALUE.error("Too many geoNear expressions");
        }
        if (all > top) {
            throw ErrorCode.BAD_VALUE.error("geoNear must be top-level expr");
        }
        if (all == 1 && TextFilters.find(filter).isPresent()) {
            throw ErrorCode.BAD_VALUE.error("text and geoNear not allowed in same query");
        }
        return filter;
    }

    private static boolean isNear(FilterNode n) {
        return n instanceof FilterNode.Geo g && g.predicate() instanceof GeoPredicate.Near;
    }

    private static List<FilterNode> topLevel(FilterNode filter) {
        return filter instanceof FilterNode.And a ? a.children().stream().flatMap(c -> topLevel(c).stream()).toList() : List.of(filter);
    }

    private static long count(FilterNode node) {
        return switch (node) {
            case FilterNode.Geo g -> isNear(g) ? 1 : 0;
            case FilterNode.And a -> a.children().stream().mapToLong(GeoFilters::count).sum();
            case FilterNode.Or o -> o.children().stream().mapToLong(GeoFilters::count).sum();
            case FilterNode.Nor n -> n.children().stream().mapToLong(GeoFilters::count).sum();
            case FilterNode.Not n -> count(n.child());
            case FilterNode.ElemMatchObject m -> count(m.query());
            case FilterNode.ElemMatchValue m -> m.conditions().stream().mapToLong(GeoFilters::count).sum();
            default -> 0;
        };
    }

    /** The filter's $near/$nearSphere, if it has one (always at the top level). */
    public static Optional<FilterNode.Geo> near(FilterNode filter) {
        return topLevel(filter).stream().filter(GeoFilters::isNear).map(FilterNode.Geo.class::cast).findFirst();
    }

    /** Every geospatial operator of the filter that an index may serve: those at the top level (under $and). */
    public static List<FilterNode.Geo> bindable(FilterNode filter) {
        return topLevel(filter).stream().filter(FilterNode.Geo.class::isInstance).map(FilterNode.Geo.class::cast).toList();
    }

    /** The filter with its top-level geo operators bound by {@code binder} (empty: left unbound). */
    public static FilterNode bind(FilterNode node, Function<FilterNode.Geo, Optional<BoundGeo>> binder) {
        return switch (node) {
            case FilterNode.Geo g -> g.bound().isPresent() ? g
                    : binder.apply(g).<FilterNode>map(b -> new FilterNode.Geo(g.path(), g.predicate(), Optional.of(b))).orElse(g);
            case FilterNode.And a -> new FilterNode.And(a.children().stream().map(c -> bind(c, binder)).toList());
            default -> node;
        };
    }

    /** The filter with one of its top-level geo operators ({@code old}, by identity) replaced. */
    public static FilterNode replace(FilterNode node, FilterNode.Geo old, FilterNode.Geo replacement) {
        return switch (node) {
            case FilterNode.Geo g -> g == old ? replacement : g;
            case FilterNode.And a -> new FilterNode.And(a.children().stream().map(c -> replace(c, old, replacement)).toList());
            default -> node;
        };
    }

    /** The geometries of a value reached by a path; none when it holds no valid geometry. */
    static List<GeoValue> values(BsonValue v) {
        try {
            return GeoParser.documentValues(v);
        } catch (MongoServerException e) {
            return List.of();
        }
    }

    /** The document's distance for its $near (the nearest of its geometries within the query's bounds). */
    public static OptionalDouble distance(FilterNode.Geo near, BsonDocument doc) {
        GeoPredicate.Near n = (GeoPredicate.Near) near.predicate();
        double[] best = {Double.POSITIVE_INFINITY};
        PathValues.anyMatch(doc, near.path(), false, v -> {
            if (v != null) {
                n.nearest(values(v)).ifPresent(d -> best[0] = Math.min(best[0], d));
            }
            return false;
        });
        return best[0] == Double.POSITIVE_INFINITY ? OptionalDouble.empty() : OptionalDouble.of(best[0]);
    }

    /** The geometry the document's distance was measured to, for $geoNear's includeLocs. */
    public static Optional<BsonValue> nearestLocation(FilterNode.Geo near, BsonDocument doc) {
        GeoPredicate.Near n = (GeoPredicate.Near) near.predicate();
        double[] best = {Double.POSITIVE_INFINITY};
        BsonValue[] loc = {null};
        PathValues.anyMatch(doc, near.path(), false, v -> {
            if (v == null) {
                return false;
            }
            List<GeoValue> values = values(v);
            for (int i = 0; i < values.size(); i++) {
                OptionalDouble d = n.nearest(List.of(values.get(i)));
                if (d.isPresent() && d.getAsDouble() < best[0]) {
                    best[0] = d.getAsDouble();
                    loc[0] = values.size() == 1 ? v : v.asArray().get(i);
                }
            }
            return false;
        });
        return Optional.ofNullable(loc[0]);
    }
}
