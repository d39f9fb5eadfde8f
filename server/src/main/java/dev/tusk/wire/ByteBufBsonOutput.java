package dev.tusk.wire;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.util.List;
import org.bson.ByteBufNIO;
import org.bson.io.OutputBuffer;

/**
 * Lets org.bson's writers append straight into a Netty buffer (positions are relative to the
 * writer index at construction). Closing it does not release the buffer: the caller owns it.
 */
final class ByteBufBsonOutput extends OutputBuffer {
    private final ByteBuf buf;
    private final int start;

    ByteBufBsonOutput(ByteBuf buf) {
        this.buf = buf;
        this.start = buf.writerIndex();
    }

    @Override
    public void writeBytes(byte[] bytes, int offset, int length) {
        buf.writeBytes(bytes, offset, length);
    }

    @Override
    public void writeByte(int value) {
        buf.writeByte(value);
    }

    @Override
    public void writeInt32(int value) {
        buf.writeIntLE(value);
    }

    @Override
    public void writeInt64(long value) {
        buf.writeLongLE(value);
    }

    @Override
    public void writeDouble(double value) {
        buf.writeLongLE(Double.doubleToRawLongBits(value));
    }

    @Override
    public void writeInt32(int position, int value) {
        buf.setIntLE(start + position, value);
    }

    @Override
    protected void write(int position, int value) {
        buf.setByte(start + position, value);
    }

    @Override
    public int getPosition() {
        return buf.writerIndex() - start;
    }

    @Override
    public int getSize() {
        return getPosition();
    }

    @Override
    public void truncateToPosition(int newPosition) {
        buf.writerIndex(start + newPosition);
    }

    @Override
    public List<org.bson.ByteBuf> getByteBuffers() {
        return List.of(new ByteBufNIO(buf.nioBuffer(start, getSize()).order(ByteOrder.LITTLE_ENDIAN)));
    }

    @Override
    public int pipe(OutputStream out) throws IOException {
        int size = getSize();
        buf.getBytes(start, out, size);
        return size;
    }

    @Override
    public void close() {}
}
