package dev.tusk.pipeline;

import dev.tusk.query.Projection;
import java.util.Iterator;
import org.bson.BsonDocument;

/** $project with inclusion/exclusion (the find projection language). */
public record ProjectStage(Projection projection) implements Stage {
    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        return Iterators.map(input, projection::apply);
    }
}
