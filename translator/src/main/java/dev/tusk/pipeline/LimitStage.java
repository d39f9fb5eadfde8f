package dev.tusk.pipeline;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.bson.BsonDocument;

/** $limit: at most n documents. */
public record LimitStage(long n) implements Stage {
    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        return new Iterator<>() {
            private long left = n;

            @Override
            public boolean hasNext() {
                return left > 0 && input.hasNext();
            }

            @Override
            public BsonDocument next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                left--;
                return input.next();
            }
        };
    }
}
