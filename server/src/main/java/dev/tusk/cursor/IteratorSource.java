package dev.tusk.cursor;

import dev.tusk.bson.DocumentSizes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bson.BsonDocument;

/** A source over a lazy iterator (e.g. the output of an aggregation pipeline). */
public final class IteratorSource implements DocumentSource {
    private final Iterator<BsonDocument> iterator;
    private final Runnable onClose;

    public IteratorSource(Iterator<BsonDocument> iterator) {
        this(iterator, () -> {});
    }

    /** A source that runs {@code onClose} when its cursor is closed (e.g. to delete a sort's spill files). */
    public IteratorSource(Iterator<BsonDocument> iterator, Runnable onClose) {
        this.iterator = iterator;
        this.onClose = onClose;
    }

    @Override
    public List<BsonDocument> next(int maxDocs, long maxBytes) {
        List<BsonDocument> out = new ArrayList<>();
        long bytes = 0;
        while (out.size() < maxDocs && (out.isEmpty() || bytes < maxBytes) && iterator.hasNext()) {
            BsonDocument d = iterator.next();
            bytes += DocumentSizes.of(d);
            out.add(d);
        }
        return out;
    }

    @Override
    public boolean exhausted() {
        return !iterator.hasNext();
    }

    @Override
    public void close() {
        onClose.run();
    }
}
