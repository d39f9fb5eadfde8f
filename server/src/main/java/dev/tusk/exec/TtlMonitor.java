package dev.tusk.exec;

import dev.tusk.catalog.Catalog;
import dev.tusk.catalog.CollectionInfo;
import dev.tusk.catalog.IndexInfo;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MongoDB's TTL monitor: every interval, each single-field index with expireAfterSeconds deletes the
 * documents whose indexed field is a date (or an array holding one) older than now minus that many
 * seconds. Documents without a date there never expire.
 */
public final class TtlMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TtlMonitor.class);

    private final Catalog catalog;
    private final DocumentStore store;
    private final IndexRegistry indexes;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tusk-ttl-monitor");
        t.setDaemon(true);
        return t;
    });

    public TtlMonitor(Catalog catalog, DocumentStore store, IndexRegistry indexes, int intervalSeconds) {
        this.catalog = catalog;
        this.store = store;
        this.indexes = indexes;
        timer.scheduleWithFixedDelay(this::runOnceSafely, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    private void runOnceSafely() {
        try {
            long deleted = runOnce();
            if (deleted > 0) {
                log.info("TTL monitor deleted {} expired documents", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("TTL monitor pass failed: {}", e.getMessage(), e);
        }
    }

    /** One pass over every TTL index; returns how many documents it deleted. */
    public long runOnce() {
        long deleted = 0;
        long now = System.currentTimeMillis();
        for (String db : catalog.databases()) {
            for (CollectionInfo c : catalog.collections(db)) {
                for (IndexInfo index : catalog.indexes(c)) {
                    if (index.expireAfterSeconds().isEmpty() || index.key().size() != 1 || index.isIdIndex()) {
                        continue;
                    }
                    BsonDateTime cutoff = new BsonDateTime(now - index.expireAfterSeconds().get() * 1000);
                    FilterNode expired = FilterParser.parse(new BsonDocument(index.key().getFirstKey(),
                            new BsonDocument("$lt", cutoff)));
                    try (var writing = indexes.writing(c)) {
                        deleted += new DeleteExecutor(store, writing.indexes()).deleteMany(c, expired);
                    }
                }
            }
        }
        return deleted;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
