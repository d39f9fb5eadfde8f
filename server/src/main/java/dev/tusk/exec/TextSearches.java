package dev.tusk.exec;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterFields;
import dev.tusk.query.FilterNode;
import dev.tusk.query.TextFilters;
import dev.tusk.text.BoundText;
import dev.tusk.text.ScoredDocument;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;

/**
 * {@code $text} in reads and writes: bound to the collection's text index (27 IndexNotFound without
 * one, as MongoDB), and its score attached to each document it finds.
 */
final class TextSearches {
    private static final FieldPath ID = FieldPath.parse("_id");

    private TextSearches() {}

    /** The filter with its $text bound to the text index and its geospatial operators to geo indexes ({@link GeoSearches}). */
    static FilterNode bind(FilterNode filter, List<SecondaryIndex> indexes) {
        return GeoSearches.bind(bindText(filter, indexes), indexes);
    }

    private static FilterNode bindText(FilterNode filter, List<SecondaryIndex> indexes) {
        if (TextFilters.find(filter).isEmpty()) {
            return filter;
        }
        SecondaryIndex index = indexes.stream().filter(i -> i.text().isPresent() && i.info().ready()).findFirst()
                .orElseThrow(() -> ErrorCode.INDEX_NOT_FOUND.error("text index required for $text query"));
        if (!TextFilters.orSiblings(filter).stream().allMatch(c -> indexed(c, indexes))) {
            throw ErrorCode.NO_QUERY_EXECUTION_PLANS.error("error processing query: planner returned error :: caused by :: "
                    + "Failed to produce a solution for TEXT under OR - other non-TEXT clauses under OR have to be indexed as well.");
        }
        return TextFilters.bind(filter, search -> index.bind(search, filter));
    }

    /**
     * Whether MongoDB could read an $or clause beside $text through an index: Tusk's planner bounds it
     * by one, or (as MongoDB also scans an index for predicates Tusk does not bound, such as unanchored
     * regexes) one of its terms is on the first field of an index or on `_id`.
     */
    private static boolean indexed(FilterNode clause, List<SecondaryIndex> indexes) {
        if (IndexPlanner.choose(clause, indexes).isPresent()) {
            return true;
        }
        return switch (clause) {
            case FilterNode.And a -> a.children().stream().anyMatch(c -> indexed(c, indexes));
            case FilterNode.Or o -> o.children().stream().allMatch(c -> indexed(c, indexes));
            default -> FilterFields.leafPath(clause).filter(p -> p.equals(ID) || indexes.stream().anyMatch(i -> !i.info().hidden()
                    && i.info().ready() && !i.keys().paths().isEmpty() && i.keys().paths().get(0).equals(p))).isPresent();
        };
    }

    static QuerySpec bind(QuerySpec spec, List<SecondaryIndex> indexes) {
        FilterNode bound = bind(spec.filter(), indexes);
        return bound == spec.filter() ? spec : new QuerySpec(bound, spec.sort(), spec.skip(), spec.limit(), spec.projection());
    }

    /**
     * How a read decides and scores documents: without $text the given re-check and no score; with it,
     * the re-check scores each candidate once (the search's match and score are one computation) and the
     * scorer hands that score to the document it just accepted.
     */
    record Scoring(java.util.function.Predicate<BsonDocument> recheck, UnaryOperator<BsonDocument> scorer) {}

    static Scoring scoring(FilterNode filter, java.util.function.Predicate<BsonDocument> recheck) {
        Optional<BoundText> text = TextFilters.bound(filter);
        if (text.isEmpty()) {
            return new Scoring(recheck, UnaryOperator.identity());
        }
        if (!TextFilters.everyMatchScored(filter)) { // under an $or: a match found by another clause has no score
            return new Scoring(recheck, d -> {
                java.util.OptionalDouble score = text.get().query().score(d);
                return score.isPresent() ? new ScoredDocument(d, score.getAsDouble()) : ScoredDocument.unscored(d);
            });
        }
        FilterNode rest = TextFilters.withoutText(filter);
        Object[] last = new Object[2]; // the document the re-check accepted last, and its score
        return new Scoring(d -> {
            java.util.OptionalDouble score = text.get().query().score(d);
            if (score.isEmpty() || !dev.tusk.query.FilterEvaluator.matches(rest, d)) {
                return false;
            }
            last[0] = d;
            last[1] = score.getAsDouble();
            return true;
        }, d -> new ScoredDocument(d, last[0] == d ? (double) last[1] : text.get().query().score(d).orElse(0)));
    }

    /** The text index a bound filter searches, for explain. */
    static Optional<SecondaryIndex> index(FilterNode filter, List<SecondaryIndex> indexes) {
        return TextFilters.bound(filter).flatMap(b -> indexes.stream().filter(i -> i.storage().equals(b.sideTable())).findFirst());
    }
}
