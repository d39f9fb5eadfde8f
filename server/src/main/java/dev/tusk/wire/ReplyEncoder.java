package dev.tusk.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;

/**
 * Builds the reply message for a request: OP_REPLY for OP_QUERY, OP_MSG otherwise, wrapped in
 * OP_COMPRESSED with the request's compressor when it came compressed with something other than
 * noop. Handshake and authentication commands are never compressed (compression spec).
 */
final class ReplyEncoder {
    private static final Set<String> NEVER_COMPRESSED = Set.of(
            "hello", "isMaster", "ismaster", "saslStart", "saslContinue", "getnonce", "authenticate",
            "createUser", "updateUser", "copydbSaslStart", "copydbgetnonce", "copydb");

    private ReplyEncoder() {}

    static ByteBuf encode(ByteBufAllocator alloc, WireRequest request, BsonDocument reply, int replyId) {
        ByteBuf message = request.legacyNamespace().isPresent()
                ? OpQueryCodec.encodeReply(alloc, replyId, request.requestId(), reply)
                : OpMsgCodec.encodeReply(alloc, replyId, request.requestId(), reply);
        Optional<Compressor> compressor = replyCompressor(request);
        return compressor.isPresent() ? OpCompressedCodec.wrap(alloc, message, compressor.get()) : message;
    }

    static Optional<Compressor> replyCompressor(WireRequest request) {
        BsonDocument command = request.command();
        String name = command.isEmpty() ? "" : command.getFirstKey();
        return request.compressor()
                .filter(c -> c != Compressor.NOOP)
                .filter(c -> !NEVER_COMPRESSED.contains(name));
    }
}
