package dev.tusk.wire;

import static dev.tusk.wire.OpMsgCodecTest.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompressionTest {
    private static final String BIG = "{find: 'c', filter: {name: '" + "abc".repeat(2000) + "'}, $db: 'test'}";

    @ParameterizedTest
    @EnumSource(Compressor.class)
    void compressedOpMsgIsDecoded(Compressor compressor) {
        byte[] plain = WireBytes.opMsg(9, 0, WireBytes.kind0(BIG), WireBytes.kind1("docs", "{a: 1}"));
        WireRequest r = decode(WireBytes.compressed(plain, compressor));
        assertEquals(9, r.requestId());
        assertEquals(Optional.of(compressor), r.compressor());
        BsonDocument expected = BsonDocument.parse(BIG);
        expected.put("docs", BsonDocument.parse("{x: [{a: 1}]}").getArray("x"));
        assertEquals(expected, r.command());
    }

    @ParameterizedTest
    @EnumSource(Compressor.class)
    void compressedOpMsgWithChecksumIsVerifiedOverTheRebuiltMessage(Compressor compressor) {
        byte[] plain = WireBytes.opMsg(9, OpMsgCodec.CHECKSUM_PRESENT, WireBytes.kind0("{ping: 1}"));
        assertEquals(BsonDocument.parse("{ping: 1}"), decode(WireBytes.compressed(plain, compressor)).command());
        plain[plain.length - 2] ^= 1;
        assertThrows(MalformedMessageException.class, () -> decode(WireBytes.compressed(plain, compressor)));
    }

    @ParameterizedTest
    @EnumSource(Compressor.class)
    void compressedOpQueryIsDecoded(Compressor compressor) {
        WireRequest r = decode(WireBytes.compressed(WireBytes.opQuery(4, "admin.$cmd", "{isMaster: 1}"), compressor));
        assertEquals(Optional.of("admin.$cmd"), r.legacyNamespace());
        assertEquals(Optional.of(compressor), r.compressor());
        assertEquals(BsonDocument.parse("{isMaster: 1, $db: 'admin'}"), r.command());
    }

    @ParameterizedTest
    @EnumSource(Compressor.class)
    void replyUsesTheRequestsCompressorExceptNoop(Compressor compressor) {
        WireRequest request = new WireRequest(3, BsonDocument.parse("{find: 'c'}"), false, false,
                Optional.of(compressor), Optional.empty());
        BsonDocument body = BsonDocument.parse("{ok: 1.0, cursor: {firstBatch: [{s: '" + "x".repeat(5000) + "'}]}}");
        WireBytes.Reply reply = WireBytes.parseReply(encode(request, body));
        assertEquals(compressor == Compressor.NOOP ? null : compressor, reply.compressor());
        assertEquals(WireBytes.OP_MSG, reply.opCode());
        assertEquals(3, reply.responseTo());
        assertEquals(body, reply.document());
    }

    @ParameterizedTest
    @EnumSource(Compressor.class)
    void opCompressedRoundTripsWithEveryCompressorIncludingNoop(Compressor compressor) {
        ByteBuf plain = OpMsgCodec.encodeReply(ByteBufAllocator.DEFAULT, 8, 2, BsonDocument.parse(BIG));
        ByteBuf wrapped = OpCompressedCodec.wrap(ByteBufAllocator.DEFAULT, plain, compressor);
        byte[] bytes = new byte[wrapped.readableBytes()];
        wrapped.readBytes(bytes).release();
        WireBytes.Reply reply = WireBytes.parseReply(bytes);
        assertEquals(compressor, reply.compressor());
        assertEquals(BsonDocument.parse(BIG), reply.document());
        // and our own decoder reads what our encoder wrote (a reply is shaped like a request)
        assertEquals(BsonDocument.parse(BIG), decode(bytes).command());
    }

    @Test
    void handshakeAndAuthRepliesAreNeverCompressed() {
        for (String command : new String[] {"hello", "isMaster", "ismaster", "saslStart", "saslContinue",
                "getnonce", "authenticate", "createUser", "updateUser", "copydbSaslStart", "copydbgetnonce", "copydb"}) {
            WireRequest request = new WireRequest(3, new BsonDocument(command, new org.bson.BsonInt32(1)), false, false,
                    Optional.of(Compressor.ZSTD), Optional.empty());
            assertNull(WireBytes.parseReply(encode(request, BsonDocument.parse("{ok: 1.0}"))).compressor(), command);
        }
    }

    @ParameterizedTest
    @EnumSource(Compressor.class)
    void uncompressedSizeMustMatch(Compressor compressor) {
        byte[] good = WireBytes.compressed(WireBytes.opMsg(1, BIG), compressor);
        int size = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getInt(20);
        assertThrows(MalformedMessageException.class, () -> decode(withUncompressedSize(good, size + 1)));
        assertThrows(MalformedMessageException.class, () -> decode(withUncompressedSize(good, size - 1)));
    }

    @ParameterizedTest
    @EnumSource(value = Compressor.class, names = {"SNAPPY", "ZLIB", "ZSTD"})
    void corruptCompressedDataIsRejected(Compressor compressor) {
        byte[] good = WireBytes.compressed(WireBytes.opMsg(1, BIG), compressor);
        byte[] truncated = Arrays.copyOf(good, good.length - 10);
        ByteBuffer.wrap(truncated).order(ByteOrder.LITTLE_ENDIAN).putInt(0, truncated.length);
        assertThrows(MalformedMessageException.class, () -> decode(truncated));
        byte[] garbage = good.clone();
        for (int i = 25; i < garbage.length; i += 3) {
            garbage[i] = (byte) (garbage[i] * 31 + 7);
        }
        assertThrows(MalformedMessageException.class, () -> decode(garbage));
    }

    @Test
    void badEnvelopesAreRejected() {
        byte[] good = WireBytes.compressed(WireBytes.opMsg(1, "{ping: 1}"), Compressor.ZLIB);
        assertThrows(MalformedMessageException.class,
                () -> decode(WireBytes.compressed(good, Compressor.NOOP)), "compressed inside compressed");
        assertThrows(MalformedMessageException.class, () -> decode(withUncompressedSize(good, 48_000_001)));
        assertThrows(MalformedMessageException.class, () -> decode(withUncompressedSize(good, -1)));
        byte[] unknownCompressor = good.clone();
        unknownCompressor[24] = 9;
        assertThrows(MalformedMessageException.class, () -> decode(unknownCompressor));
        byte[] insertInside = good.clone();
        ByteBuffer.wrap(insertInside).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 2002);
        assertThrows(MalformedMessageException.class, () -> decode(insertInside));
        assertThrows(MalformedMessageException.class,
                () -> decode(WireBytes.message(1, WireBytes.OP_COMPRESSED, new byte[] {1, 2, 3})));
    }

    private static byte[] withUncompressedSize(byte[] message, int size) {
        byte[] copy = message.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(20, size);
        return copy;
    }

    private static byte[] encode(WireRequest request, BsonDocument reply) {
        ByteBuf out = ReplyEncoder.encode(ByteBufAllocator.DEFAULT, request, reply, 1);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes).release();
        return bytes;
    }
}
