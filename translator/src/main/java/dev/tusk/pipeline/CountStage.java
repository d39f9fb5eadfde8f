package dev.tusk.pipeline;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/** $count: one document {field: n}, or nothing when there are no inputs. */
public record CountStage(String field) implements Stage {
    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        long n = 0;
        while (input.hasNext()) {
            input.next();
            n++;
        }
        if (n == 0) {
            return Collections.emptyIterator();
        }
        org.bson.BsonValue count = n <= Integer.MAX_VALUE ? new BsonInt32((int) n) : new org.bson.BsonInt64(n);
        return List.of(new BsonDocument(field, count)).iterator();
    }
}
