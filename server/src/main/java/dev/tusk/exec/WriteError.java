package dev.tusk.exec;

import dev.tusk.error.MongoServerException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/** One failed statement of a write batch: returned as data inside an ok: 1 reply. */
public record WriteError(int index, MongoServerException error) {
    public BsonDocument toDocument() {
        BsonDocument d = new BsonDocument("index", new BsonInt32(index))
                .append("code", new BsonInt32(error.code().code()))
                .append("errmsg", new BsonString(error.getMessage()));
        error.extra().forEach(d::append);
        return d;
    }
}
