package dev.tusk.query;

import dev.tusk.error.ErrorCode;
import dev.tusk.text.ScoredDocument;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.OptionalDouble;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * How a document is written to a spill file: a marker byte (1 when a $text score follows as 8 bytes,
 * so documents from a text search keep their score on disk, else 0), then its BSON bytes.
 */
final class SpillFormat {
    private SpillFormat() {}

    /** Writes one document; returns the bytes written. */
    static int write(OutputStream out, BsonDocument d) throws IOException {
        OptionalDouble score = d instanceof ScoredDocument s ? OptionalDouble.of(s.textScore()) : OptionalDouble.empty(); // NaN: unscored
        out.write(score.isPresent() ? 1 : 0);
        if (score.isPresent()) {
            out.write(ByteBuffer.allocate(8).putDouble(score.getAsDouble()).array());
        }
        ByteBuffer bytes = raw(d).getByteBuffer().asNIO();
        out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        return 1 + (score.isPresent() ? 8 : 0) + bytes.remaining();
    }

    /** Reads the next document, or null at the end of the stream. */
    static BsonDocument read(InputStream in) throws IOException {
        int scored = in.read();
        if (scored < 0) {
            return null;
        }
        byte[] score = scored == 1 ? in.readNBytes(8) : null;
        byte[] prefix = in.readNBytes(4);
        if (prefix.length < 4) {
            throw new EOFException("truncated spill file");
        }
        int length = (prefix[0] & 0xff) | (prefix[1] & 0xff) << 8 | (prefix[2] & 0xff) << 16 | (prefix[3] & 0xff) << 24;
        byte[] document = new byte[length];
        System.arraycopy(prefix, 0, document, 0, 4);
        if (in.readNBytes(document, 4, length - 4) < length - 4) {
            throw new EOFException("truncated spill file");
        }
        RawBsonDocument raw = new RawBsonDocument(document);
        return score == null ? raw : new ScoredDocument(raw, ByteBuffer.wrap(score).getDouble());
    }

    static RawBsonDocument raw(BsonDocument d) {
        return d instanceof RawBsonDocument r ? r : new RawBsonDocument(d, new BsonDocumentCodec());
    }

    static RuntimeException failed(String what, IOException e) {
        return ErrorCode.INTERNAL_ERROR.error("spilling to disk failed %s: %s", what, e.getMessage());
    }
}
