package dev.tusk.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one framed message into a {@link WireRequest}. A message that breaks the protocol (unknown
 * or legacy opCode, truncated section, invalid BSON, bad checksum, ...) is logged with the peer's
 * address and closes the connection; nothing is thrown into the pipeline, and frames that arrive
 * after it are dropped.
 */
final class MessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    private static final Logger log = LoggerFactory.getLogger(MessageDecoder.class);

    private boolean rejected;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (rejected) {
            return;
        }
        try {
            out.add(decode(frame));
        } catch (RuntimeException e) {
            rejected = true;
            log.warn("closing connection from {}: {}", ctx.channel().remoteAddress(), e.getMessage());
            if (!(e instanceof MalformedMessageException)) {
                log.debug("decoder failure", e);
            }
            ctx.close();
        }
    }

    /** Decodes one complete message (header included). */
    static WireRequest decode(ByteBuf frame) {
        MessageHeader header = MessageHeader.read(frame);
        return switch (header.opCode()) {
            case MessageHeader.OP_MSG -> OpMsgCodec.decode(header, frame, Optional.empty());
            case MessageHeader.OP_QUERY -> OpQueryCodec.decode(header, frame, Optional.empty());
            case MessageHeader.OP_COMPRESSED -> OpCompressedCodec.decode(header, frame);
            default -> throw new MalformedMessageException("unsupported opCode " + header.opCode());
        };
    }
}
