package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.cursor.DocumentSource;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.SortSpec;
import dev.tusk.sql.FilterSql;
import dev.tusk.sql.Pushdown;
import dev.tusk.storage.IdKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;

/** Runs one delete statement: all matches, or the first (in sort order, if given). */
public final class DeleteExecutor {
    private final DocumentStore store;
    private final QueryExecutor queries;
    private final List<SecondaryIndex> indexes;

    /** @param indexes the collection's secondary indexes, whose keys leave with the documents */
    public DeleteExecutor(DocumentStore store, List<SecondaryIndex> indexes) {
        this.store = store;
        this.queries = new QueryExecutor(store, TimeBudget.unlimited(), indexes);
        this.indexes = indexes;
    }

    private void unindex(Tx tx, List<byte[]> keys) {
        for (SecondaryIndex index : indexes) {
            tx.deleteIndexKeys(index, keys);
        }
    }

    /** Deletes every match; an exact pushdown is one DELETE statement. */
    public long deleteMany(CollectionInfo c, FilterNode query) {
        FilterNode filter = TextSearches.bind(query, indexes);
        Pushdown pushdown = FilterSql.compile(filter);
        if (pushdown.exact()) {
            return store.transaction(tx -> {
                List<byte[]> deleted = tx.deleteWhere(c, pushdown.condition());
                for (int from = 0; from < deleted.size(); from += 10_000) {
                    unindex(tx, deleted.subList(from, Math.min(deleted.size(), from + 10_000)));
                }
                return (long) deleted.size();
            });
        }
        DocumentSource matches = queries.open(c, new QuerySpec(filter, Optional.empty(), 0, 0, Optional.empty()));
        long deleted = 0;
        while (!matches.exhausted()) {
            List<byte[]> keys = new ArrayList<>();
            for (BsonDocument d : matches.next(1000, Long.MAX_VALUE)) {
                keys.add(IdKey.encode(d.get("_id")));
            }
            deleted += store.transaction(tx -> {
                int n = 0;
                for (byte[] key : keys) {
                    Optional<Row> row = tx.lockByKey(c, key);
                    if (row.isPresent() && FilterEvaluator.matches(filter, row.get().document())) {
                        n += tx.delete(c, List.of(key));
                        unindex(tx, List.of(key));
                    }
                }
                return (long) n;
            });
        }
        return deleted;
    }

    /** Deletes the first match and returns it (findAndModify's value), if any. */
    public Optional<BsonDocument> deleteOne(CollectionInfo c, FilterNode query, Optional<SortSpec> sort) {
        FilterNode filter = TextSearches.bind(query, indexes);
        DocumentSource candidates = queries.open(c, new QuerySpec(filter, sort, 0, 0, Optional.empty()));
        while (!candidates.exhausted()) {
            for (BsonDocument candidate : candidates.next(1, Long.MAX_VALUE)) {
                byte[] key = IdKey.encode(candidate.get("_id"));
                Optional<BsonDocument> deleted = store.transaction(tx -> {
                    Optional<Row> row = tx.lockByKey(c, key);
                    if (row.isEmpty() || !FilterEvaluator.matches(filter, row.get().document())) {
                        return Optional.empty();
                    }
                    tx.delete(c, List.of(key));
                    unindex(tx, List.of(key));
                    return Optional.of((BsonDocument) row.get().document());
                });
                if (deleted.isPresent()) {
                    candidates.close();
                    return deleted;
                }
            }
        }
        return Optional.empty();
    }
}
