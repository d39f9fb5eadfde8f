package dev.tusk.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the byte stream into messages by their little-endian messageLength prefix. The length is
 * checked before any of the message is buffered: outside [16, {@link WireLimits#MAX_MESSAGE_SIZE_BYTES}]
 * the connection is closed and everything after it is discarded.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);

    private boolean rejected;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (rejected) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getIntLE(in.readerIndex());
        if (length < MessageHeader.SIZE || length > WireLimits.MAX_MESSAGE_SIZE_BYTES) {
            log.warn("closing connection from {}: messageLength {} is outside [{}, {}]",
                    ctx.channel().remoteAddress(), length, MessageHeader.SIZE, WireLimits.MAX_MESSAGE_SIZE_BYTES);
            rejected = true;
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        if (in.readableBytes() >= length) {
            out.add(in.readRetainedSlice(length));
        }
    }
}
