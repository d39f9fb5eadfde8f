package dev.tusk.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Arrays;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Framing and decoding as wired in the server pipeline: bad input closes the channel, never throws. */
class PipelineTest {

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new FrameDecoder(), new MessageDecoder());
    }

    @Test
    void messageSplitAcrossReadsIsReassembled() {
        EmbeddedChannel ch = channel();
        byte[] message = WireBytes.opMsg(1, "{ping: 1, $db: 'admin'}");
        for (int i = 0; i < message.length; i += 3) {
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(message, i, Math.min(i + 3, message.length))));
        }
        WireRequest r = ch.readInbound();
        assertEquals(BsonDocument.parse("{ping: 1, $db: 'admin'}"), r.command());
        assertNull(ch.readInbound());
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void severalMessagesInOneRead() {
        EmbeddedChannel ch = channel();
        byte[] a = WireBytes.opMsg(1, "{ping: 1}");
        byte[] b = WireBytes.opQuery(2, "admin.$cmd", "{isMaster: 1}");
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        ch.writeInbound(Unpooled.wrappedBuffer(both));
        assertEquals(1, ch.<WireRequest>readInbound().requestId());
        assertEquals(2, ch.<WireRequest>readInbound().requestId());
        ch.finishAndReleaseAll();
    }

    record Bad(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> garbage() {
        byte[] ping = WireBytes.opMsg(1, "{ping: 1}");
        byte[] truncatedSection = WireBytes.opMsg(1, 0, new WireBytes().byte8(0).int32(30).int32(0).toBytes());
        return Stream.of(
                new Bad("truncated section", truncatedSection),
                new Bad("bad BSON length", WireBytes.opMsg(1, 0, new WireBytes().byte8(0)
                        .bytes(OpMsgCodecTest.patchInt(WireBytes.bson("{a: {b: 1}}"), 7, 3)).toBytes())),
                new Bad("unknown opCode", WireBytes.message(1, 1234, new byte[8])),
                new Bad("oversize length prefix", new WireBytes().int32(48_000_001).int32(1).int32(0).int32(2013).toBytes()),
                new Bad("length below 16", new WireBytes().int32(15).int32(1).int32(0).int32(2013).toBytes()),
                new Bad("negative length", new WireBytes().int32(-1).int32(1).int32(0).int32(2013).toBytes()),
                new Bad("text", "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes()),
                new Bad("good message after a bad one is dropped",
                        concat(WireBytes.message(1, 2002, new byte[8]), ping)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageClosesTheChannel(Bad bad) {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(bad.bytes()));
        ch.runPendingTasks();
        assertFalse(ch.isOpen(), "channel closed");
        ch.checkException();
        assertNull(ch.readInbound());
        ch.finishAndReleaseAll();
    }

    @Test
    void oversizeLengthIsRejectedBeforeTheBodyArrives() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(new WireBytes().int32(48_000_001).toBytes()));
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void exactlyTheLimitIsBuffered() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(new WireBytes().int32(48_000_000).int32(1).toBytes()));
        assertTrue(ch.isOpen(), "waits for the rest of a 48,000,000-byte message");
        ch.finishAndReleaseAll();
    }

    @Test
    void decodedRequestReachesTheNextHandler() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(WireBytes.opMsg(5, 2, WireBytes.kind0("{insert: 'c'}"),
                WireBytes.kind1("documents", "{_id: 1}"))));
        WireRequest r = assertInstanceOf(WireRequest.class, ch.readInbound());
        assertTrue(r.moreToCome());
        ch.finishAndReleaseAll();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
