package dev.tusk.exec;

import dev.tusk.catalog.Catalog;
import dev.tusk.catalog.CollectionInfo;
import dev.tusk.storage.QueryForm;
import java.util.List;
import java.util.Optional;
import org.bson.RawBsonDocument;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the collections created before typed numbers (catalog q_format 1, migration V7) a query form
 * whose numbers say their BSON type: each row's {@code q} is written again from its document, a page of
 * rows at a time, only where the document is still the one read (a concurrent write has written a typed
 * {@code q} already, as every write does now); then the catalog records the collection as typed and
 * PostgreSQL may compute its sums. Runs once in the background when the server starts.
 */
public final class TypedNumbersUpgrade {
    private static final Logger log = LoggerFactory.getLogger(TypedNumbersUpgrade.class);
    private static final int PAGE = 1000;

    private TypedNumbersUpgrade() {}

    /** Upgrades every untyped collection; returns how many it upgraded. */
    public static int run(Catalog catalog, DocumentStore store) {
        int upgraded = 0;
        for (CollectionInfo c : catalog.untypedCollections()) {
            long rows = rewrite(store, c);
            catalog.markTypedNumbers(c);
            log.info("query form of {} has typed numbers now ({} documents rewritten)", c.namespace(), rows);
            upgraded++;
        }
        return upgraded;
    }

    /** Starts {@link #run} on a background thread; failures are logged (the collection stays untyped, which is correct, only slower). */
    public static void startInBackground(Catalog catalog, DocumentStore store) {
        Thread.ofVirtual().name("tusk-typed-numbers").start(() -> {
            try {
                run(catalog, store);
            } catch (RuntimeException e) {
                log.warn("typed numbers upgrade stopped: {}", e.getMessage());
            }
        });
    }

    private static long rewrite(DocumentStore store, CollectionInfo c) {
        long rows = 0;
        Optional<byte[]> after = Optional.empty();
        while (true) {
            List<Row> page = store.page(c, DSL.noCondition(), after, PAGE, TimeBudget.unlimited());
            if (page.isEmpty()) {
                return rows;
            }
            store.transaction(tx -> {
                for (Row row : page) {
                    tx.rewriteQueryForm(c, row.key(), row.bson(), QueryForm.toJson(new RawBsonDocument(row.bson())));
                }
                return null;
            });
            rows += page.size();
            after = Optional.of(page.get(page.size() - 1).key());
        }
    }
}
