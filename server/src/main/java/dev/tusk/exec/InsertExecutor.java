package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.error.MongoServerException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;

/**
 * Inserts a prepared batch, with its secondary index keys. Duplicates (an existing `_id`, one
 * repeated in the batch, or a key a unique index already holds) become write errors; an ordered
 * batch keeps only what precedes its first failure.
 */
public final class InsertExecutor {
    private final DocumentStore store;
    private final List<SecondaryIndex> indexes;
    private final String namespace;

    public InsertExecutor(DocumentStore store, List<SecondaryIndex> indexes, String namespace) {
        this.store = store;
        this.indexes = indexes;
        this.namespace = namespace;
    }

    /** A document to insert with its position in the client's batch and its keys for each index (same order). */
    public record Item(int index, BsonDocument document, StoredDocument stored, List<Set<ByteBuffer>> indexKeys) {}

    public record Failure(Item item, MongoServerException error) {}

    /** @return the items that failed (for an ordered batch: at most the first); all others were inserted */
    public List<Failure> insert(CollectionInfo c, List<Item> items, boolean ordered) {
        if (indexes.stream().anyMatch(i -> i.info().refusesNewDuplicates())) {
            return oneByOne(c, items, ordered);
        }
        if (!ordered) {
            return attempt(c, items, false);
        }
        List<Item> current = items;
        Optional<Failure> firstFailure = Optional.empty();
        while (true) {
            List<Failure> failures = attempt(c, current, true);
            if (failures.isEmpty()) {
                return firstFailure.map(List::of).orElse(List.of());
            }
            Failure failure = failures.get(0);
            firstFailure = Optional.of(failure);
            current = current.stream().filter(i -> i.index() < failure.item().index()).toList();
        }
    }

    /** One transaction of multi-row INSERTs; with {@code allOrNothing} a duplicate rolls the whole attempt back. */
    private List<Failure> attempt(CollectionInfo c, List<Item> items, boolean allOrNothing) {
        if (items.isEmpty()) {
            return List.of();
        }
        return store.transaction(tx -> {
            List<StoredDocument> docs = new ArrayList<>(items.size());
            items.forEach(i -> docs.add(i.stored()));
            Set<ByteBuffer> inserted = tx.insert(c, docs);
            Set<ByteBuffer> claimed = new HashSet<>();
            List<Failure> failures = new ArrayList<>();
            List<Item> done = new ArrayList<>();
            for (Item i : items) {
                ByteBuffer key = ByteBuffer.wrap(i.stored().key());
                if (!inserted.contains(key) || !claimed.add(key)) {
                    failures.add(new Failure(i, DuplicateKeys.onId(namespace, i.document().get("_id"))));
                } else {
                    done.add(i);
                }
            }
            if (allOrNothing && !failures.isEmpty()) {
                tx.rollback();
                return failures;
            }
            for (int x = 0; x < indexes.size(); x++) {
                List<byte[][]> rows = new ArrayList<>();
                for (Item i : done) {
                    for (ByteBuffer k : i.indexKeys().get(x)) {
                        rows.add(new byte[][] {Tx.bytes(k), i.stored().key()});
                    }
                }
                tx.insertIndexRows(indexes.get(x), rows);
            }
            CappedTrim.afterInsert(tx, c, indexes);
            return failures;
        });
    }

    /** With unique (or prepareUnique) indexes: each document in its own savepoint, so a conflict undoes only that document. */
    private List<Failure> oneByOne(CollectionInfo c, List<Item> items, boolean ordered) {
        return store.transaction(tx -> {
            List<Failure> failures = new ArrayList<>();
            for (Item i : items) {
                var savepoint = tx.savepoint();
                Optional<MongoServerException> error = Optional.empty();
                if (tx.insert(c, List.of(i.stored())).isEmpty()) {
                    error = Optional.of(DuplicateKeys.onId(namespace, i.document().get("_id")));
                } else {
                    try {
                        for (int x = 0; x < indexes.size(); x++) {
                            tx.insertIndexKeys(indexes.get(x), i.stored().key(), i.indexKeys().get(x));
                        }
                    } catch (Tx.IndexConflict conflict) {
                        tx.rollbackTo(savepoint);
                        error = Optional.of(conflict.index().duplicate(namespace, i.document()));
                    }
                }
                if (error.isPresent()) {
                    failures.add(new Failure(i, error.get()));
                    if (ordered) {
                        break;
                    }
                }
            }
            CappedTrim.afterInsert(tx, c, indexes);
            return failures;
        });
    }
}
