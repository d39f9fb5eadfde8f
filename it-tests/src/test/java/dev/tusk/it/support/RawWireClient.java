package dev.tusk.it.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * A bare OP_MSG client for tests that must send exactly what they choose (repeated lsid/txnNumber,
 * garbage bytes) without a driver adding or checking anything.
 */
public final class RawWireClient implements AutoCloseable {
    private final Socket socket;
    private int requestId;

    public RawWireClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
    }

    public BsonDocument command(BsonDocument body) throws IOException {
        BasicOutputBuffer bson = new BasicOutputBuffer();
        new BsonDocumentCodec().encode(new BsonBinaryWriter(bson), body, EncoderContext.builder().build());
        byte[] doc = bson.toByteArray();
        ByteBuffer msg = ByteBuffer.allocate(16 + 4 + 1 + doc.length).order(ByteOrder.LITTLE_ENDIAN);
        msg.putInt(msg.capacity()).putInt(++requestId).putInt(0).putInt(2013).putInt(0).put((byte) 0).put(doc);
        send(msg.array());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] header = new byte[16];
        in.readFully(header);
        int length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        byte[] rest = new byte[length - 16];
        in.readFully(rest);
        return new RawBsonDocument(rest, 5, rest.length - 5);
    }

    public void send(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** True once the server has closed this connection. */
    public boolean closedByServer() throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
