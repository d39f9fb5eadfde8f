package dev.tusk.wire;

import io.netty.buffer.ByteBuf;
import java.util.Optional;

/**
 * Turns one framed message into a {@link WireRequest}. A message that breaks the protocol (unknown
 * or legacy opCode, truncated section, invalid BSON, bad checksum, ...) throws; the connection that
 * sent it is closed.
 */
final class MessageDecoder {
    private MessageDecoder() {}

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
