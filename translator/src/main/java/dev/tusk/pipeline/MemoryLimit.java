package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/** MongoDB's 100 MiB limit for one blocking stage without allowDiskUse (292). */
final class MemoryLimit {
    static final long BYTES = 100L * 1024 * 1024;
    private final String stage;
    private long used;

    MemoryLimit(String stage) {
        this.stage = stage;
    }

    void add(BsonDocument d) {
        grow(sizeOf(d));
    }

    /** Counts bytes a stage's state grew by (negative: shrank). */
    void grow(long bytes) {
        used += bytes;
        if (used > BYTES) {
            throw exceeded(stage);
        }
    }

    /** About the BSON size of a value: exact for documents and arrays, an estimate for the rest. */
    static long sizeOf(BsonValue v) {
        return switch (v) {
            case RawBsonDocument raw -> raw.getByteBuffer().remaining();
            case BsonDocument d -> sizeOf(d);
            case org.bson.BsonArray a -> sizeOf(new BsonDocument("", a));
            case org.bson.BsonString s -> 5L + s.getValue().length() * 3L;
            case org.bson.BsonBinary b -> 5L + b.getData().length;
            default -> 16;
        };
    }

    /** A document's BSON size, what the limit counts. */
    static long sizeOf(BsonDocument d) {
        return dev.tusk.bson.DocumentSizes.of(d);
    }

    static RuntimeException exceeded(String stage) {
        return ErrorCode.QUERY_EXCEEDED_MEMORY_LIMIT_NO_DISK_USE_ALLOWED.error(
                "Exceeded memory limit for %s, but didn't allow external spilling; pass allowDiskUse:true to opt in.", stage);
    }
}
