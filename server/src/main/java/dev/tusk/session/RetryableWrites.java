package dev.tusk.session;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Makes a write retried with the same lsid + txnNumber apply once: the first execution's reply is
 * remembered and returned to the retry. A retry arriving while the first attempt still runs waits
 * for it. Failed attempts (ok: 0) are forgotten so the retry really runs.
 */
public final class RetryableWrites {
    private record Key(BsonValue sessionId, long txnNumber) {}

    private record Entry(CompletableFuture<BsonDocument> reply, long createdNanos) {}

    private static final long TTL_NANOS = Duration.ofMinutes(30).toNanos();
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    public BsonDocument run(BsonDocument lsid, long txnNumber, Supplier<BsonDocument> write) {
        Key key = new Key(Objects.requireNonNull(lsid.get("id"), "lsid.id"), txnNumber);
        Entry mine = new Entry(new CompletableFuture<>(), System.nanoTime());
        Entry existing;
        while ((existing = entries.putIfAbsent(key, mine)) != null) {
            BsonDocument earlier = existing.reply().exceptionally(e -> null).join();
            if (earlier != null && isOk(earlier)) {
                return earlier.clone();
            }
            entries.remove(key, existing);
        }
        try {
            BsonDocument reply = write.get();
            mine.reply().complete(reply);
            if (!isOk(reply)) {
                entries.remove(key, mine);
            }
            expireOld();
            return reply;
        } catch (RuntimeException e) {
            entries.remove(key, mine);
            mine.reply().completeExceptionally(e);
            throw e;
        }
    }

    private static boolean isOk(BsonDocument reply) {
        BsonValue ok = reply.get("ok");
        return ok != null && ok.isNumber() && ok.asNumber().doubleValue() == 1.0;
    }

    private void expireOld() {
        if (entries.size() < 10_000) {
            return;
        }
        long now = System.nanoTime();
        entries.values().removeIf(e -> now - e.createdNanos() > TTL_NANOS && e.reply().isDone());
    }
}
