package dev.tusk.session;

import dev.tusk.error.ErrorCode;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Makes a write retried with the same lsid + txnNumber apply once: the first execution's reply is
 * remembered and returned to the retry. A retry arriving while the first attempt still runs waits
 * for it. Failed attempts (ok: 0) are forgotten so the retry really runs. As on MongoDB, a session
 * remembers only its latest txnNumber; an older one is refused (225 TransactionTooOld).
 */
public final class RetryableWrites {
    private record Entry(long txnNumber, CompletableFuture<BsonDocument> reply, long createdNanos) {}

    private static final long TTL_NANOS = Duration.ofMinutes(30).toNanos();
    private static final long SWEEP_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    private final Map<BsonValue, Entry> sessions = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    public BsonDocument run(BsonDocument lsid, long txnNumber, Supplier<BsonDocument> write) {
        BsonValue session = Objects.requireNonNull(lsid.get("id"), "lsid.id");
        Entry mine = new Entry(txnNumber, new CompletableFuture<>(), System.nanoTime());
        while (true) {
            Entry existing = sessions.putIfAbsent(session, mine);
            if (existing == null) {
                break;
            }
            if (existing.txnNumber() > txnNumber) {
                throw ErrorCode.TRANSACTION_TOO_OLD.error(
                        "Retryable write with txnNumber %d is prohibited on session %s because a newer retryable "
                                + "write with txnNumber %d has already started on this session.",
                        txnNumber, session, existing.txnNumber());
            }
            if (existing.txnNumber() == txnNumber) {
                BsonDocument earlier = existing.reply().exceptionally(e -> null).join();
                if (earlier != null && isOk(earlier)) {
                    return earlier.clone();
                }
                sessions.remove(session, existing);
            } else if (sessions.replace(session, existing, mine)) {
                break;
            }
        }
        try {
            BsonDocument reply = write.get();
            mine.reply().complete(reply);
            if (!isOk(reply)) {
                sessions.remove(session, mine);
            }
            sweep();
            return reply;
        } catch (RuntimeException | Error e) { // an Error too: a retry waiting on this reply must not wait for ever
            sessions.remove(session, mine);
            mine.reply().completeExceptionally(e);
            throw e;
        }
    }

    /** Whether this write already ran (or runs now) for the session, so a retry will get its reply instead of running it. */
    public boolean ranBefore(BsonDocument lsid, long txnNumber) {
        Entry existing = sessions.get(Objects.requireNonNull(lsid.get("id"), "lsid.id"));
        if (existing == null || existing.txnNumber() != txnNumber) {
            return false;
        }
        CompletableFuture<BsonDocument> reply = existing.reply();
        return !reply.isDone() || !reply.isCompletedExceptionally() && isOk(reply.join());
    }

    private static boolean isOk(BsonDocument reply) {
        BsonValue ok = reply.get("ok");
        return ok != null && ok.isNumber() && ok.asNumber().doubleValue() == 1.0;
    }

    /** Forgets sessions idle for longer than MongoDB keeps them; at most once a minute. */
    private void sweep() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (now - last < SWEEP_EVERY_NANOS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        sessions.values().removeIf(e -> now - e.createdNanos() > TTL_NANOS && e.reply().isDone());
    }
}
