package dev.tusk.cursor;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Open cursors by id. Cursors are not tied to a connection (drivers send getMore on any pooled
 * connection); idle ones are closed after 10 minutes, as MongoDB's cursorTimeoutMillis.
 */
public final class CursorRegistry implements AutoCloseable {
    private static final long IDLE_TIMEOUT_NANOS = Duration.ofMinutes(10).toNanos();

    private final Map<Long, OpenCursor> cursors = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tusk-cursor-reaper");
        t.setDaemon(true);
        return t;
    });

    public CursorRegistry() {
        reaper.scheduleWithFixedDelay(this::closeIdle, 60, 60, TimeUnit.SECONDS);
    }

    /** Registers a source that still has documents and returns its new cursor id (never 0). */
    public long register(String namespace, DocumentSource source, java.util.Optional<org.bson.BsonValue> session) {
        while (true) {
            long id = random.nextLong() & Long.MAX_VALUE;
            if (id != 0 && cursors.putIfAbsent(id, new OpenCursor(id, namespace, source, session)) == null) {
                return id;
            }
        }
    }

    /** Closes the cursors opened in these sessions (in any session when {@code all}). */
    public void killSessions(java.util.Set<org.bson.BsonValue> ids, boolean all) {
        cursors.values().stream().filter(c -> c.session().map(id -> all || ids.contains(id)).orElse(false))
                .map(OpenCursor::id).toList().forEach(this::kill);
    }

    public Optional<OpenCursor> get(long id) {
        OpenCursor c = cursors.get(id);
        if (c != null) {
            c.touch();
        }
        return Optional.ofNullable(c);
    }

    /** Closes and forgets a cursor; false if it did not exist. */
    public boolean kill(long id) {
        OpenCursor c = cursors.remove(id);
        if (c == null) {
            return false;
        }
        c.source().close();
        return true;
    }

    public int size() {
        return cursors.size();
    }

    private void closeIdle() {
        cursors.values().stream().filter(c -> c.idleNanos() > IDLE_TIMEOUT_NANOS).map(OpenCursor::id).toList()
                .forEach(this::kill);
    }

    public void closeAll() {
        cursors.keySet().stream().toList().forEach(this::kill);
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        closeAll();
    }
}
