package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.jooq.Condition;

/** Streams a collection in `_key` order, one SQL page at a time ({@code WHERE _key > last}). */
public final class ScanSource extends PagedSource {
    private final DocumentStore store;
    private final CollectionInfo collection;
    private final Condition where;
    private Optional<byte[]> lastKey = Optional.empty();
    private long rowsExamined;

    /**
     * @param recheck the reference evaluator's verdict, applied to every row (pass {@code d -> true} when
     *                the SQL is exact)
     * @param limit   0 = no limit
     */
    public ScanSource(DocumentStore store, CollectionInfo collection, Condition where, Predicate<BsonDocument> recheck,
            UnaryOperator<BsonDocument> projection, long skip, long limit, TimeBudget budget) {
        super(recheck, projection, skip, limit, budget);
        this.store = store;
        this.collection = collection;
        this.where = where;
    }

    @Override
    protected List<Row> fetch(int pageSize, TimeBudget budget) {
        List<Row> page = store.page(collection, where, lastKey, pageSize, budget);
        if (!page.isEmpty()) {
            lastKey = Optional.of(page.get(page.size() - 1).key());
        }
        rowsExamined += page.size();
        return page;
    }

    @Override
    public long rowsExamined() {
        return rowsExamined;
    }
}
