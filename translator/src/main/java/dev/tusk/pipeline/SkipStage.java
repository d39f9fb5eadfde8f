package dev.tusk.pipeline;

import java.util.Iterator;
import org.bson.BsonDocument;

/** $skip: drops the first n documents. */
public record SkipStage(long n) implements Stage {
    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        for (long i = 0; i < n && input.hasNext(); i++) {
            input.next();
        }
        return input;
    }
}
