package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.cursor.DocumentSizes;
import dev.tusk.cursor.DocumentSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.jooq.Condition;

/**
 * Streams a collection in `_key` order, one SQL page at a time (keyset paging: no connection is held
 * between batches and at most one page is in memory), re-checking rows the SQL could not decide,
 * then applying skip, limit and the projection.
 */
public final class ScanSource implements DocumentSource {
    private static final int MAX_PAGE = 1000;

    private final DocumentStore store;
    private final CollectionInfo collection;
    private final Condition where;
    private final Predicate<BsonDocument> recheck;
    private final UnaryOperator<BsonDocument> projection;
    private final Deque<Row> buffer = new ArrayDeque<>();
    private Optional<byte[]> lastKey = Optional.empty();
    private boolean tableDone;
    private final TimeBudget budget;
    private long skipLeft;
    private long rowsExamined;
    private long limitLeft;

    /**
     * @param recheck    the reference evaluator's verdict, applied to every row (pass {@code d -> true} when
     *                   the SQL is exact)
     * @param limit      0 = no limit
     */
    public ScanSource(DocumentStore store, CollectionInfo collection, Condition where, Predicate<BsonDocument> recheck,
            UnaryOperator<BsonDocument> projection, long skip, long limit, TimeBudget budget) {
        this.budget = budget;
        this.store = store;
        this.collection = collection;
        this.where = where;
        this.recheck = recheck;
        this.projection = projection;
        this.skipLeft = skip;
        this.limitLeft = limit == 0 ? Long.MAX_VALUE : limit;
    }

    @Override
    public List<BsonDocument> next(int maxDocs, long maxBytes) {
        long start = System.nanoTime();
        try {
            return nextBatch(maxDocs, maxBytes);
        } finally {
            budget.charge(start);
        }
    }

    private List<BsonDocument> nextBatch(int maxDocs, long maxBytes) {
        List<BsonDocument> out = new ArrayList<>();
        long bytes = 0;
        while (limitLeft > 0 && out.size() < maxDocs && (out.isEmpty() || bytes < maxBytes)) {
            if (buffer.isEmpty() && !fill(maxDocs - out.size())) {
                break;
            }
            Row row = buffer.poll();
            BsonDocument doc = row.document();
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
    }

    private boolean fill(int wanted) {
        if (tableDone) {
            return false;
        }
        long target = Math.min((long) wanted + skipLeft, limitLeft + skipLeft);
        int pageSize = (int) Math.max(16, Math.min(MAX_PAGE, target));
        List<Row> page = store.page(collection, where, lastKey, pageSize, budget);
        if (page.size() < pageSize) {
            tableDone = true;
        }
        if (!page.isEmpty()) {
            lastKey = Optional.of(page.get(page.size() - 1).key());
        }
        buffer.addAll(page);
        rowsExamined += page.size();
        return !buffer.isEmpty();
    }

    /** Rows read from PostgreSQL so far (explain's totalDocsExamined). */
    public long rowsExamined() {
        return rowsExamined;
    }

    @Override
    public boolean exhausted() {
        return limitLeft == 0 || (tableDone && buffer.isEmpty());
    }
}
