package dev.tusk.command;

import dev.tusk.cursor.DocumentSource;
import java.util.List;
import org.bson.BsonDocument;

/**
 * An awaitData getMore that found nothing new: it asks again every {@link #POLL_MILLIS} until documents
 * come, the cursor is closed (killCursors) or the wait is over, then answers (an empty batch when
 * nothing came, as on MongoDB). A poll is one indexed `_seq` range read; the connection's thread waits.
 */
final class AwaitData {
    static final long POLL_MILLIS = 20;

    private AwaitData() {}

    static List<BsonDocument> untilDocuments(DocumentSource source, List<BsonDocument> first, int maxDocs, long waitMillis) {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        List<BsonDocument> batch = first;
        while (batch.isEmpty() && !source.exhausted()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            try {
                Thread.sleep(Math.min(POLL_MILLIS, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            batch = source.next(maxDocs, Cursors.MAX_BATCH_BYTES);
        }
        return batch;
    }
}
