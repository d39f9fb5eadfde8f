package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.cursor.DocumentSizes;
import dev.tusk.cursor.DocumentSource;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.jooq.Condition;

/**
 * Streams documents in the order of a (not multikey) index, which is their sort order: keyset pages
 * over (index key, _key), so a sorted find with a limit reads only what it returns, and no page is
 * held between batches. Rows are re-checked by the evaluator when the filter's SQL is a superset;
 * a document met twice (the index turned multikey meanwhile) is returned once.
 */
public final class IndexScanSource implements DocumentSource {
    private static final int MAX_PAGE = 1000;

    private final DocumentStore store;
    private final CollectionInfo collection;
    private final SecondaryIndex index;
    private final Condition where;
    private final Condition onIndexKey;
    private final boolean reverse;
    private final Predicate<BsonDocument> recheck;
    private final UnaryOperator<BsonDocument> projection;
    private final TimeBudget budget;
    private final Deque<DocumentStore.IndexedRow> buffer = new ArrayDeque<>();
    private final Set<ByteBuffer> seen = new HashSet<>();
    private Optional<byte[][]> position = Optional.empty();
    private boolean indexDone;
    private long skipLeft;
    private long limitLeft;

    public IndexScanSource(DocumentStore store, CollectionInfo collection, SecondaryIndex index, Condition where,
            Condition onIndexKey, boolean reverse, Predicate<BsonDocument> recheck, UnaryOperator<BsonDocument> projection,
            long skip, long limit, TimeBudget budget) {
        this.store = store;
        this.collection = collection;
        this.index = index;
        this.where = where;
        this.onIndexKey = onIndexKey;
        this.reverse = reverse;
        this.recheck = recheck;
        this.projection = projection;
        this.budget = budget;
        this.skipLeft = skip;
        this.limitLeft = limit == 0 ? Long.MAX_VALUE : limit;
    }

    @Override
    public List<BsonDocument> next(int maxDocs, long maxBytes) {
        long start = System.nanoTime();
        try {
            List<BsonDocument> out = new ArrayList<>();
            long bytes = 0;
            while (limitLeft > 0 && out.size() < maxDocs && (out.isEmpty() || bytes < maxBytes)) {
                if (buffer.isEmpty() && !fill(maxDocs - out.size())) {
                    break;
                }
                DocumentStore.IndexedRow r = buffer.poll();
                if (!seen.add(ByteBuffer.wrap(r.row().key()))) {
                    continue;
                }
                BsonDocument doc = r.row().document();
                if (!recheck.test(doc)) {
                    continue;
                }
                if (skipLeft > 0) {
                    skipLeft--;
                    continue;
                }
                BsonDocument projected = projection.apply(doc);
                bytes += DocumentSizes.of(projected);
                out.add(projected);
                limitLeft--;
            }
            return out;
        } finally {
            budget.charge(start);
        }
    }

    private boolean fill(int wanted) {
        if (indexDone) {
            return false;
        }
        long target = Math.min((long) wanted + skipLeft, limitLeft + skipLeft);
        int pageSize = (int) Math.max(16, Math.min(MAX_PAGE, target));
        List<DocumentStore.IndexedRow> page = store.indexPage(collection, index, where, onIndexKey, position, reverse,
                pageSize, budget);
        if (page.size() < pageSize) {
            indexDone = true;
        }
        if (!page.isEmpty()) {
            DocumentStore.IndexedRow last = page.get(page.size() - 1);
            position = Optional.of(new byte[][] {last.indexKey(), last.row().key()});
        }
        buffer.addAll(page);
        return !buffer.isEmpty();
    }

    @Override
    public boolean exhausted() {
        return limitLeft == 0 || (indexDone && buffer.isEmpty());
    }
}
