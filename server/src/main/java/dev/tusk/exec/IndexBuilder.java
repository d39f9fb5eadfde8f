package dev.tusk.exec;

import dev.tusk.catalog.Catalog;
import dev.tusk.catalog.CollectionInfo;
import dev.tusk.catalog.IndexInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.jooq.impl.DSL;

/**
 * Builds a secondary index over the documents already stored while reads and writes go on, as
 * MongoDB's hybrid builds do. Writers are held back only while the empty index is registered
 * (IndexRegistry's exclusive lock, for one short transaction); from then on every write maintains it.
 * The existing documents are then added page by page, each page's rows locked while their keys are
 * replaced, so a concurrent update either happens before (the page reads its result) or after (it
 * replaces the keys the page wrote). Queries use the index once it is marked ready. A failed build
 * (duplicate keys for a unique index, parallel arrays) drops the index and reports MongoDB's error.
 */
public final class IndexBuilder {
    private static final int PAGE = 1000;

    private final DocumentStore store;
    private final Catalog catalog;
    private final IndexRegistry registry;

    public IndexBuilder(DocumentStore store, Catalog catalog, IndexRegistry registry) {
        this.store = store;
        this.catalog = catalog;
        this.registry = registry;
    }

    public void build(CollectionInfo c, BsonDocument spec) {
        IndexInfo info;
        try (var building = registry.building(c)) {
            info = catalog.startIndexBuild(c, spec);
        }
        SecondaryIndex index = SecondaryIndex.of(c, info);
        boolean multikey;
        try {
            multikey = fill(c, index);
        } catch (RuntimeException e) {
            drop(c, info.name());
            throw e;
        }
        catalog.finishIndexBuild(c, info.name(), multikey);
        IndexUsage.reset(index.schema(), index.storage());
    }

    public boolean drop(CollectionInfo c, String name) {
        try (var building = registry.building(c)) {
            return catalog.dropIndex(c, name);
        }
    }

    /** @return true if some document made the index multikey */
    private boolean fill(CollectionInfo c, SecondaryIndex index) {
        boolean multikey = false;
        Optional<byte[]> after = Optional.empty();
        while (true) {
            final Optional<byte[]> from = after;
            Page page = store.transaction(tx -> {
                List<Row> rows = tx.lockPage(c, DSL.trueCondition(), from, PAGE);
                boolean arrays = false;
                List<byte[]> docKeys = new ArrayList<>();
                List<byte[][]> keys = new ArrayList<>();
                for (Row row : rows) {
                    BsonDocument doc = row.document();
                    arrays |= index.keys().isMultikeyFor(doc);
                    docKeys.add(row.key());
                    for (ByteBuffer k : index.keysOf(doc)) {
                        keys.add(new byte[][] {Tx.bytes(k), row.key()});
                    }
                }
                tx.deleteIndexKeys(index, docKeys); // what writers added for these documents since the index was registered
                try {
                    tx.insertIndexRows(index, keys);
                } catch (Tx.IndexConflict conflict) {
                    throw duplicate(tx, c, index, rows, keys);
                }
                return new Page(rows.isEmpty() ? null : rows.get(rows.size() - 1).key(), rows.size(), arrays);
            });
            multikey |= page.multikey();
            if (page.size() < PAGE) {
                break;
            }
            after = Optional.of(page.last());
        }
        // Fresh statistics, so the planner knows how many keys the side table holds from the start.
        store.transaction(tx -> {
            tx.analyze(index.schema(), index.storage());
            return null;
        });
        return multikey;
    }

    /**
     * MongoDB's E11000 naming a document of the page whose key another document (an earlier page, a
     * concurrent write, or the same page) already holds.
     */
    private static RuntimeException duplicate(Tx tx, CollectionInfo c, SecondaryIndex index, List<Row> rows, List<byte[][]> keys) {
        Set<ByteBuffer> held = new HashSet<>();
        for (Row entry : tx.indexEntries(index, keys.stream().map(k -> k[0]).toList())) {
            held.add(ByteBuffer.wrap(entry.key()));
        }
        Set<ByteBuffer> inPage = new HashSet<>();
        for (Row row : rows) {
            for (ByteBuffer k : index.keysOf(row.document())) {
                if (held.contains(k) || !inPage.add(k)) {
                    return index.duplicate(c.namespace(), row.document());
                }
            }
        }
        return index.duplicate(c.namespace(), rows.get(0).document());
    }

    private record Page(byte[] last, int size, boolean multikey) {}
}
