package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.WriteError;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/** What insert, update and delete share: the batch-size rule and the {n, writeErrors} reply. */
final class WriteBatches {
    private WriteBatches() {}

    static void checkSize(int size) {
        if (size < 1 || size > ServerInfo.MAX_WRITE_BATCH_SIZE) {
            throw ErrorCode.INVALID_LENGTH.error("Write batch sizes must be between 1 and %d. Got %d operations.",
                    ServerInfo.MAX_WRITE_BATCH_SIZE, size);
        }
    }

    /** A batch on a view: every statement fails with 166, an ordered batch at its first (as on MongoDB). */
    static BsonDocument onView(CollectionInfo view, BsonDocument counts, int size, boolean ordered) {
        List<WriteError> errors = new java.util.ArrayList<>();
        for (int i = 0; i < (ordered ? 1 : size); i++) {
            errors.add(new WriteError(i, view.notACollection()));
        }
        return reply(counts, errors);
    }

    static BsonDocument reply(long n, List<WriteError> errors) {
        return reply(new BsonDocument("n", new BsonInt32((int) n)), errors);
    }

    /** Appends writeErrors (if any) and ok: 1 to the counts. */
    static BsonDocument reply(BsonDocument counts, List<WriteError> errors) {
        if (!errors.isEmpty()) {
            BsonArray array = new BsonArray();
            errors.forEach(e -> array.add(e.toDocument()));
            counts.append("writeErrors", array);
        }
        return Replies.ok(counts);
    }
}
