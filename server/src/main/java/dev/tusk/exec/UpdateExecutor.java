package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.cursor.DocumentSource;
import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.SortSpec;
import dev.tusk.storage.IdKey;
import dev.tusk.update.FieldPatch;
import dev.tusk.update.UpdateOutcome;
import dev.tusk.update.UpdateSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Runs one update statement. Candidates come from the query (SQL + evaluator); each is then locked,
 * re-checked against the filter on its latest version and updated in its own transaction, so every
 * single-document update is atomic and concurrent `$inc`s never lose a write.
 */
public final class UpdateExecutor {
    private static final int UPSERT_ATTEMPTS = 3;
    /** Compare-and-set tries of an update by `_id` before it falls back to locking the row. */
    private static final int OPTIMISTIC_ATTEMPTS = 8;

    private final DocumentStore store;
    private final QueryExecutor queries;
    private final List<SecondaryIndex> indexes;

    private final IndexRegistry.Writing writing;

    /** @param writing the held write lock, with the collection's secondary indexes maintained with every change */
    public UpdateExecutor(DocumentStore store, IndexRegistry.Writing writing) {
        this(store, writing, Optional.empty());
    }

    private final Optional<DocumentValidator> validator;

    /** @param validator the collection's validator, unless the command bypasses it */
    public UpdateExecutor(DocumentStore store, IndexRegistry.Writing writing, Optional<DocumentValidator> validator) {
        this.validator = validator;
        this.store = store;
        this.indexes = writing.indexes();
        this.queries = new QueryExecutor(store, TimeBudget.unlimited(), indexes);
        this.writing = writing;
    }

    /** The statement: filter (parsed and raw, the raw one seeds upserts), update, and options. */
    public record Statement(FilterNode filter, BsonDocument rawFilter, UpdateSpec update, boolean multi, boolean upsert,
            Optional<SortSpec> sort) {}

    /** Runs the statement; the result carries the first matched document before and after the update. */
    public UpdateResult update(CollectionInfo c, String namespace, Statement statement) {
        return update(c, namespace, statement, true);
    }

    /**
     * Runs the statement for its counts only: the result may leave out the documents, which lets an
     * update by {@code _id} that PostgreSQL can apply by itself ({@link FieldPatch}) run as one statement.
     */
    public UpdateResult updateForCounts(CollectionInfo c, String namespace, Statement statement) {
        return update(c, namespace, statement, false);
    }

    private UpdateResult update(CollectionInfo c, String namespace, Statement statement, boolean documents) {
        FilterNode bound = TextSearches.bind(statement.filter(), indexes);
        Statement st = new Statement(bound, statement.rawFilter(), statement.update(), statement.multi(), statement.upsert(),
                statement.sort());
        for (int attempt = 1; ; attempt++) {
            UpdateResult existing = updateExisting(c, st, namespace, documents);
            if (existing.matched() > 0 || !st.upsert()) {
                return existing;
            }
            Optional<UpdateResult> inserted = tryUpsert(c, namespace, st, attempt == UPSERT_ATTEMPTS);
            if (inserted.isPresent()) {
                return inserted.get();
            }
        }
    }

    /** Moves the document's index keys from the old version to the new one where they differ. */
    private void reindex(Tx tx, byte[] key, BsonDocument before, BsonDocument after, String namespace) {
        writing.noteDocument(after);
        for (SecondaryIndex index : indexes) {
            Set<java.nio.ByteBuffer> oldKeys = index.keysOf(before);
            Set<java.nio.ByteBuffer> newKeys = index.keysOf(after);
            if (!oldKeys.equals(newKeys)) {
                tx.deleteIndexKeys(index, List.of(key));
                Set<java.nio.ByteBuffer> added = new java.util.HashSet<>(newKeys);
                added.removeAll(oldKeys);
                try {
                    tx.insertIndexKeys(index, key, newKeys, added);
                } catch (Tx.IndexConflict conflict) {
                    throw index.duplicate(namespace, after);
                }
            }
        }
    }

    private UpdateResult updateExisting(CollectionInfo c, Statement st, String namespace, boolean documents) {
        Optional<byte[]> idKey = IdLookup.key(st.filter());
        if (idKey.isPresent() && !documents) {
            Optional<UpdateResult> patched = patchById(c, st, idKey.get());
            if (patched.isPresent()) {
                return patched.get();
            }
        }
        if (idKey.isPresent()) {
            for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
                Optional<UpdateResult> done = updateById(c, st, idKey.get(), namespace);
                if (done.isPresent()) {
                    return done.get();
                }
            }
        }
        DocumentSource candidates = queries.open(c, new QuerySpec(st.filter(), st.sort(), 0, 0, Optional.empty()));
        long matched = 0;
        long modified = 0;
        Optional<BsonDocument> before = Optional.empty();
        Optional<BsonDocument> after = Optional.empty();
        while (!candidates.exhausted()) {
            for (BsonDocument candidate : candidates.next(st.multi() ? 1000 : 1, Long.MAX_VALUE)) {
                byte[] key = IdKey.encode(candidate.get("_id"));
                Optional<Applied> applied = store.transaction(tx -> {
                    Optional<Row> row = tx.lockByKey(c, key);
                    if (row.isEmpty() || !FilterEvaluator.matches(st.filter(), row.get().document())) {
                        return Optional.empty();
                    }
                    BsonDocument current = row.get().document();
                    UpdateOutcome outcome = st.update().apply(current, false, Optional.of(st.filter()));
                    if (outcome.modified()) {
                        checkIdUnchanged(current, outcome.document());
                        if (validator.isPresent()) {
                            validator.get().checkUpdate(current, outcome.document());
                        }
                        StoredDocument stored = StoredDocument.of(outcome.document());
                        NewDocuments.checkSize(stored.bson());
                        tx.replace(c, new StoredDocument(key, stored.bson(), stored.queryJson()));
                        reindex(tx, key, current, outcome.document(), namespace);
                    }
                    return Optional.of(new Applied(current, outcome));
                });
                if (applied.isEmpty()) {
                    continue;
                }
                matched++;
                if (applied.get().outcome().modified()) {
                    modified++;
                }
                if (before.isEmpty()) {
                    before = Optional.of(applied.get().before());
                    after = Optional.of(applied.get().outcome().document());
                }
                if (!st.multi()) {
                    candidates.close();
                    return new UpdateResult(matched, modified, Optional.empty(), before, after);
                }
            }
        }
        return new UpdateResult(matched, modified, Optional.empty(), before, after);
    }

    private record Applied(BsonDocument before, UpdateOutcome outcome) {}

    /**
     * An update of the one document with this `_id` as one statement in PostgreSQL, when the update is a
     * {@link FieldPatch} that no validator and no index has to see; empty when it is not, or when the
     * function declined (the caller then runs it in Java).
     */
    private Optional<UpdateResult> patchById(CollectionInfo c, Statement st, byte[] key) {
        if (validator.isPresent()) {
            return Optional.empty();
        }
        Optional<FieldPatch> patch = st.update().fieldPatch();
        if (patch.isEmpty() || indexes.stream().anyMatch(index -> patch.get().fields().stream().anyMatch(index::mayRead))) {
            return Optional.empty();
        }
        Optional<Integer> status = store.patchByKey(c, key, patch.get());
        if (status.isEmpty()) {
            return Optional.of(new UpdateResult(0, 0, Optional.empty(), Optional.empty(), Optional.empty()));
        }
        return switch (status.get()) {
            case 0 -> Optional.of(new UpdateResult(1, 0, Optional.empty(), Optional.empty(), Optional.empty()));
            case 1 -> Optional.of(new UpdateResult(1, 1, Optional.empty(), Optional.empty(), Optional.empty()));
            default -> Optional.empty();
        };
    }

    /**
     * An update of the one document with this `_id` in two round trips: read it with its row version,
     * then write it only if the row is still at that version (empty if it was not: the caller tries
     * again). Index keys that change are moved in the same transaction as the write.
     */
    private Optional<UpdateResult> updateById(CollectionInfo c, Statement st, byte[] key, String namespace) {
        Optional<DocumentStore.VersionedRow> read = store.byKeyVersioned(c, key);
        if (read.isEmpty()) {
            return Optional.of(new UpdateResult(0, 0, Optional.empty(), Optional.empty(), Optional.empty()));
        }
        BsonDocument current = read.get().row().document();
        UpdateOutcome outcome = st.update().apply(current, false, Optional.of(st.filter()));
        if (!outcome.modified()) {
            return Optional.of(new UpdateResult(1, 0, Optional.empty(), Optional.of(current), Optional.of(outcome.document())));
        }
        checkIdUnchanged(current, outcome.document());
        if (validator.isPresent()) {
            validator.get().checkUpdate(current, outcome.document());
        }
        StoredDocument stored = StoredDocument.of(outcome.document());
        NewDocuments.checkSize(stored.bson());
        StoredDocument replacement = new StoredDocument(key, stored.bson(), stored.queryJson());
        String version = read.get().version();
        boolean written = indexKeysChange(current, outcome.document())
                ? store.transaction(tx -> {
                    boolean ok = tx.replaceIfUnchanged(c, version, replacement);
                    if (ok) {
                        reindex(tx, key, current, outcome.document(), namespace);
                    }
                    return ok;
                })
                : store.replaceIfUnchanged(c, version, replacement);
        return written
                ? Optional.of(new UpdateResult(1, 1, Optional.empty(), Optional.of(current), Optional.of(outcome.document())))
                : Optional.empty();
    }

    private boolean indexKeysChange(BsonDocument before, BsonDocument after) {
        for (SecondaryIndex index : indexes) {
            if (index.keys().isMultikeyFor(after) && !index.info().multikey() || !index.keysOf(before).equals(index.keysOf(after))) {
                return true;
            }
        }
        return false;
    }

    /** Empty when another client inserted the same `_id` first: the caller retries the matched path. */
    private Optional<UpdateResult> tryUpsert(CollectionInfo c, String namespace, Statement st, boolean lastAttempt) {
        BsonDocument seed = UpdateSpec.upsertSeed(st.rawFilter());
        BsonDocument doc = NewDocuments.prepare(st.update().apply(seed, true).document());
        validator.ifPresent(check -> check.checkNew(doc));
        StoredDocument stored = StoredDocument.of(doc);
        NewDocuments.checkSize(stored.bson());
        writing.noteDocument(doc);
        List<Set<java.nio.ByteBuffer>> keys = new java.util.ArrayList<>();
        for (SecondaryIndex index : indexes) {
            keys.add(index.keysOf(doc));
        }
        Set<java.nio.ByteBuffer> inserted = store.transaction(tx -> {
            Set<java.nio.ByteBuffer> done = tx.insert(c, List.of(stored));
            if (!done.isEmpty()) {
                for (int x = 0; x < indexes.size(); x++) {
                    try {
                        tx.insertIndexKeys(indexes.get(x), stored.key(), keys.get(x));
                    } catch (Tx.IndexConflict conflict) {
                        throw indexes.get(x).duplicate(namespace, doc);
                    }
                }
                CappedTrim.afterInsert(tx, c, indexes);
            }
            return done;
        });
        if (inserted.isEmpty()) {
            if (lastAttempt) {
                throw DuplicateKeys.onId(namespace, doc.get("_id"));
            }
            return Optional.empty();
        }
        BsonValue id = doc.get("_id");
        return Optional.of(new UpdateResult(0, 0, Optional.of(id), Optional.empty(), Optional.of(doc)));
    }

    private static void checkIdUnchanged(BsonDocument before, BsonDocument after) {
        BsonValue a = before.get("_id");
        BsonValue b = after.get("_id");
        if (b == null || !java.util.Arrays.equals(IdKey.encode(a), IdKey.encode(b)) || a.getBsonType() != b.getBsonType()) {
            throw ErrorCode.IMMUTABLE_FIELD.error(
                    "After applying the update, the (immutable) field '_id' was found to have been altered to _id: %s",
                    b == null ? "missing" : b.toString());
        }
    }
}
