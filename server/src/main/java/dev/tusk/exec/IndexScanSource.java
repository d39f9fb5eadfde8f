package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.jooq.Condition;

/**
 * Streams documents in the order of an index: keyset pages over (index key, _key), so a find with a
 * limit reads only what it returns. For a sort this is the sort order when the index is not multikey;
 * a document met twice (a multikey index holds one row per element) is returned once.
 */
public final class IndexScanSource extends PagedSource {
    private final DocumentStore store;
    private final CollectionInfo collection;
    private final SecondaryIndex index;
    private final Condition where;
    private final Condition onIndexKey;
    private final boolean reverse;
    private final Set<ByteBuffer> seen = new HashSet<>();
    private Optional<byte[][]> position = Optional.empty();
    private long rowsExamined;

    public IndexScanSource(DocumentStore store, CollectionInfo collection, SecondaryIndex index, Condition where,
            Condition onIndexKey, boolean reverse, Predicate<BsonDocument> recheck, UnaryOperator<BsonDocument> projection,
            long skip, long limit, TimeBudget budget) {
        super(recheck, projection, skip, limit, budget);
        this.store = store;
        this.collection = collection;
        this.index = index;
        this.where = where;
        this.onIndexKey = onIndexKey;
        this.reverse = reverse;
    }

    @Override
    protected List<Row> fetch(int pageSize, TimeBudget budget) {
        List<DocumentStore.IndexedRow> page = store.indexPage(collection, index, where, onIndexKey, position, reverse,
                pageSize, budget);
        if (!page.isEmpty()) {
            DocumentStore.IndexedRow last = page.get(page.size() - 1);
            position = Optional.of(new byte[][] {last.indexKey(), last.row().key()});
        }
        rowsExamined += page.size();
        List<Row> rows = new ArrayList<>(page.size());
        page.forEach(r -> rows.add(r.row()));
        return rows;
    }

    @Override
    public long rowsExamined() {
        return rowsExamined;
    }

    @Override
    protected boolean accept(Row row) {
        return seen.add(ByteBuffer.wrap(row.key()));
    }
}
