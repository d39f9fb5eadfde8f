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

    /** maxTimeMS as a budget for this command (and the cursor it opens). */
    public dev.tusk.exec.TimeBudget timeBudget() {
        return dev.tusk.exec.TimeBudget.ofMillis(generic.maxTimeMS().orElse(0));
    }

    /** The value of the command's first field (e.g. the collection name for find). */
    public BsonValue commandValue() {
        return body.get(body.getFirstKey());
    }

    /** Admin commands answer 13 elsewhere, with MongoDB's message. */
    public void requireAdminDatabase() {
        if (!database.equals("admin")) {
            throw dev.tusk.error.ErrorCode.UNAUTHORIZED.error("%s may only be run against the admin database.", name);
        }
    }
}
