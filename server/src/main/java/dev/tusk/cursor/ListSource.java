package dev.tusk.cursor;

import dev.tusk.bson.DocumentSizes;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;

/** A source over documents already in memory (e.g. a sorted result). */
public final class ListSource implements DocumentSource {
    private final List<? extends BsonDocument> docs;
    private int position;

    public ListSource(List<? extends BsonDocument> docs) {
        this.docs = docs;
    }

    @Override
    public List<BsonDocument> next(int maxDocs, long maxBytes) {
        List<BsonDocument> out = new ArrayList<>();
        long bytes = 0;
        while (position < docs.size() && out.size() < maxDocs && (out.isEmpty() || bytes < maxBytes)) {
            BsonDocument d = docs.get(position++);
            bytes += DocumentSizes.of(d);
            out.add(d);
        }
        return out;
    }

    @Override
    public boolean exhausted() {
        return position >= docs.size();
    }
}
