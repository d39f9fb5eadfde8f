package dev.tusk.dispatch;

import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonTimestamp;

/**
 * The cluster time a replica-set primary reports in $clusterTime and operationTime: a timestamp of
 * (seconds, increment) that never goes backwards.
 */
public final class ClusterClock {
    private final AtomicLong last = new AtomicLong();

    /** A new timestamp, strictly greater than every earlier one. */
    public BsonTimestamp tick() {
        long nowSeconds = System.currentTimeMillis() / 1000;
        long next = last.updateAndGet(prev -> {
            long candidate = nowSeconds << 32 | 1;
            return candidate > prev ? candidate : prev + 1;
        });
        return new BsonTimestamp(next);
    }

    /** The latest timestamp handed out (or a fresh one if none yet). */
    public BsonTimestamp now() {
        long v = last.get();
        return v == 0 ? tick() : new BsonTimestamp(v);
    }

    /** The $clusterTime document; unsigned (keyId 0) as MongoDB does without auth. */
    public BsonDocument clusterTime(BsonTimestamp t) {
        return new BsonDocument("clusterTime", t)
                .append("signature", new BsonDocument("hash", new BsonBinary(new byte[20]))
                        .append("keyId", new BsonInt64(0)));
    }
}
