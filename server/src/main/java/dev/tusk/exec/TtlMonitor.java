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
 * seconds, and each clustered collection with expireAfterSeconds those whose `_id` is such a date.
 * Documents without a date there never expire.
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
                if (!c.isView() && c.options().isNumber("expireAfterSeconds")) { // a clustered collection's: by `_id`
                    deleted += expire(c, "_id", now - c.options().getNumber("expireAfterSeconds").longValue() * 1000);
                }
                for (IndexInfo index : catalog.indexes(c)) {
                    if (index.expireAfterSeconds().isEmpty() || index.key().size() != 1 || index.isIdIndex()) {
                        continue;
                    }
                    deleted += expire(c, index.key().getFirstKey(), now - index.expireAfterSeconds().get() * 1000);
                }
            }
        }
        return deleted;
    }

    /** Deletes the documents whose field is a date (or holds one) before the cutoff. */
    private long expire(CollectionInfo c, String field, long cutoffMillis) {
        FilterNode expired = FilterParser.parse(new BsonDocument(field, new BsonDocument("$lt", new BsonDateTime(cutoffMillis))));
        try (var writing = indexes.writing(c)) {
            return new DeleteExecutor(store, writing.indexes()).deleteMany(c, expired);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
