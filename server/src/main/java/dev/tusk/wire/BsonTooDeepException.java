package dev.tusk.wire;

/** A well-formed BSON document nested deeper than {@link WireLimits#MAX_BSON_DEPTH}: MongoDB answers it, not the connection. */
final class BsonTooDeepException extends RuntimeException {
    BsonTooDeepException() {
        super("BSONObj exceeded maximum nested object depth: " + WireLimits.MAX_BSON_DEPTH, null, false, false);
    }
}
