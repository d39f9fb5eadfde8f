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
        return TextFilters.bind(filter, index::bind);
    }

    static QuerySpec bind(QuerySpec spec, List<SecondaryIndex> indexes) {
        FilterNode bound = bind(spec.filter(), indexes);
        return bound == spec.filter() ? spec : new QuerySpec(bound, spec.sort(), spec.skip(), spec.limit(), spec.projection());
    }

    /** Gives each matched document its text score (identity for a filter without $text). */
    static UnaryOperator<BsonDocument> scorer(FilterNode filter) {
        Optional<BoundText> text = TextFilters.bound(filter);
        return text.<UnaryOperator<BsonDocument>>map(t -> d -> new ScoredDocument(d, t.query().score(d).orElse(0)))
                .orElse(UnaryOperator.identity());
    }

    /** The text index a bound filter searches, for explain. */
    static Optional<SecondaryIndex> index(FilterNode filter, List<SecondaryIndex> indexes) {
        return TextFilters.bound(filter).flatMap(b -> indexes.stream().filter(i -> i.storage().equals(b.sideTable())).findFirst());
    }
}
