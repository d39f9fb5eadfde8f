package dev.tusk.cursor;

import java.util.concurrent.locks.ReentrantLock;

/** A registered cursor: its id, namespace and source; one getMore at a time. */
public final class OpenCursor {
    private final long id;
    private final String namespace;
    private final DocumentSource source;
    private final java.util.Optional<org.bson.BsonValue> session;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long lastUsedNanos = System.nanoTime();

    OpenCursor(long id, String namespace, DocumentSource source, java.util.Optional<org.bson.BsonValue> session) {
        this.id = id;
        this.namespace = namespace;
        this.source = source;
        this.session = session;
    }

    /** The logical session ({@code lsid.id}) the cursor was opened in, if any. */
    public java.util.Optional<org.bson.BsonValue> session() {
        return session;
    }

    public long id() {
        return id;
    }

    public String namespace() {
        return namespace;
    }

    public DocumentSource source() {
        return source;
    }

    public ReentrantLock lock() {
        return lock;
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }
}
