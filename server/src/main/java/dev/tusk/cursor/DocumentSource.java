package dev.tusk.cursor;

import java.util.List;
import org.bson.BsonDocument;

/** Where a cursor's documents come from, pulled one batch at a time. */
public interface DocumentSource {
    /**
     * The next documents: at most {@code maxDocs}, and stopping once their size reaches {@code maxBytes}
     * (at least one document is returned if any is left).
     */
    List<BsonDocument> next(int maxDocs, long maxBytes);

    /** True once no document is left. */
    boolean exhausted();

    default void close() {}
}
