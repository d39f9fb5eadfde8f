package dev.tusk.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Optional;

/**
 * OP_COMPRESSED (2012): originalOpcode, uncompressedSize, compressorId, then the compressed message
 * without its header. Decoding rebuilds the original message (header included, so an OP_MSG
 * checksum is verified over the same bytes MongoDB uses) and decodes it as OP_MSG or OP_QUERY.
 */
final class OpCompressedCodec {
    private static final int PREFIX_SIZE = 9;

    private OpCompressedCodec() {}

    /** Decodes a frame whose reader index is just past the header. */
    static WireRequest decode(MessageHeader header, ByteBuf frame) {
        if (frame.readableBytes() < PREFIX_SIZE) {
            throw new MalformedMessageException("OP_COMPRESSED is truncated");
        }
        int originalOpcode = frame.readIntLE();
        int uncompressedSize = frame.readIntLE();
        int compressorId = frame.readUnsignedByte();
        if (originalOpcode != MessageHeader.OP_MSG && originalOpcode != MessageHeader.OP_QUERY) {
            throw new MalformedMessageException("OP_COMPRESSED cannot hold opCode " + originalOpcode);
        }
        if (uncompressedSize < 0 || uncompressedSize > WireLimits.MAX_MESSAGE_SIZE_BYTES - MessageHeader.SIZE) {
            throw new MalformedMessageException("OP_COMPRESSED uncompressedSize " + uncompressedSize + " is out of range");
        }
        Compressor compressor = Compressor.byId(compressorId).orElseThrow(
                () -> new MalformedMessageException("OP_COMPRESSED has unknown compressorId " + compressorId));

        byte[] message = new byte[MessageHeader.SIZE + uncompressedSize];
        CompressionCodec.decompress(compressor, ByteBufUtil.getBytes(frame), message, MessageHeader.SIZE,
                uncompressedSize);
        ByteBuf inner = Unpooled.wrappedBuffer(message);
        inner.setIntLE(0, message.length);
        inner.setIntLE(4, header.requestId());
        inner.setIntLE(8, header.responseTo());
        inner.setIntLE(12, originalOpcode);
        try {
            MessageHeader innerHeader = MessageHeader.read(inner);
            return originalOpcode == MessageHeader.OP_MSG
                    ? OpMsgCodec.decode(innerHeader, inner, Optional.of(compressor))
                    : OpQueryCodec.decode(innerHeader, inner, Optional.of(compressor));
        } finally {
            inner.release();
        }
    }

    /** Wraps a complete encoded message (which it releases) into OP_COMPRESSED. */
    static ByteBuf wrap(ByteBufAllocator alloc, ByteBuf message, Compressor compressor) {
        try {
            int requestId = message.getIntLE(4);
            int responseTo = message.getIntLE(8);
            int opCode = message.getIntLE(12);
            int bodyLength = message.readableBytes() - MessageHeader.SIZE;
            byte[] body = ByteBufUtil.getBytes(message, message.readerIndex() + MessageHeader.SIZE, bodyLength, false);
            byte[] compressed = CompressionCodec.compress(compressor, body, 0, bodyLength);
            ByteBuf out = alloc.buffer(MessageHeader.SIZE + PREFIX_SIZE + compressed.length);
            int start = MessageHeader.writePlaceholder(out, requestId, responseTo, MessageHeader.OP_COMPRESSED);
            out.writeIntLE(opCode).writeIntLE(bodyLength).writeByte(compressor.id()).writeBytes(compressed);
            MessageHeader.patchLength(out, start);
            return out;
        } finally {
            message.release();
        }
    }
}
