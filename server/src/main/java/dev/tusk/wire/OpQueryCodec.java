package dev.tusk.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * OP_QUERY (2004), kept only for the legacy handshake (isMaster/hello on "admin.$cmd"), and its
 * answer OP_REPLY (1). A command wrapped as {$query: {...}, $readPreference: ...} (or with
 * "query" as first field, as old drivers send) is unwrapped, and the other $-fields are moved into
 * the command. {@code $db} is added from the namespace when absent, as MongoDB does.
 */
final class OpQueryCodec {
    private static final int AWAIT_CAPABLE = 8;

    private OpQueryCodec() {}

    /** Decodes a frame whose reader index is just past the header. */
    static WireRequest decode(MessageHeader header, ByteBuf frame, Optional<Compressor> compressor) {
        int end = frame.writerIndex();
        if (frame.readableBytes() < 4) {
            throw new MalformedMessageException("OP_QUERY without flags");
        }
        frame.skipBytes(4); // flags: tailable etc. mean nothing for commands
        String namespace = BsonBytes.readCString(frame, end, "OP_QUERY fullCollectionName");
        if (frame.readableBytes() < 8) {
            throw new MalformedMessageException("OP_QUERY is truncated after fullCollectionName");
        }
        frame.skipBytes(8); // numberToSkip, numberToReturn
        BsonDocument query = BsonBytes.readDocument(frame, end, "OP_QUERY query");
        if (frame.readerIndex() < end) {
            BsonBytes.skipDocument(frame, end, "OP_QUERY returnFieldsSelector");
        }
        if (frame.readerIndex() != end) {
            throw new MalformedMessageException("OP_QUERY has bytes after its documents");
        }
        BsonDocument command = unwrap(query);
        if (!command.containsKey("$db")) {
            int dot = namespace.indexOf('.');
            command.append("$db", new BsonString(dot < 0 ? namespace : namespace.substring(0, dot)));
        }
        return new WireRequest(header.requestId(), command, false, false, compressor, Optional.of(namespace));
    }

    /** OP_REPLY: AwaitCapable, cursorID 0, startingFrom 0, numberReturned 1, the document. */
    static ByteBuf encodeReply(ByteBufAllocator alloc, int requestId, int responseTo, BsonDocument reply) {
        ByteBuf out = alloc.buffer();
        try {
            int start = MessageHeader.writePlaceholder(out, requestId, responseTo, MessageHeader.OP_REPLY);
            out.writeIntLE(AWAIT_CAPABLE);
            out.writeLongLE(0);
            out.writeIntLE(0);
            out.writeIntLE(1);
            BsonBytes.write(out, reply);
            MessageHeader.patchLength(out, start);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    static BsonDocument unwrap(BsonDocument query) {
        BsonValue wrapped = query.get("$query");
        if (wrapped == null && !query.isEmpty() && query.getFirstKey().equals("query")) {
            wrapped = query.get("query");
        }
        if (wrapped == null || !wrapped.isDocument()) {
            return query;
        }
        BsonDocument command = wrapped.asDocument();
        for (Map.Entry<String, BsonValue> field : query.entrySet()) {
            String name = field.getKey();
            if (name.startsWith("$") && !name.equals("$query") && !command.containsKey(name)) {
                command.append(name, field.getValue());
            }
        }
        return command;
    }
}
