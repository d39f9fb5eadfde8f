package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.index.IndexEntries;
import dev.tusk.index.KeyRange;
import dev.tusk.sql.IndexSql;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.jooq.Condition;

/**
 * find's min/max over a secondary index: the documents with a key in {@code [min, max)}, in index
 * order, each once, where its first key in the range is. A multikey side table also holds whole
 * arrays as keys (MongoDB's index holds only their elements), so a row counts only when the key it
 * was found under is one of MongoDB's entries for the document ({@link IndexEntries}).
 */
final class KeyRangeScan extends PagedSource {
    private long rowsExamined;
    private final DocumentStore store;
    private final CollectionInfo collection;
    private final SecondaryIndex index;
    private final Condition where;
    private final Condition onKey;
    private final IndexEntries entries;
    private final Map<Row, byte[]> foundUnder = new IdentityHashMap<>();
    private final Set<ByteBuffer> seen = new HashSet<>();
    private Optional<byte[][]> position = Optional.empty();

    private KeyRangeScan(DocumentStore store, CollectionInfo collection, SecondaryIndex index, KeyRange range,
            Condition where, Predicate<BsonDocument> recheck, UnaryOperator<BsonDocument> output, long skip, long limit,
            TimeBudget budget) {
        super(recheck, output, skip, limit, budget);
        this.store = store;
        this.collection = collection;
        this.index = index;
        this.where = where;
        this.onKey = IndexSql.onKey("s", List.of(range));
        this.entries = new IndexEntries(index.info().key());
    }

    /** The scan of the hinted index's key range; for `_id_` a primary key range, whose order is `_key` order. */
    static PagedSource of(DocumentStore store, CollectionInfo c, FindOptions.Hint hint, KeyRange range, Condition where,
            Predicate<BsonDocument> recheck, UnaryOperator<BsonDocument> output, long skip, long limit, TimeBudget budget) {
        return switch (hint) {
            case FindOptions.Hint.IdIndex i -> new ScanSource(store, c, where.and(IndexSql.primaryKey(List.of(range))),
                    recheck, output, skip, limit, budget);
            case FindOptions.Hint.Secondary s -> new KeyRangeScan(store, c, s.index(), range, where, recheck, output,
                    skip, limit, budget);
            case FindOptions.Hint.Natural n -> throw new IllegalArgumentException("min/max need an index hint");
        };
    }

    @Override
    protected List<Row> fetch(int pageSize, TimeBudget budget) {
        List<DocumentStore.IndexedRow> page = store.indexPage(collection, index, where, onKey, position, false, pageSize,
                budget);
        if (!page.isEmpty()) {
            DocumentStore.IndexedRow last = page.get(page.size() - 1);
            position = Optional.of(new byte[][] {last.indexKey(), last.row().key()});
        }
        rowsExamined += page.size();
        List<Row> rows = new ArrayList<>(page.size());
        for (DocumentStore.IndexedRow r : page) {
            rows.add(r.row());
            foundUnder.put(r.row(), r.indexKey());
        }
        return rows;
    }

    @Override
    public long rowsExamined() {
        return rowsExamined;
    }

    @Override
    protected boolean accept(Row row) {
        byte[] key = foundUnder.remove(row);
        if (seen.contains(ByteBuffer.wrap(row.key()))
                || entries.of(row.document()).stream().noneMatch(e -> Arrays.equals(e.encoded(), key))) {
            return false;
        }
        return seen.add(ByteBuffer.wrap(row.key()));
    }
}
