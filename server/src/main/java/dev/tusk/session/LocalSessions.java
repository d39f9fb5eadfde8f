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

    private final Map<BsonValue, Long> lastUse = new ConcurrentHashMap<>();

    public void touch(BsonDocument lsid) {
        BsonValue id = lsid.get("id");
        if (id != null) {
            lastUse.put(id, System.currentTimeMillis());
        }
    }

    public void end(BsonValue id) {
        lastUse.remove(id);
    }

    /** The live sessions as $listLocalSessions shows them: {_id: {id, uid}, lastUse}. */
    public List<BsonDocument> list() {
        long now = System.currentTimeMillis();
        lastUse.values().removeIf(t -> now - t > TIMEOUT_MILLIS);
        List<BsonDocument> out = new ArrayList<>();
        lastUse.forEach((id, t) -> out.add(new BsonDocument("_id", new BsonDocument("id", id).append("uid", NO_USER))
                .append("lastUse", new BsonDateTime(t))));
        return out;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
