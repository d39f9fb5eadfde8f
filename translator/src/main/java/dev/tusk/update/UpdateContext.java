package dev.tusk.update;

import dev.tusk.bson.BsonText;
import java.util.Optional;
import org.bson.BsonDateTime;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/** What an update needs besides the document: upsert-insert or not, the _id for messages, the time. */
record UpdateContext(boolean isUpsertInsert, Optional<BsonValue> id, long nowMillis) {
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
