package dev.tusk.pipeline;

import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import java.util.Iterator;
import org.bson.BsonDocument;

/** $match: the query language's filter. */
public record MatchStage(FilterNode filter) implements Stage {
    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        return Iterators.filter(input, d -> FilterEvaluator.matches(filter, d));
    }
}
