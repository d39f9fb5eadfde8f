package dev.tusk.exec;

import dev.tusk.catalog.Catalog;
import dev.tusk.catalog.CollectionInfo;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.jooq.impl.DSL;

/**
 * Builds a secondary index over the documents already stored: the side table, its catalog row and
 * its rows are created in one transaction (readers never see a half-built index) while writers wait
 * on IndexRegistry's exclusive lock (so none is missed). A failed build (duplicate keys for a unique
 * index, parallel arrays) leaves nothing behind and reports MongoDB's error.
 */
public final class IndexBuilder {
    private final DocumentStore store;
    private final Catalog catalog;
    private final IndexRegistry registry;

    public IndexBuilder(DocumentStore store, Catalog catalog, IndexRegistry registry) {
        this.store = store;
        this.catalog = catalog;
        this.registry = registry;
    }

    public void build(CollectionInfo c, BsonDocument spec) {
        try (var building = registry.building(c)) {
            catalog.createIndex(c, spec, (connection, info) -> fill(c, SecondaryIndex.of(c, info), connection));
        }
    }

    public boolean drop(CollectionInfo c, String name) {
        try (var building = registry.building(c)) {
            return catalog.dropIndex(c, name);
        }
    }

    /** @return true if some document made the index multikey */
    private boolean fill(CollectionInfo c, SecondaryIndex index, Connection connection) {
        ScanSource scan = new ScanSource(store, c, DSL.trueCondition(), d -> true, UnaryOperator.identity(), 0, 0,
                TimeBudget.unlimited());
        Set<ByteBuffer> seen = index.info().unique() ? new HashSet<>() : Set.of();
        Tx tx = new Tx(connection);
        boolean multikey = false;
        while (!scan.exhausted()) {
            List<byte[][]> rows = new ArrayList<>();
            for (BsonDocument doc : scan.next(1000, Long.MAX_VALUE)) {
                byte[] docKey = dev.tusk.storage.IdKey.encode(doc.get("_id"));
                multikey |= index.keys().isMultikeyFor(doc);
                for (ByteBuffer k : index.keysOf(doc)) {
                    if (index.info().unique() && !seen.add(k)) {
                        throw index.duplicate(c.namespace(), doc);
                    }
                    rows.add(new byte[][] {Tx.bytes(k), docKey});
                }
            }
            tx.insertIndexRows(index, rows);
        }
        // Fresh statistics, so the planner knows how many keys the side table holds from the start.
        tx.analyze(index.schema(), index.storage());
        return multikey;
    }
}
