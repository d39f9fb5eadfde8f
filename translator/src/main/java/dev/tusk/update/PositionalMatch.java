package dev.tusk.update;

import dev.tusk.bson.FieldPath;
import dev.tusk.query.FilterNode;
import dev.tusk.query.PositionalIndex;
import java.util.Optional;
import org.bson.BsonDocument;

/** The array index an update's positional {@code $} stands for (see {@link PositionalIndex}). */
final class PositionalMatch {
    private PositionalMatch() {}

    static Optional<Integer> index(FilterNode query, BsonDocument doc, FieldPath arrayPath) {
        return PositionalIndex.of(query, doc, arrayPath);
    }
}
