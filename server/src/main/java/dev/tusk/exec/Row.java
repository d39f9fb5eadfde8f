package dev.tusk.exec;

import org.bson.RawBsonDocument;

/** One stored document as read back: its `_id` key and its exact BSON bytes. */
public record Row(byte[] key, byte[] bson) {
    public RawBsonDocument document() {
        return new RawBsonDocument(bson);
    }
}
