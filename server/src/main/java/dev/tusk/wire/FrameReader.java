package dev.tusk.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a blocking stream one message at a time by its little-endian messageLength prefix. The
 * length is checked before any of the body is read: outside [16, {@link WireLimits#MAX_MESSAGE_SIZE_BYTES}]
 * the message is rejected.
 */
final class FrameReader {
    private final InputStream in;
    private final byte[] prefix = new byte[4];

    /** {@code in} should be buffered: a small message then costs one read from the socket. */
    FrameReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next whole message (header included), or empty when the stream ended between messages.
     *
     * @throws MalformedMessageException if the length prefix is out of range
     * @throws EOFException if the stream ends inside a message
     */
    Optional<ByteBuf> next() throws IOException {
        int first = in.read();
        if (first < 0) {
            return Optional.empty();
        }
        prefix[0] = (byte) first;
        if (in.readNBytes(prefix, 1, 3) < 3) {
            throw new EOFException("the stream ended inside a length prefix");
        }
        int length = (prefix[0] & 0xff) | (prefix[1] & 0xff) << 8 | (prefix[2] & 0xff) << 16 | (prefix[3] & 0xff) << 24;
        if (length < MessageHeader.SIZE || length > WireLimits.MAX_MESSAGE_SIZE_BYTES) {
            throw new MalformedMessageException("messageLength " + length + " is outside [" + MessageHeader.SIZE
                    + ", " + WireLimits.MAX_MESSAGE_SIZE_BYTES + "]");
        }
        byte[] message = new byte[length];
        System.arraycopy(prefix, 0, message, 0, 4);
        if (in.readNBytes(message, 4, length - 4) < length - 4) {
            throw new EOFException("the stream ended inside a " + length + "-byte message");
        }
        return Optional.of(Unpooled.wrappedBuffer(message));
    }
}
