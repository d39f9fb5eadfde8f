package dev.tusk.cursor;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.bson.BsonDocument;

/** Reads a source as an iterator, batch by batch (the input of a pipeline). */
public final class SourceIterator implements Iterator<BsonDocument> {
    private final DocumentSource source;
    private Iterator<BsonDocument> batch = Collections.emptyIterator();

    public SourceIterator(DocumentSource source) {
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        while (!batch.hasNext()) {
            if (source.exhausted()) {
                return false;
            }
            batch = source.next(1000, Long.MAX_VALUE).iterator();
        }
        return true;
    }

    @Override
    public BsonDocument next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batch.next();
    }
}
