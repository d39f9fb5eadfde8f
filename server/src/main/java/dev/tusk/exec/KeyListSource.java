package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.index.KeyRange;
import dev.tusk.sql.IndexSql;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Reads the documents of a list of `_key`s in `_key` order, a page of keys at a time. */
final class KeyListSource extends PagedSource {
    private final DocumentStore store;
    private final CollectionInfo collection;
    private final List<byte[]> keys;
    private int next;

    KeyListSource(DocumentStore store, CollectionInfo collection, List<byte[]> keys, TimeBudget budget) {
        super(d -> true, UnaryOperator.identity(), 0, 0, budget);
        this.store = store;
        this.collection = collection;
        this.keys = new ArrayList<>(keys);
        this.keys.sort(Arrays::compareUnsigned);
    }

    /** The next keys' documents; keys whose documents went away meanwhile are made up from later keys, so a short page is the end. */
    @Override
    protected List<Row> fetch(int pageSize, TimeBudget budget) {
        List<Row> out = new ArrayList<>();
        while (out.size() < pageSize && next < keys.size()) {
            int n = Math.min(keys.size() - next, pageSize - out.size());
            List<KeyRange> points = keys.subList(next, next + n).stream().map(KeyRange::point).toList();
            next += n;
            out.addAll(store.page(collection, IndexSql.primaryKey(points), Optional.empty(), n, budget));
        }
        return out;
    }

    @Override
    public long rowsExamined() {
        return next;
    }
}
