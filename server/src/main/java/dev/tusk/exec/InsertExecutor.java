package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Inserts a prepared batch in one transaction. Duplicates (an existing `_id`, or one repeated in the
 * batch) become write errors; an ordered batch keeps only what precedes its first failure.
 */
public final class InsertExecutor {
    private final DocumentStore store;

    public InsertExecutor(DocumentStore store) {
        this.store = store;
    }

    /** A document to insert with its position in the client's batch. */
    public record Item(int index, org.bson.BsonDocument document, StoredDocument stored) {}

    /** @return the items that failed as duplicates (for an ordered batch: at most the first); all others were inserted */
    public List<Item> insert(CollectionInfo c, List<Item> items, boolean ordered) {
        if (!ordered) {
            return attempt(c, items, false);
        }
        List<Item> current = items;
        Optional<Item> firstFailure = Optional.empty();
        while (true) {
            List<Item> duplicates = attempt(c, current, true);
            if (duplicates.isEmpty()) {
                return firstFailure.map(List::of).orElse(List.of());
            }
            Item failure = duplicates.get(0);
            firstFailure = Optional.of(failure);
            current = current.stream().filter(i -> i.index() < failure.index()).toList();
        }
    }

    /** One transaction; with {@code allOrNothing} a duplicate rolls the whole attempt back. */
    private List<Item> attempt(CollectionInfo c, List<Item> items, boolean allOrNothing) {
        if (items.isEmpty()) {
            return List.of();
        }
        return store.transaction(tx -> {
            List<StoredDocument> docs = new ArrayList<>(items.size());
            items.forEach(i -> docs.add(i.stored()));
            Set<ByteBuffer> inserted = tx.insert(c, docs);
            Set<ByteBuffer> claimed = new HashSet<>();
            List<Item> duplicates = new ArrayList<>();
            for (Item i : items) {
                ByteBuffer key = ByteBuffer.wrap(i.stored().key());
                if (!inserted.contains(key) || !claimed.add(key)) {
                    duplicates.add(i);
                }
            }
            if (allOrNothing && !duplicates.isEmpty()) {
                tx.rollback();
            }
            return duplicates;
        });
    }
}
