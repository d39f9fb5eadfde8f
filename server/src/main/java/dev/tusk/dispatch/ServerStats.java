package dev.tusk.dispatch;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Live counters behind serverStatus: uptime, connections, opcounters. */
public final class ServerStats {
    private final Instant started = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final AtomicLong currentConnections = new AtomicLong();
    private final LongAdder totalConnections = new LongAdder();
    private final LongAdder insert = new LongAdder();
    private final LongAdder query = new LongAdder();
    private final LongAdder update = new LongAdder();
    private final LongAdder delete = new LongAdder();
    private final LongAdder getmore = new LongAdder();
    private final LongAdder command = new LongAdder();
    private final LongAdder groupsInPostgres = new LongAdder();
    private final LongAdder groupsDeclined = new LongAdder();

    private final java.util.concurrent.CountDownLatch stopping = new java.util.concurrent.CountDownLatch(1);

    /** Wakes everything that waits on {@link #awaitStopping}: the server is shutting down. */
    public void markStopping() {
        stopping.countDown();
    }

    /** Sleeps up to {@code millis}, returning early (true) when the server starts stopping. */
    public boolean awaitStopping(long millis) {
        try {
            return stopping.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    public Instant started() {
        return started;
    }

    public long uptimeMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    public void connectionOpened() {
        currentConnections.incrementAndGet();
        totalConnections.increment();
    }

    public void connectionClosed() {
        currentConnections.decrementAndGet();
    }

    public long currentConnections() {
        return currentConnections.get();
    }

    public long totalConnections() {
        return totalConnections.sum();
    }

    /** Counts one operation under MongoDB's opcounters names. */
    public void count(String commandName, long n) {
        switch (commandName) {
            case "insert" -> insert.add(n);
            case "find" -> query.add(n);
            case "update" -> update.add(n);
            case "delete" -> delete.add(n);
            case "getMore" -> getmore.add(n);
            default -> command.add(n);
        }
    }

    /** Counts a counting $group that PostgreSQL grouped, or one it gave back to Java (its grouping could differ from MongoDB's). */
    public void groupPushdown(boolean ran) {
        (ran ? groupsInPostgres : groupsDeclined).increment();
    }

    /** serverStatus's tusk.aggregateGroups: counting $groups grouped by PostgreSQL, and those given back to Java. */
    public org.bson.BsonDocument groupPushdowns() {
        return new org.bson.BsonDocument("inPostgres", new org.bson.BsonInt64(groupsInPostgres.sum()))
                .append("declined", new org.bson.BsonInt64(groupsDeclined.sum()));
    }

    public org.bson.BsonDocument opcounters() {
        return new org.bson.BsonDocument()
                .append("insert", new org.bson.BsonInt64(insert.sum()))
                .append("query", new org.bson.BsonInt64(query.sum()))
                .append("update", new org.bson.BsonInt64(update.sum()))
                .append("delete", new org.bson.BsonInt64(delete.sum()))
                .append("getmore", new org.bson.BsonInt64(getmore.sum()))
                .append("command", new org.bson.BsonInt64(command.sum()));
    }
}
