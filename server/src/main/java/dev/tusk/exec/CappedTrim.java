package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import java.util.List;

/**
 * Deletes a capped collection's oldest documents, inside the transaction that inserted, until it fits
 * its limits again ({@link CappedLimits}). The counters come from {@code tusk_catalog.capped_usage}
 * (kept by the table's triggers), so only the rows that go are read, never the whole table.
 */
public final class CappedTrim {
    private static final int FIRST_PAGE = 16;
    private static final int MAX_PAGE = 4096;

    private CappedTrim() {}

    /** Trims a collection just made capped or given smaller limits (convertToCapped), in a transaction of its own. */
    public static void toLimits(DocumentStore store, CollectionInfo c, List<SecondaryIndex> indexes) {
        store.transaction(tx -> {
            afterInsert(tx, c, indexes);
            return null;
        });
    }

    /** Call last in an inserting transaction, once the new documents' index keys are in. */
    static void afterInsert(Tx tx, CollectionInfo c, List<SecondaryIndex> indexes) {
        if (!c.capped()) {
            return;
        }
        CappedLimits limits = CappedLimits.of(c);
        long[] usage = tx.cappedUsage(c);
        long documents = usage[0];
        long bytes = usage[1];
        long after = Long.MIN_VALUE;
        long through = Long.MIN_VALUE;
        int pageSize = FIRST_PAGE;
        while (limits.exceeded(documents, bytes)) {
            List<long[]> page = tx.oldest(c, after, pageSize);
            if (page.isEmpty()) {
                break;
            }
            long[] sizes = page.stream().mapToLong(row -> row[1]).toArray();
            int n = limits.oldestToDelete(documents, bytes, sizes);
            for (int i = 0; i < n; i++) {
                documents--;
                bytes -= sizes[i];
            }
            if (n > 0) {
                through = page.get(n - 1)[0];
            }
            if (n < page.size()) {
                break;
            }
            after = page.get(page.size() - 1)[0];
            pageSize = Math.min(MAX_PAGE, pageSize * 4);
        }
        if (through == Long.MIN_VALUE) {
            return;
        }
        List<byte[]> deleted = tx.deleteThroughSeq(c, through);
        for (int from = 0; from < deleted.size(); from += 10_000) {
            List<byte[]> part = deleted.subList(from, Math.min(deleted.size(), from + 10_000));
            for (SecondaryIndex index : indexes) {
                tx.deleteIndexKeys(index, part);
            }
        }
    }
}
