package dev.tusk.wire;

/** The size limits Tusk enforces on the wire and advertises in hello (MongoDB 7.0's values). */
public final class WireLimits {
    /** Largest message accepted or sent, header included; checked on the length prefix before buffering. */
    public static final int MAX_MESSAGE_SIZE_BYTES = 48_000_000;
    /** Largest user document. */
    public static final int MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
    public static final int MAX_WRITE_BATCH_SIZE = 100_000;
    /** Deepest document nesting accepted in a message (MongoDB's BSONDepth default). */
    public static final int MAX_BSON_DEPTH = 200;

    private WireLimits() {}
}
