package dev.tusk.wire;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.xerial.snappy.Snappy;

/**
 * Builds wire messages byte by byte and takes replies apart, independently of the code under test
 * (its own compression calls included), so round trips check the codec against the spec.
 */
final class WireBytes {
    static final int OP_REPLY = 1;
    static final int OP_QUERY = 2004;
    static final int OP_COMPRESSED = 2012;
    static final int OP_MSG = 2013;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WireBytes int32(int value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        return this;
    }

    WireBytes int64(long value) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
        return this;
    }

    WireBytes byte8(int value) {
        out.write(value);
        return this;
    }

    WireBytes cstring(String value) {
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return this;
    }

    WireBytes bytes(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    WireBytes doc(String json) {
        return bytes(bson(BsonDocument.parse(json)));
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    /** A complete message: header with the right messageLength, then the body bytes. */
    static byte[] message(int requestId, int opCode, byte[] body) {
        return new WireBytes().int32(16 + body.length).int32(requestId).int32(0).int32(opCode).bytes(body).toBytes();
    }

    static byte[] bson(BsonDocument document) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        new BsonDocumentCodec().encode(new BsonBinaryWriter(buffer), document, EncoderContext.builder().build());
        return buffer.toByteArray();
    }

    static byte[] bson(String json) {
        return bson(BsonDocument.parse(json));
    }

    static byte[] kind0(String json) {
        return new WireBytes().byte8(0).doc(json).toBytes();
    }

    static byte[] kind1(String identifier, String... documents) {
        WireBytes docs = new WireBytes().cstring(identifier);
        for (String d : documents) {
            docs.doc(d);
        }
        byte[] payload = docs.toBytes();
        return new WireBytes().byte8(1).int32(4 + payload.length).bytes(payload).toBytes();
    }

    /** OP_MSG with the given flags and sections; adds a correct CRC-32C when flag bit 0 is set. */
    static byte[] opMsg(int requestId, int flags, byte[]... sections) {
        WireBytes body = new WireBytes().int32(flags);
        for (byte[] s : sections) {
            body.bytes(s);
        }
        if ((flags & 1) == 0) {
            return message(requestId, OP_MSG, body.toBytes());
        }
        byte[] unsummed = message(requestId, OP_MSG, body.int32(0).toBytes());
        CRC32C crc = new CRC32C();
        crc.update(unsummed, 0, unsummed.length - 4);
        ByteBuffer.wrap(unsummed).order(ByteOrder.LITTLE_ENDIAN).putInt(unsummed.length - 4, (int) crc.getValue());
        return unsummed;
    }

    static byte[] opMsg(int requestId, String body) {
        return opMsg(requestId, 0, kind0(body));
    }

    static byte[] opQuery(int requestId, String namespace, String query) {
        return message(requestId, OP_QUERY,
                new WireBytes().int32(0).cstring(namespace).int32(0).int32(-1).doc(query).toBytes());
    }

    /** Wraps a complete message into OP_COMPRESSED (same requestID). */
    static byte[] compressed(byte[] message, Compressor compressor) {
        ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        byte[] body = Arrays.copyOfRange(message, 16, message.length);
        return message(in.getInt(4), OP_COMPRESSED, new WireBytes()
                .int32(in.getInt(12)).int32(body.length).byte8(compressor.id())
                .bytes(compress(compressor, body)).toBytes());
    }

    static byte[] compress(Compressor compressor, byte[] data) {
        try {
            return switch (compressor) {
                case NOOP -> data.clone();
                case SNAPPY -> Snappy.compress(data);
                case ZLIB -> {
                    Deflater deflater = new Deflater();
                    deflater.setInput(data);
                    deflater.finish();
                    byte[] buf = new byte[data.length + 64];
                    int n = deflater.deflate(buf);
                    deflater.end();
                    yield Arrays.copyOf(buf, n);
                }
                case ZSTD -> Zstd.compress(data);
            };
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] decompress(Compressor compressor, byte[] data, int size) {
        try {
            return switch (compressor) {
                case NOOP -> data.clone();
                case SNAPPY -> Snappy.uncompress(data);
                case ZLIB -> {
                    Inflater inflater = new Inflater();
                    inflater.setInput(data);
                    byte[] buf = new byte[size];
                    int n = inflater.inflate(buf);
                    inflater.end();
                    yield Arrays.copyOf(buf, n);
                }
                case ZSTD -> Zstd.decompress(data, size);
            };
        } catch (IOException | DataFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reply taken apart: header fields, the compressor if it came as OP_COMPRESSED, the document. */
    record Reply(int requestId, int responseTo, int opCode, int flags, Compressor compressor, RawBsonDocument document,
            byte[] uncompressed) {}

    static Reply parseReply(byte[] message) {
        ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt(0) != message.length) {
            throw new AssertionError("messageLength " + in.getInt(0) + " but " + message.length + " bytes");
        }
        Compressor compressor = null;
        byte[] plain = message;
        if (in.getInt(12) == OP_COMPRESSED) {
            compressor = Compressor.byId(message[24]).orElseThrow();
            int size = in.getInt(20);
            byte[] body = decompress(compressor, Arrays.copyOfRange(message, 25, message.length), size);
            if (body.length != size) {
                throw new AssertionError("uncompressedSize " + size + " but " + body.length + " bytes");
            }
            plain = new WireBytes().int32(16 + size).int32(in.getInt(4)).int32(in.getInt(8)).int32(in.getInt(16))
                    .bytes(body).toBytes();
            in = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
        }
        int opCode = in.getInt(12);
        int docStart = switch (opCode) {
            case OP_MSG -> {
                if (plain[20] != 0) {
                    throw new AssertionError("first section kind " + plain[20]);
                }
                yield 21;
            }
            case OP_REPLY -> {
                if (in.getLong(20) != 0 || in.getInt(28) != 0 || in.getInt(32) != 1) {
                    throw new AssertionError("OP_REPLY cursorID/startingFrom/numberReturned wrong");
                }
                yield 36;
            }
            default -> throw new AssertionError("unexpected reply opCode " + opCode);
        };
        int docLength = in.getInt(docStart);
        if (docStart + docLength != plain.length) {
            throw new AssertionError("reply document does not end the message");
        }
        return new Reply(in.getInt(4), in.getInt(8), opCode, in.getInt(16), compressor,
                new RawBsonDocument(plain, docStart, docLength), plain);
    }
}
