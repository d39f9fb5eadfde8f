package dev.tusk.exec;

import dev.tusk.catalog.Catalog;
import dev.tusk.catalog.CollectionInfo;
import dev.tusk.catalog.IndexInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.jooq.impl.DSL;

/**
 * Builds a secondary index over the documents already stored: creates it empty in the catalog, then
 * fills its side table in one transaction while writers wait (IndexRegistry's exclusive lock). A
 * build that fails (duplicate keys for a unique index, parallel arrays) drops what it created and
 * reports MongoDB's error.
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
            IndexInfo info = catalog.createIndex(c, spec);
            try {
                fill(c, SecondaryIndex.of(c, info));
            } catch (RuntimeException e) {
                catalog.dropIndex(c, info.name());
                throw e;
            }
        }
    }

    public boolean drop(CollectionInfo c, String name) {
        try (var building = registry.building(c)) {
            return catalog.dropIndex(c, name);
        }
    }

    private void fill(CollectionInfo c, SecondaryIndex index) {
        ScanSource scan = new ScanSource(store, c, DSL.trueCondition(), d -> true, UnaryOperator.identity(), 0, 0,
                TimeBudget.unlimited());
        Set<ByteBuffer> seen = index.info().unique() ? new HashSet<>() : Set.of();
        store.transaction(tx -> {
            while (!scan.exhausted()) {
                List<byte[][]> rows = new ArrayList<>();
                for (BsonDocument doc : scan.next(1000, Long.MAX_VALUE)) {
                    byte[] docKey = dev.tusk.storage.IdKey.encode(doc.get("_id"));
                    for (ByteBuffer k : index.keysOf(doc)) {
                        if (index.info().unique() && !seen.add(k)) {
                            throw index.duplicate(c.namespace(), doc);
                        }
                        rows.add(new byte[][] {Tx.bytes(k), docKey});
                    }
                }
                tx.insertIndexRows(index, rows);
            }
            return null;
        });
    }

}
