package dev.tusk.exec;

import java.nio.ByteBuffer;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/** Converting documents to and from the exact bytes stored in the `doc` column. */
public final class Bson {
    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private Bson() {}

    /** The BSON encoding of a document; for a RawBsonDocument, its own bytes. */
    public static byte[] bytes(BsonDocument doc) {
        if (doc instanceof RawBsonDocument raw) {
            ByteBuffer buf = raw.getByteBuffer().asNIO();
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        }
        BasicOutputBuffer out = new BasicOutputBuffer(256);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
            CODEC.encode(writer, doc, EncoderContext.builder().build());
        }
        return out.toByteArray();
    }

    /** Wraps stored bytes without decoding them. */
    public static RawBsonDocument raw(byte[] bytes) {
        return new RawBsonDocument(bytes);
    }
}
