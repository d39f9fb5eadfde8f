package dev.tusk.command;

import org.bson.BsonDocument;
import org.bson.BsonDouble;

/** Small helpers for reply documents. */
final class Replies {
    private Replies() {}

    static BsonDocument ok() {
        return new BsonDocument("ok", new BsonDouble(1.0));
    }

    /** Appends ok: 1.0 at the end, where MongoDB puts it. */
    static BsonDocument ok(BsonDocument reply) {
        return reply.append("ok", new BsonDouble(1.0));
    }
}
