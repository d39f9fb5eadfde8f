package dev.tusk.wire;

import dev.tusk.error.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * OP_MSG (2013): flagBits, then one kind-0 body section and any number of kind-1 document
 * sequences, then an optional CRC-32C. The request's command is the body with each sequence
 * appended as an array of {@link org.bson.RawBsonDocument}s (read-only, exact client bytes).
 */
final class OpMsgCodec {
    static final int CHECKSUM_PRESENT = 1;
    static final int MORE_TO_COME = 1 << 1;
    static final int EXHAUST_ALLOWED = 1 << 16;
    /** Bits 0-15 are "required": a receiver that does not know one must reject the message. */
    private static final int REQUIRED_BITS = 0xFFFF;
    private static final int KNOWN_REQUIRED_BITS = CHECKSUM_PRESENT | MORE_TO_COME;
    private static final int CHECKSUM_SIZE = 4;

    private OpMsgCodec() {}

    /** Decodes a frame whose reader index is just past the header. */
    static WireRequest decode(MessageHeader header, ByteBuf frame, Optional<Compressor> compressor) {
        int messageStart = frame.readerIndex() - MessageHeader.SIZE;
        if (frame.readableBytes() < 4) {
            throw new MalformedMessageException("OP_MSG without flagBits");
        }
        int flags = frame.readIntLE();
        int unknownRequired = flags & REQUIRED_BITS & ~KNOWN_REQUIRED_BITS;
        if (unknownRequired != 0) {
            throw new MalformedMessageException(
                    "OP_MSG has unknown required flag bits 0x" + Integer.toHexString(unknownRequired));
        }
        int end = frame.writerIndex();
        if ((flags & CHECKSUM_PRESENT) != 0) {
            end -= CHECKSUM_SIZE;
            if (end < frame.readerIndex()) {
                throw new MalformedMessageException("OP_MSG too short for its checksum");
            }
            verifyChecksum(frame, messageStart, end);
        }

        try {
            return decodeSections(header, frame, end, flags, compressor);
        } catch (BsonTooDeepException e) {
            WireRequest request = new WireRequest(header.requestId(), new BsonDocument(), (flags & MORE_TO_COME) != 0,
                    false, compressor, Optional.empty());
            throw new RejectedMessageException(request, ErrorCode.OVERFLOW.error(e.getMessage()).toReply());
        }
    }

    private static WireRequest decodeSections(MessageHeader header, ByteBuf frame, int end, int flags, Optional<Compressor> compressor) {
        BsonDocument body = null;
        Map<String, List<BsonValue>> sequences = new LinkedHashMap<>();
        while (frame.readerIndex() < end) {
            byte kind = frame.readByte();
            switch (kind) {
                case 0 -> {
                    if (body != null) {
                        throw new MalformedMessageException("OP_MSG has more than one body section");
                    }
                    body = BsonBytes.readDocument(frame, end, "OP_MSG body");
                }
                case 1 -> readSequence(frame, end, sequences);
                default -> throw new MalformedMessageException("OP_MSG has unknown section kind " + kind);
            }
        }
        if (body == null) {
            throw new MalformedMessageException("OP_MSG has no body section");
        }
        for (Map.Entry<String, List<BsonValue>> sequence : sequences.entrySet()) {
            if (body.containsKey(sequence.getKey())) {
                throw new MalformedMessageException(
                        "OP_MSG field '" + sequence.getKey() + "' is both in the body and a document sequence");
            }
            body.append(sequence.getKey(), new BsonArray(sequence.getValue()));
        }
        return new WireRequest(header.requestId(), body, (flags & MORE_TO_COME) != 0,
                (flags & EXHAUST_ALLOWED) != 0, compressor, Optional.empty());
    }

    /** A reply message: flagBits 0 and one kind-0 section. */
    static ByteBuf encodeReply(ByteBufAllocator alloc, int requestId, int responseTo, BsonDocument reply) {
        ByteBuf out = alloc.buffer();
        try {
            int start = MessageHeader.writePlaceholder(out, requestId, responseTo, MessageHeader.OP_MSG);
            out.writeIntLE(0);
            out.writeByte(0);
            BsonBytes.write(out, reply);
            MessageHeader.patchLength(out, start);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private static void readSequence(ByteBuf frame, int end, Map<String, List<BsonValue>> sequences) {
        int sectionStart = frame.readerIndex();
        if (end - sectionStart < 4) {
            throw new MalformedMessageException("OP_MSG document sequence is truncated");
        }
        int size = frame.readIntLE();
        // at least the size itself and an empty identifier
        if (size < 5 || size > end - sectionStart) {
            throw new MalformedMessageException("OP_MSG document sequence has size " + size
                    + " but " + (end - sectionStart) + " bytes are left");
        }
        int sectionEnd = sectionStart + size;
        String identifier = BsonBytes.readCString(frame, sectionEnd, "OP_MSG document sequence identifier");
        List<BsonValue> documents = new ArrayList<>();
        while (frame.readerIndex() < sectionEnd) {
            documents.add(BsonBytes.readRaw(frame, sectionEnd, "OP_MSG document sequence '" + identifier + "'"));
        }
        if (sequences.put(identifier, documents) != null) {
            throw new MalformedMessageException("OP_MSG has two document sequences named '" + identifier + "'");
        }
    }

    private static void verifyChecksum(ByteBuf frame, int messageStart, int checksumIndex) {
        CRC32C crc = new CRC32C();
        crc.update(frame.nioBuffer(messageStart, checksumIndex - messageStart));
        int expected = frame.getIntLE(checksumIndex);
        if ((int) crc.getValue() != expected) {
            throw new MalformedMessageException("OP_MSG checksum does not match its contents");
        }
    }
}
