package dev.tusk.exec;

import dev.tusk.catalog.Catalog;
import dev.tusk.catalog.CollectionInfo;
import dev.tusk.catalog.IndexInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The secondary indexes writers must maintain, and the per-collection lock that keeps index builds
 * and drops from racing with writes: writers share the lock for the whole write (so the index list
 * they maintain cannot change under them), builds and drops take it exclusively. One Tusk process
 * per PostgreSQL database is assumed (docs/ARCHITECTURE.md).
 */
public final class IndexRegistry {
    private final Catalog catalog;
    private final Map<String, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();

    public IndexRegistry(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Held while writing documents; gives the indexes to maintain. */
    public final class Writing implements AutoCloseable {
        private final ReentrantReadWriteLock.ReadLock lock;
        private final CollectionInfo collection;
        private final List<SecondaryIndex> indexes;
        private final java.util.Set<String> markedMultikey = new java.util.HashSet<>();

        private Writing(CollectionInfo c) {
            this.lock = lockOf(c).readLock();
            lock.lock();
            this.collection = c;
            this.indexes = maintained(c);
        }

        public List<SecondaryIndex> indexes() {
            return indexes;
        }

        /**
         * Before a document's keys are written: if it makes an index multikey, record that first, so
         * no reader relies on one key per document once such a document can be seen.
         */
        public synchronized void noteDocument(org.bson.BsonDocument doc) {
            for (SecondaryIndex index : indexes) {
                if (!index.info().multikey() && !markedMultikey.contains(index.info().name()) && index.keys().isMultikeyFor(doc)) {
                    catalog.markMultikey(collection, index.info().name());
                    markedMultikey.add(index.info().name());
                }
            }
        }

        @Override
        public void close() {
            lock.unlock();
        }
    }

    /** Held while building or dropping an index: no document changes meanwhile. */
    public final class Building implements AutoCloseable {
        private final ReentrantReadWriteLock.WriteLock lock;

        private Building(CollectionInfo c) {
            this.lock = lockOf(c).writeLock();
            lock.lock();
        }

        @Override
        public void close() {
            lock.unlock();
        }
    }

    public Writing writing(CollectionInfo c) {
        return new Writing(c);
    }

    public Building building(CollectionInfo c) {
        return new Building(c);
    }

    /** The secondary (non-`_id`) indexes queries may use (built ones); no lock needed to read. */
    public List<SecondaryIndex> secondary(CollectionInfo c) {
        return maintained(c).stream().filter(i -> i.info().ready()).toList();
    }

    /** Every secondary index writes must maintain, those being built included. */
    private List<SecondaryIndex> maintained(CollectionInfo c) {
        List<SecondaryIndex> out = new ArrayList<>();
        for (IndexInfo info : catalog.indexes(c)) {
            if (!info.isIdIndex()) {
                out.add(SecondaryIndex.of(c, info));
            }
        }
        return out;
    }

    private ReentrantReadWriteLock lockOf(CollectionInfo c) {
        return locks.computeIfAbsent(c.db() + "\0" + c.name(), k -> new ReentrantReadWriteLock(true));
    }
}
