package dev.tusk.exec;

import dev.tusk.bson.DocumentSizes;
import dev.tusk.catalog.CollectionInfo;
import dev.tusk.cursor.DocumentSource;
import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.jooq.Condition;

/**
 * A tailable cursor's source: a capped collection in insertion order that reaching the end does not
 * exhaust. Each batch reads the rows after the last `_seq` it returned, so a later getMore returns
 * the documents inserted since (writers of a capped collection take `_seq` values in commit order:
 * see migration V5). Only a limit or closing ends it.
 */
public final class TailableScan implements DocumentSource {
    private static final int MAX_PAGE = 1000;

    private final DocumentStore store;
    private final CollectionInfo collection;
    private final Condition where;
    private final Predicate<BsonDocument> recheck;
    private final UnaryOperator<BsonDocument> projection;
    private final TimeBudget budget;
    private final boolean awaitData;
    private OptionalLong lastSeq = OptionalLong.empty();
    private long skipLeft;
    private long limitLeft;
    private volatile boolean closed;

    /** @param limit 0 = no limit */
    public TailableScan(DocumentStore store, CollectionInfo collection, Condition where, Predicate<BsonDocument> recheck,
            UnaryOperator<BsonDocument> projection, long skip, long limit, boolean awaitData, TimeBudget budget) {
        this.store = store;
        this.collection = collection;
        this.where = where;
        this.recheck = recheck;
        this.projection = projection;
        this.skipLeft = skip;
        this.limitLeft = limit == 0 ? Long.MAX_VALUE : limit;
        this.awaitData = awaitData;
        this.budget = budget;
    }

    /** True if a getMore that finds nothing new waits for new documents (awaitData) before answering. */
    public boolean awaitsData() {
        return awaitData;
    }

    @Override
    public List<BsonDocument> next(int maxDocs, long maxBytes) {
        long start = System.nanoTime();
        if (lastSeq.isPresent() && !exhausted() && !store.seqExists(collection, lastSeq.getAsLong())) {
            // trimmed (or deleted) under the cursor: MongoDB cannot resume such a scan either
            throw ErrorCode.CAPPED_POSITION_LOST.error("CollectionScan died due to position in capped collection being "
                    + "deleted. Last seen record id: RecordId(%d)", lastSeq.getAsLong());
        }
        try {
            List<BsonDocument> out = new ArrayList<>();
            long bytes = 0;
            while (!exhausted() && out.size() < maxDocs && (out.isEmpty() || bytes < maxBytes)) {
                int pageSize = (int) Math.max(16, Math.min(MAX_PAGE, (long) maxDocs - out.size() + skipLeft));
                List<SeqRow> page = store.seqPage(collection, where, lastSeq, false, pageSize, budget);
                for (SeqRow r : page) {
                    if (exhausted() || out.size() >= maxDocs || (!out.isEmpty() && bytes >= maxBytes)) {
                        return out; // the rest of the page is read again by the next batch
                    }
                    lastSeq = OptionalLong.of(r.seq());
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
                if (page.size() < pageSize) {
                    break;
                }
            }
            return out;
        } finally {
            budget.charge(start);
        }
    }

    @Override
    public boolean exhausted() {
        return closed || limitLeft == 0;
    }

    @Override
    public void close() {
        closed = true;
    }
}
