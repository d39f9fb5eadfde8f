package dev.tusk.exec;

import dev.tusk.storage.IdKey;
import dev.tusk.storage.QueryForm;
import org.bson.BsonDocument;

/** A document in its three stored forms: the `_id` key, the exact BSON bytes, the JSONB query form. */
public record StoredDocument(byte[] key, byte[] bson, String queryJson) {

    public static StoredDocument of(BsonDocument doc) {
        byte[] bson = Bson.bytes(doc);
        return new StoredDocument(IdKey.encode(doc.get("_id")), bson, QueryForm.toJson(doc));
    }
}
