package dev.tusk.exec;

import dev.tusk.index.IndexBounds;
import dev.tusk.index.IndexEntries;
import dev.tusk.index.IndexKeys;
import dev.tusk.index.KeyRange;
import dev.tusk.query.FilterNode;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;

/**
 * returnKey: each result becomes the key, under the key pattern's field names, of the index the
 * query reads it through; an empty document after a collection scan. On a multikey index that is
 * the document's first entry (in index order) inside the scanned key ranges, as MongoDB's scan meets it.
 */
final class ReturnKeys {
    private ReturnKeys() {}

    static UnaryOperator<BsonDocument> collectionScan() {
        return d -> new BsonDocument();
    }

    /** Through an index scanned over these key ranges (empty: the whole index). */
    static UnaryOperator<BsonDocument> through(BsonDocument keyPattern, Optional<List<KeyRange>> ranges) {
        IndexEntries entries = new IndexEntries(keyPattern);
        return d -> ranges.flatMap(r -> entries.first(d, r))
                .or(() -> entries.of(d).stream().findFirst())
                .map(IndexEntries.Entry::key)
                .orElseGet(BsonDocument::new);
    }

    /** Through the hinted index, scanned over min/max or else over the filter's bounds on it. */
    static UnaryOperator<BsonDocument> hinted(FindOptions.Hint hint, FilterNode filter, Optional<KeyRange> bounds) {
        return switch (hint) {
            case FindOptions.Hint.Natural n -> collectionScan();
            case FindOptions.Hint.IdIndex i -> {
                BsonDocument pattern = IndexPlanner.idPattern();
                yield through(pattern, bounds.map(List::of)
                        .or(() -> IndexBounds.of(filter, new IndexKeys(pattern, false, Optional.empty()), false)));
            }
            case FindOptions.Hint.Secondary s -> through(s.index().info().key(), bounds.map(List::of)
                    .or(() -> IndexBounds.of(filter, s.index().keys(), s.index().info().sparse())));
        };
    }
}
