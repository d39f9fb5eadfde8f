package dev.tusk.wire;

import org.bson.BsonDocument;

/** A message framed correctly whose content MongoDB refuses with an error reply (the connection stays open). */
final class RejectedMessageException extends RuntimeException {
    private final transient WireRequest request;
    private final transient BsonDocument reply;

    RejectedMessageException(WireRequest request, BsonDocument reply) {
        super("rejected message", null, false, false);
        this.request = request;
        this.reply = reply;
    }

    /** The request as far as the reply needs it (its id, flags and compressor; an empty command). */
    WireRequest request() {
        return request;
    }

    BsonDocument reply() {
        return reply;
    }
}
