package dev.tusk.exec;

import dev.tusk.bson.DocumentSizes;
import dev.tusk.cursor.DocumentSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;

/**
 * A cursor's source that reads SQL pages on demand (keyset paging: no connection or page is held
 * between batches), re-checks rows the SQL could not decide, then applies skip, limit and the
 * projection (and appends the record id of rows read with one). Subclasses say how to read the next page.
 */
abstract class PagedSource implements DocumentSource {
    private static final int MAX_PAGE = 1000;

    private final Predicate<BsonDocument> recheck;
    private final UnaryOperator<BsonDocument> projection;
    private final TimeBudget budget;
    private final Deque<Row> buffer = new ArrayDeque<>();
    private boolean sqlDone;
    private long skipLeft;
    private long limitLeft;

    /**
     * @param recheck the reference evaluator's verdict on each row ({@code d -> true} when the SQL is exact)
     * @param limit   0 = no limit
     */
    PagedSource(Predicate<BsonDocument> recheck, UnaryOperator<BsonDocument> projection, long skip, long limit,
            TimeBudget budget) {
        this.recheck = recheck;
        this.projection = projection;
        this.budget = budget;
        this.skipLeft = skip;
        this.limitLeft = limit == 0 ? Long.MAX_VALUE : limit;
    }

    /** How many rows a page asks for when {@code wanted} more are needed (at least 16, at most 1,000). */
    static int pageSize(long wanted) {
        return (int) Math.max(16, Math.min(MAX_PAGE, wanted));
    }

    /** The next page after the last row returned so far; fewer than pageSize rows means the end. */
    protected abstract List<Row> fetch(int pageSize, TimeBudget budget);

    /** Rows read from PostgreSQL so far (explain's totalDocsExamined). */
    public abstract long rowsExamined();

    /** False to drop a row before the re-check (e.g. one already returned). */
    protected boolean accept(Row row) {
        return true;
    }

    @Override
    public final List<BsonDocument> next(int maxDocs, long maxBytes) {
        long start = System.nanoTime();
        try {
            List<BsonDocument> out = new ArrayList<>();
            long bytes = 0;
            while (limitLeft > 0 && out.size() < maxDocs && (out.isEmpty() || bytes < maxBytes)) {
                if (buffer.isEmpty() && !fill(maxDocs - out.size())) {
                    break;
                }
                Row row = buffer.poll();
                if (!accept(row)) {
                    continue;
                }
                BsonDocument doc = row.document();
                if (!recheck.test(doc)) {
                    continue;
                }
                if (skipLeft > 0) {
                    skipLeft--;
                    continue;
                }
                BsonDocument projected = RecordIds.appendTo(projection.apply(doc), row);
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
        if (sqlDone) {
            return false;
        }
        int pageSize = pageSize(Math.min((long) wanted + skipLeft, limitLeft + skipLeft));
        List<Row> page = fetch(pageSize, budget);
        if (page.size() < pageSize) {
            sqlDone = true;
        }
        buffer.addAll(page);
        return !buffer.isEmpty();
    }

    @Override
    public final boolean exhausted() {
        return limitLeft == 0 || (sqlDone && buffer.isEmpty());
    }
}
