package dev.tusk.wire;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * BSON documents in and out of Netty buffers. Reading checks the document's length prefix against
 * the bytes its section allows, then validates it completely before decoding ({@link BsonTree}).
 * Writing copies RawBsonDocument values unchanged.
 */
final class BsonBytes {
    private static final int MIN_DOCUMENT_SIZE = 5;

    private BsonBytes() {}

    /** Reads, validates and decodes into a mutable document the document at the reader index. */
    static BsonDocument readDocument(ByteBuf in, int end, String what) {
        ByteBuffer bytes = take(in, end, what);
        validate(bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN), what);
        try (BsonBinaryReader reader = new BsonBinaryReader(bytes)) {
            return BsonTree.readDocument(reader);
        } catch (RuntimeException e) {
            throw new MalformedMessageException("invalid BSON in " + what, e);
        }
    }

    /** Reads and validates the document at the reader index, keeping its exact bytes. */
    static RawBsonDocument readRaw(ByteBuf in, int end, String what) {
        ByteBuffer bytes = take(in, end, what);
        validate(bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN), what);
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        return new RawBsonDocument(copy);
    }

    /** Validates the document at the reader index and skips it. */
    static void skipDocument(ByteBuf in, int end, String what) {
        validate(take(in, end, what), what);
    }

    /** Appends the document's BSON bytes; RawBsonDocument values are copied as they are. */
    static void write(ByteBuf out, BsonDocument document) {
        try (BsonBinaryWriter writer = new BsonBinaryWriter(new ByteBufBsonOutput(out))) {
            BsonTree.writeDocument(writer, document);
        }
    }

    /** Reads a NUL-terminated UTF-8 string that must end before {@code end}. */
    static String readCString(ByteBuf in, int end, String what) {
        int nul = in.indexOf(in.readerIndex(), end, (byte) 0);
        if (nul < 0) {
            throw new MalformedMessageException(what + " is not terminated inside its section");
        }
        String value = in.toString(in.readerIndex(), nul - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(nul + 1);
        return value;
    }

    /** The bytes of the document at the reader index (advancing past it), bounds-checked. */
    private static ByteBuffer take(ByteBuf in, int end, String what) {
        int available = end - in.readerIndex();
        if (available < MIN_DOCUMENT_SIZE) {
            throw new MalformedMessageException(what + " is truncated");
        }
        int length = in.getIntLE(in.readerIndex());
        if (length < MIN_DOCUMENT_SIZE || length > available) {
            throw new MalformedMessageException(
                    what + " has BSON length " + length + " but its section has " + available + " bytes left");
        }
        // a view, not a copy: callers validate and decode it before the frame is released
        ByteBuffer bytes = in.nioBuffer(in.readerIndex(), length).slice();
        in.skipBytes(length);
        return bytes.order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void validate(ByteBuffer bytes, String what) {
        try {
            BsonValidator.validate(bytes);
        } catch (BsonTooDeepException e) {
            throw e;
        } catch (MalformedMessageException e) {
            throw new MalformedMessageException("invalid BSON in " + what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new MalformedMessageException("invalid BSON in " + what, e);
        }
    }
}
