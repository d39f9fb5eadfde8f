package dev.tusk.exec;

import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * What one update statement did.
 *
 * @param before the first matched document before the update (findAndModify's "old" value)
 * @param after  the first matched or upserted document after the update ("new" value)
 */
public record UpdateResult(long matched, long modified, Optional<BsonValue> upsertedId, Optional<BsonDocument> before,
        Optional<BsonDocument> after) {}
