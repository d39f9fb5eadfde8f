package dev.tusk.bson;

import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/** The BSON size of a document, cheap for raw documents. */
public final class DocumentSizes {
    private DocumentSizes() {}

    public static long of(BsonDocument d) {
        if (d instanceof RawBsonDocument raw) {
            return raw.getByteBuffer().remaining();
        }
        return new RawBsonDocument(d, new org.bson.codecs.BsonDocumentCodec()).getByteBuffer().remaining();
    }
}
