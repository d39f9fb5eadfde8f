package dev.tusk.wire;

import io.netty.buffer.ByteBuf;

/** The 16-byte header every wire message starts with (all fields little-endian int32). */
record MessageHeader(int messageLength, int requestId, int responseTo, int opCode) {
    static final int SIZE = 16;

    static final int OP_REPLY = 1;
    static final int OP_QUERY = 2004;
    static final int OP_COMPRESSED = 2012;
    static final int OP_MSG = 2013;

    /** Reads the header of a frame that holds exactly one message. */
    static MessageHeader read(ByteBuf frame) {
        if (frame.readableBytes() < SIZE) {
            throw new MalformedMessageException("message shorter than its header");
        }
        MessageHeader header = new MessageHeader(
                frame.readIntLE(), frame.readIntLE(), frame.readIntLE(), frame.readIntLE());
        if (header.messageLength != frame.readableBytes() + SIZE) {
            throw new MalformedMessageException("messageLength " + header.messageLength
                    + " does not match the frame of " + (frame.readableBytes() + SIZE) + " bytes");
        }
        return header;
    }

    /** Writes a header whose messageLength is patched later by {@link #patchLength}. */
    static int writePlaceholder(ByteBuf out, int requestId, int responseTo, int opCode) {
        int start = out.writerIndex();
        out.writeIntLE(0).writeIntLE(requestId).writeIntLE(responseTo).writeIntLE(opCode);
        return start;
    }

    static void patchLength(ByteBuf out, int start) {
        out.setIntLE(start, out.writerIndex() - start);
    }
}
