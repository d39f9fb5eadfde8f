package dev.tusk.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Framing from a blocking stream and decoding, as a connection reads: bad input throws, never hangs. */
class FrameReaderTest {

    /** A stream that hands out at most three bytes per read, like a slow socket. */
    private static InputStream trickle(byte[] bytes) {
        InputStream all = new ByteArrayInputStream(bytes);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return all.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return all.read(b, off, Math.min(len, 3));
            }
        };
    }

    private static WireRequest request(FrameReader frames) throws IOException {
        ByteBuf frame = frames.next().orElseThrow();
        try {
            return MessageDecoder.decode(frame);
        } finally {
            frame.release();
        }
    }

    @Test
    void messageSplitAcrossReadsIsReassembled() throws IOException {
        FrameReader frames = new FrameReader(trickle(WireBytes.opMsg(1, "{ping: 1, $db: 'admin'}")));
        assertEquals(BsonDocument.parse("{ping: 1, $db: 'admin'}"), request(frames).command());
        assertEquals(Optional.empty(), frames.next(), "a clean end between messages");
    }

    @Test
    void severalMessagesInOneRead() throws IOException {
        byte[] a = WireBytes.opMsg(1, "{ping: 1}");
        byte[] b = WireBytes.opQuery(2, "admin.$cmd", "{isMaster: 1}");
        FrameReader frames = new FrameReader(new ByteArrayInputStream(concat(a, b)));
        assertEquals(1, request(frames).requestId());
        assertEquals(2, request(frames).requestId());
        assertEquals(Optional.empty(), frames.next());
    }

    record Bad(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> garbage() {
        byte[] truncatedSection = WireBytes.opMsg(1, 0, new WireBytes().byte8(0).int32(30).int32(0).toBytes());
        return Stream.of(
                new Bad("truncated section", truncatedSection),
                new Bad("bad BSON length", WireBytes.opMsg(1, 0, new WireBytes().byte8(0)
                        .bytes(OpMsgCodecTest.patchInt(WireBytes.bson("{a: {b: 1}}"), 7, 3)).toBytes())),
                new Bad("unknown opCode", WireBytes.message(1, 1234, new byte[8])),
                new Bad("legacy opCode", WireBytes.message(1, 2002, new byte[8])),
                new Bad("oversize length prefix", new WireBytes().int32(48_000_001).int32(1).int32(0).int32(2013).toBytes()),
                new Bad("length below 16", new WireBytes().int32(15).int32(1).int32(0).int32(2013).toBytes()),
                new Bad("negative length", new WireBytes().int32(-1).int32(1).int32(0).int32(2013).toBytes()),
                new Bad("text", "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageIsRejected(Bad bad) {
        FrameReader frames = new FrameReader(new ByteArrayInputStream(bad.bytes()));
        RuntimeException e = assertThrows(RuntimeException.class, () -> request(frames));
        assertTrue(e instanceof MalformedMessageException || e.getClass().getPackageName().startsWith("org.bson"),
                () -> "a protocol error, not " + e);
    }

    @Test
    void oversizeLengthIsRejectedBeforeTheBodyArrives() {
        FrameReader frames = new FrameReader(new ByteArrayInputStream(new WireBytes().int32(48_000_001).toBytes()));
        assertThrows(MalformedMessageException.class, frames::next);
    }

    @Test
    void exactlyTheLimitIsRead() {
        FrameReader frames = new FrameReader(new ByteArrayInputStream(new WireBytes().int32(48_000_000).int32(1).toBytes()));
        assertThrows(EOFException.class, frames::next, "waits for the rest of a 48,000,000-byte message");
    }

    @Test
    void endInsideTheLengthPrefixIsAnEndOfStream() {
        FrameReader frames = new FrameReader(new ByteArrayInputStream(new byte[] {32, 0}));
        assertThrows(EOFException.class, frames::next);
    }

    @Test
    void moreToComeIsDecoded() throws IOException {
        FrameReader frames = new FrameReader(new ByteArrayInputStream(WireBytes.opMsg(5, 2, WireBytes.kind0("{insert: 'c'}"),
                WireBytes.kind1("documents", "{_id: 1}"))));
        WireRequest r = assertInstanceOf(WireRequest.class, request(frames));
        assertTrue(r.moreToCome());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
