package dev.tusk.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The logical sessions this server has seen (MongoDB's local session cache): every command with an
 * {@code lsid} touches its session, endSessions forgets it, and sessions idle for 30 minutes expire
 * (MongoDB's localLogicalSessionTimeoutMinutes). {@code $listLocalSessions} lists them.
 */
public final class LocalSessions {
    private static final long TIMEOUT_MILLIS = 30L * 60 * 1000;
    /** Tusk has no users: every session belongs to the unauthenticated user, whose uid is SHA-256 of "". */
    private static final BsonBinary NO_USER = new BsonBinary(sha256(""));

    /** Idle sessions are dropped every this many commands (and when listed), so the cache stays bounded. */
    private static final int EXPIRY_EVERY = 10_000;

    private final Map<BsonValue, Long> lastUse = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong touches = new java.util.concurrent.atomic.AtomicLong();

    public void touch(BsonDocument lsid) {
        BsonValue id = lsid.get("id");
        if (id != null) {
            long now = System.currentTimeMillis();
            lastUse.put(id, now);
            if (touches.incrementAndGet() % EXPIRY_EVERY == 0) {
                expire(now);
            }
        }
    }

    public void end(BsonValue id) {
        lastUse.remove(id);
    }

    public void endAll() {
        lastUse.clear();
    }

    /** The live sessions as $listLocalSessions shows them: {_id: {id, uid}, lastUse}. */
    public List<BsonDocument> list() {
        long now = System.currentTimeMillis();
        expire(now);
        List<BsonDocument> out = new ArrayList<>();
        lastUse.forEach((id, t) -> out.add(new BsonDocument("_id", new BsonDocument("id", id).append("uid", NO_USER))
                .append("lastUse", new BsonDateTime(t))));
        return out;
    }

    private void expire(long now) {
        lastUse.values().removeIf(t -> now - t > TIMEOUT_MILLIS);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
