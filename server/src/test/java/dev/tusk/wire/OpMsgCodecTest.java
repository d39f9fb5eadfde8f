package dev.tusk.wire;

import static dev.tusk.wire.WireBytes.kind0;
import static dev.tusk.wire.WireBytes.kind1;
import static dev.tusk.wire.WireBytes.opMsg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OpMsgCodecTest {

    static WireRequest decode(byte[] message) {
        ByteBuf buf = Unpooled.wrappedBuffer(message);
        try {
            return MessageDecoder.decode(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void bodyOnly() {
        WireRequest r = decode(opMsg(42, "{ping: 1, $db: 'admin'}"));
        assertEquals(42, r.requestId());
        assertEquals(BsonDocument.parse("{ping: 1, $db: 'admin'}"), r.command());
        assertFalse(r.moreToCome());
        assertFalse(r.exhaustAllowed());
        assertEquals(Optional.empty(), r.compressor());
        assertEquals(Optional.empty(), r.legacyNamespace());
    }

    @Test
    void documentSequencesBecomeArraysOfRawDocuments() {
        WireRequest r = decode(opMsg(7, 0,
                kind1("documents", "{_id: 1, a: 'x'}", "{_id: 2}"),
                kind0("{insert: 'c', ordered: true, $db: 'test'}"),
                kind1("empty")));
        assertEquals(BsonDocument.parse("""
                {insert: 'c', ordered: true, $db: 'test', documents: [{_id: 1, a: 'x'}, {_id: 2}], empty: []}"""),
                r.command());
        BsonArray documents = r.command().getArray("documents");
        assertInstanceOf(RawBsonDocument.class, documents.get(0));
        assertArrayEquals(WireBytes.bson("{_id: 1, a: 'x'}"), bytes((RawBsonDocument) documents.get(0)));
    }

    @Test
    void validChecksumIsAccepted() {
        WireRequest r = decode(opMsg(3, OpMsgCodec.CHECKSUM_PRESENT, kind0("{ping: 1}"), kind1("d", "{a: 1}")));
        assertEquals(BsonDocument.parse("{ping: 1, d: [{a: 1}]}"), r.command());
    }

    @Test
    void wrongChecksumIsRejected() {
        byte[] message = opMsg(3, OpMsgCodec.CHECKSUM_PRESENT, kind0("{ping: 1}"));
        message[message.length - 1] ^= 0x01;
        assertThrows(MalformedMessageException.class, () -> decode(message));
        byte[] changedBody = opMsg(3, OpMsgCodec.CHECKSUM_PRESENT, kind0("{ping: 1}"));
        changedBody[changedBody.length - 8] ^= 0x01; // inside the int32 value of ping
        assertThrows(MalformedMessageException.class, () -> decode(changedBody));
    }

    @Test
    void flags() {
        WireRequest r = decode(opMsg(5, OpMsgCodec.MORE_TO_COME | OpMsgCodec.EXHAUST_ALLOWED, kind0("{insert: 'c'}")));
        assertTrue(r.moreToCome());
        assertTrue(r.exhaustAllowed());
        // unknown optional bits (16-31) are ignored
        assertFalse(decode(opMsg(5, 1 << 20, kind0("{ping: 1}"))).moreToCome());
    }

    @Test
    void nestingUpTo200LevelsIsAccepted() {
        WireRequest r = decode(opMsg(1, "{ping: 1, n: " + nested(199) + "}"));
        assertEquals(1, r.command().getInt32("ping").getValue());
    }

    @Test
    void nestingPastIsAnsweredWithOverflow() {
        RejectedMessageException e = assertThrows(RejectedMessageException.class, () -> decode(opMsg(7, "{n: " + nested(200) + "}")));
        assertEquals(7, e.request().requestId());
        assertEquals(15, e.reply().getInt32("code").getValue());
        assertEquals("BSONObj exceeded maximum nested object depth: 200", e.reply().getString("errmsg").getValue());
    }

    @Test
    void replyIsFlagsZeroAndOneBodySection() {
        ByteBuf out = OpMsgCodec.encodeReply(ByteBufAllocator.DEFAULT, 99, 42, BsonDocument.parse("{ok: 1.0}"));
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes).release();
        byte[] doc = WireBytes.bson("{ok: 1.0}");
        byte[] expected = new WireBytes().int32(21 + doc.length).int32(99).int32(42).int32(2013)
                .int32(0).byte8(0).bytes(doc).toBytes();
        assertArrayEquals(expected, bytes);
    }

    @Test
    void rawDocumentsInRepliesKeepTheirBytes() {
        // duplicate field names survive only if the bytes are copied, not re-encoded from a map
        byte[] raw = new WireBytes().int32(0).byte8(0x10).cstring("a").int32(1).byte8(0x10).cstring("a").int32(2)
                .byte8(0).toBytes();
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).putInt(0, raw.length);
        BsonDocument reply = new BsonDocument("cursor", new BsonDocument("firstBatch",
                new BsonArray(java.util.List.of(new RawBsonDocument(raw))))).append("ok", new org.bson.BsonDouble(1));
        ByteBuf out = OpMsgCodec.encodeReply(ByteBufAllocator.DEFAULT, 1, 2, reply);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes).release();
        assertTrue(indexOf(bytes, raw) > 0, "raw document bytes copied unchanged");
        assertEquals(new RawBsonDocument(raw), WireBytes.parseReply(bytes).document()
                .getDocument("cursor").getArray("firstBatch").get(0));
    }

    record Bad(String name, byte[] message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> malformed() {
        byte[] body = WireBytes.bson("{ping: 1}");
        return Stream.of(
                new Bad("no sections", opMsg(1, 0)),
                new Bad("no flagBits", WireBytes.message(1, 2013, new byte[0])),
                new Bad("two bodies", opMsg(1, 0, kind0("{a: 1}"), kind0("{b: 1}"))),
                new Bad("only a sequence", opMsg(1, 0, kind1("documents", "{a: 1}"))),
                new Bad("unknown section kind 2", opMsg(1, 0, kind0("{a: 1}"), new byte[] {2, 0, 0, 0, 0})),
                new Bad("unknown required flag bit 2", opMsg(1, 1 << 2, kind0("{a: 1}"))),
                new Bad("checksum flag without room for it", WireBytes.message(1, 2013, new WireBytes().int32(1).toBytes())),
                new Bad("truncated body", opMsg(1, 0, new WireBytes().byte8(0).bytes(java.util.Arrays.copyOf(body, 8)).toBytes())),
                new Bad("body length beyond the message", opMsg(1, 0,
                        new WireBytes().byte8(0).int32(100).bytes(java.util.Arrays.copyOfRange(body, 4, body.length)).toBytes())),
                new Bad("body length shorter than its content", opMsg(1, 0,
                        new WireBytes().byte8(0).int32(body.length - 1).bytes(java.util.Arrays.copyOfRange(body, 4, body.length)).toBytes())),
                new Bad("body length below 5", opMsg(1, 0, new WireBytes().byte8(0).int32(4).toBytes())),
                new Bad("nested document length wrong", opMsg(1, 0, new WireBytes().byte8(0).bytes(
                        patchInt(WireBytes.bson("{a: {b: 1}}"), 7, 50)).toBytes())),
                new Bad("unknown BSON type", opMsg(1, 0, new WireBytes().byte8(0).bytes(
                        patchByte(WireBytes.bson("{a: 1}"), 4, 0x42)).toBytes())),
                new Bad("boolean that is 2", opMsg(1, 0, new WireBytes().byte8(0).bytes(
                        patchByte(WireBytes.bson("{a: true}"), 7, 2)).toBytes())),
                new Bad("string length past the document", opMsg(1, 0, new WireBytes().byte8(0).bytes(
                        patchInt(WireBytes.bson("{a: 'xyz'}"), 7, 1000)).toBytes())),
                new Bad("document without its final NUL", opMsg(1, 0, new WireBytes().byte8(0).bytes(
                        patchByte(WireBytes.bson("{a: 1}"), 11, 1)).toBytes())),
                new Bad("sequence size beyond the message", opMsg(1, 0, kind0("{a: 1}"),
                        patchInt(kind1("docs", "{b: 1}"), 1, 500))),
                new Bad("sequence size below 5", opMsg(1, 0, kind0("{a: 1}"), new WireBytes().byte8(1).int32(4).toBytes())),
                new Bad("sequence truncated before its size", opMsg(1, 0, kind0("{a: 1}"), new byte[] {1, 9})),
                new Bad("sequence identifier without NUL", opMsg(1, 0, kind0("{a: 1}"),
                        new WireBytes().byte8(1).int32(7).bytes(new byte[] {'d', 'o', 'c'}).toBytes())),
                new Bad("sequence document crosses the section end", opMsg(1, 0, kind0("{a: 1}"),
                        patchInt(kind1("docs", "{b: 1}", "{c: 1}"), 1, 4 + 5 + 12 + 6))),
                new Bad("sequence holding a partial document", opMsg(1, 0, kind0("{a: 1}"),
                        new WireBytes().byte8(1).int32(4 + 2 + 3).cstring("d").bytes(new byte[] {5, 0, 0}).toBytes())),
                new Bad("two sequences with one name", opMsg(1, 0, kind0("{a: 1}"), kind1("d", "{b: 1}"), kind1("d"))),
                new Bad("sequence named like a body field", opMsg(1, 0, kind0("{d: 1}"), kind1("d", "{b: 1}"))),
                new Bad("unknown opCode", WireBytes.message(1, 9999, kind0("{a: 1}"))),
                new Bad("OP_INSERT", WireBytes.message(1, 2002, new WireBytes().int32(0).cstring("db.c").doc("{a: 1}").toBytes())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedMessagesAreRejected(Bad bad) {
        assertThrows(MalformedMessageException.class, () -> decode(bad.message()));
    }

    static String nested(int levels) {
        return "{a: ".repeat(levels) + "1" + "}".repeat(levels);
    }

    static byte[] patchInt(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return copy;
    }

    static byte[] patchByte(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        copy[offset] = (byte) value;
        return copy;
    }

    static byte[] bytes(RawBsonDocument document) {
        ByteBuffer buffer = document.getByteBuffer().asNIO();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
