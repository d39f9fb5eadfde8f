package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.jooq.Condition;

/** Streams a capped collection in insertion order (or newest first), one SQL page at a time by `_seq`. */
public final class NaturalOrderScan extends PagedSource {
    private final DocumentStore store;
    private final CollectionInfo collection;
    private final Condition where;
    private final boolean reverse;
    private OptionalLong lastSeq = OptionalLong.empty();
    private long rowsExamined;

    public NaturalOrderScan(DocumentStore store, CollectionInfo collection, Condition where, boolean reverse,
            Predicate<BsonDocument> recheck, UnaryOperator<BsonDocument> projection, long skip, long limit, TimeBudget budget) {
        super(recheck, projection, skip, limit, budget);
        this.store = store;
        this.collection = collection;
        this.where = where;
        this.reverse = reverse;
    }

    @Override
    protected List<Row> fetch(int pageSize, TimeBudget budget) {
        List<SeqRow> page = store.seqPage(collection, where, lastSeq, reverse, pageSize, budget);
        List<Row> rows = new ArrayList<>(page.size());
        for (SeqRow r : page) {
            // a capped collection's record id is its insertion number, as on MongoDB
            rows.add(store.readsRecordIds() ? new Row(r.row().key(), r.row().bson(), OptionalLong.of(r.seq())) : r.row());
        }
        if (!page.isEmpty()) {
            lastSeq = OptionalLong.of(page.get(page.size() - 1).seq());
        }
        rowsExamined += page.size();
        return rows;
    }

    @Override
    public long rowsExamined() {
        return rowsExamined;
    }
}
