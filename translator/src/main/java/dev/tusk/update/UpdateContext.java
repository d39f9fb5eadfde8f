package dev.tusk.update;

import dev.tusk.bson.BsonText;
import java.util.Optional;
import org.bson.BsonDateTime;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/**
 * What an update needs besides the document: upsert-insert or not, the _id for messages, the time,
 * and for the positional {@code $} the query and the document as it was before the update.
 */
record UpdateContext(boolean isUpsertInsert, Optional<BsonValue> id, long nowMillis,
        Optional<dev.tusk.query.FilterNode> query, org.bson.BsonDocument original) {
    /** The array index {@code $} stands for under arrayPath, if the query matched one. */
    Optional<Integer> positionalIndex(dev.tusk.bson.FieldPath arrayPath) {
        return query.flatMap(q -> PositionalMatch.index(q, original, arrayPath));
    }

    /** {@code {_id: 1}} as MongoDB names the document in error messages. */
    String idText() {
        return id.map(v -> BsonText.braced("_id", v)).orElse("{}");
    }

    BsonDateTime now() {
        return new BsonDateTime(nowMillis);
    }

    BsonTimestamp nowTimestamp() {
        return new BsonTimestamp((int) (nowMillis / 1000), 1);
    }
}
