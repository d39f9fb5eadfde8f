package dev.tusk.exec;

import java.util.OptionalLong;
import org.bson.RawBsonDocument;

/**
 * One stored document as read back: its `_id` key, its exact BSON bytes and, when the read asked for
 * it (showRecordId), the row's record id ({@link RecordIds}).
 */
public record Row(byte[] key, byte[] bson, OptionalLong recordId) {
    public Row(byte[] key, byte[] bson) {
        this(key, bson, OptionalLong.empty());
    }

    public RawBsonDocument document() {
        return new RawBsonDocument(bson);
    }
}
