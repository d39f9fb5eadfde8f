package dev.tusk.exec;

import dev.tusk.error.ErrorCode;
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
        return TextFilters.bind(filter, search -> index.bind(search, filter));
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
