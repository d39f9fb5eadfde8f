package dev.tusk.dispatch;

import dev.tusk.wire.ConnectionState;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A command as received: its name (the body's first key), the whole body, the target database and
 * the generic arguments every command accepts.
 */
public record CommandRequest(String name, BsonDocument body, String database, GenericArguments generic,
        ConnectionState connection) {

    /** The value of the command's first field (e.g. the collection name for find). */
    public BsonValue commandValue() {
        return body.get(body.getFirstKey());
    }
}
