package dev.tusk.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** End to end over real sockets: hand-built messages and the MongoDB Java driver. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireServerTest {
    private static final TestExecutor executor = new TestExecutor();
    private static WireServer server;

    @BeforeAll
    static void start() {
        server = WireServer.start("127.0.0.1", 0, executor);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pingOverARawSocket() throws IOException {
        try (Socket socket = connect()) {
            send(socket, WireBytes.opMsg(1234, "{ping: 1, $db: 'admin'}"));
            byte[] reply = receive(socket);
            byte[] doc = WireBytes.bson("{ok: 1.0}");
            ByteBuffer in = ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(16 + 4 + 1 + doc.length, in.getInt(0));
            assertEquals(1234, in.getInt(8), "responseTo");
            assertEquals(2013, in.getInt(12), "OP_MSG");
            assertEquals(0, in.getInt(16), "flagBits");
            assertEquals(0, reply[20], "kind 0");
            assertArrayEquals(doc, java.util.Arrays.copyOfRange(reply, 21, reply.length));
        }
    }

    @Test
    void largeMessageArrivesInManyReads() throws IOException {
        String big = "{s: '" + "x".repeat(1_000_000) + "'}";
        String[] documents = new String[12];
        java.util.Arrays.fill(documents, big);
        try (Socket socket = connect()) {
            send(socket, WireBytes.opMsg(77, 0, WireBytes.kind0("{ping: 1}"), WireBytes.kind1("documents", documents)));
            assertEquals(77, WireBytes.parseReply(receive(socket)).responseTo());
        }
        WireRequest seen = executor.seen("ping").stream().filter(s -> s.request().requestId() == 77)
                .findFirst().orElseThrow().request();
        assertEquals(12, seen.command().getArray("documents").size());
    }

    @Test
    void garbageClosesOnlyThatConnection() throws IOException {
        try (Socket good = connect(); Socket bad = connect()) {
            send(good, WireBytes.opMsg(1, "{ping: 1}"));
            assertEquals(1, WireBytes.parseReply(receive(good)).responseTo());
            send(bad, "this is not a MongoDB message at all".getBytes());
            assertClosed(bad);
            send(good, WireBytes.opMsg(2, "{ping: 1}"));
            assertEquals(2, WireBytes.parseReply(receive(good)).responseTo());
        }
        try (Socket third = connect()) {
            send(third, WireBytes.opMsg(3, "{ping: 1}"));
            assertEquals(BsonDocument.parse("{ok: 1.0}"), WireBytes.parseReply(receive(third)).document());
        }
    }

    @Test
    void oversizeLengthPrefixClosesTheConnection() throws IOException {
        try (Socket socket = connect()) {
            send(socket, new WireBytes().int32(48_000_001).int32(1).int32(0).int32(2013).toBytes());
            assertClosed(socket);
        }
    }

    @Test
    void handlerFailureIsAnInternalErrorReplyAndTheConnectionLives() throws IOException {
        try (Socket socket = connect()) {
            send(socket, WireBytes.opMsg(1, "{fail: 1}"));
            BsonDocument reply = WireBytes.parseReply(receive(socket)).document();
            assertEquals(0.0, reply.getNumber("ok").doubleValue());
            assertEquals(1, reply.getInt32("code").getValue());
            assertEquals("InternalError", reply.getString("codeName").getValue());
            send(socket, WireBytes.opMsg(2, "{ping: 1}"));
            assertEquals(2, WireBytes.parseReply(receive(socket)).responseTo());
        }
    }

    @Test
    void moreToComeIsExecutedWithoutReply() throws IOException {
        try (Socket socket = connect()) {
            send(socket, WireBytes.opMsg(10, OpMsgCodec.MORE_TO_COME, WireBytes.kind0("{echo: 'unacknowledged'}")));
            send(socket, WireBytes.opMsg(11, "{ping: 1}"));
            assertEquals(11, WireBytes.parseReply(receive(socket)).responseTo(), "first reply is the ping's");
            assertTrue(executor.seen("echo").stream()
                    .anyMatch(s -> s.request().requestId() == 10 && s.request().moreToCome()));
        }
    }

    @Test
    void pipelinedRepliesKeepRequestOrder() throws IOException {
        try (Socket socket = connect()) {
            WireBytes all = new WireBytes();
            for (int i = 0; i < 40; i++) {
                all.bytes(WireBytes.opMsg(100 + i, "{sleep: " + (i % 3 == 0 ? 5 : 0) + "}"));
            }
            send(socket, all.toBytes());
            for (int i = 0; i < 40; i++) {
                assertEquals(100 + i, WireBytes.parseReply(receive(socket)).responseTo());
            }
        }
    }

    @Test
    void manyConnectionsAtOnceEachKeepTheirOrder() throws Exception {
        try (var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int c = 0; c < 16; c++) {
                done.add(clients.submit(() -> {
                    try (Socket socket = connect()) {
                        WireBytes burst = new WireBytes();
                        for (int i = 0; i < 50; i++) {
                            burst.bytes(WireBytes.opMsg(i, i % 10 == 0 ? "{sleep: 1}" : "{ping: 1}"));
                        }
                        send(socket, burst.toBytes());
                        for (int i = 0; i < 50; i++) {
                            assertEquals(i, WireBytes.parseReply(receive(socket)).responseTo());
                        }
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aSlowCommandDoesNotHoldUpOtherConnections() throws IOException {
        try (Socket slow = connect(); Socket fast = connect()) {
            send(slow, WireBytes.opMsg(1, "{sleep: 2000}"));
            long start = System.nanoTime();
            send(fast, WireBytes.opMsg(2, "{ping: 1}"));
            assertEquals(2, WireBytes.parseReply(receive(fast)).responseTo());
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1500), "ping waited for sleep");
            assertEquals(1, WireBytes.parseReply(receive(slow)).responseTo());
        }
    }

    @Test
    void eachConnectionRunsItsCommandsOnItsOwnThread() throws IOException {
        try (Socket a = connect(); Socket b = connect()) {
            for (int i = 0; i < 3; i++) {
                send(a, WireBytes.opMsg(900 + i, "{echo: 'a'}"));
                receive(a);
            }
            send(b, WireBytes.opMsg(910, "{echo: 'b'}"));
            receive(b);
        }
        List<TestExecutor.Seen> seen = executor.seen("echo").stream()
                .filter(s -> s.request().requestId() >= 900 && s.request().requestId() <= 910).toList();
        assertEquals(4, seen.size());
        Set<Thread> onA = seen.stream().filter(s -> s.request().requestId() < 910).map(TestExecutor.Seen::thread)
                .collect(Collectors.toSet());
        Thread onB = seen.stream().filter(s -> s.request().requestId() == 910).findFirst().orElseThrow().thread();
        assertEquals(1, onA.size(), "one thread per connection");
        Thread a = onA.iterator().next();
        assertNotEquals(a, onB);
        assertFalse(a.isVirtual(), "blocking socket reads on a platform thread wake it directly");
        assertTrue(a.getName().startsWith("tusk-conn-"), a.getName());
    }

    @Test
    void aClientThatHangsUpInsideAMessageIsClosedOnce() throws Exception {
        int closesBefore = executor.closes.size();
        try (Socket socket = connect()) {
            byte[] ping = WireBytes.opMsg(1, "{ping: 1}");
            send(socket, java.util.Arrays.copyOf(ping, ping.length - 3));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (executor.closes.size() == closesBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(executor.closes.size() > closesBefore, "the executor heard of the close");
        executor.closes.values().forEach(n -> assertEquals(1, n.get()));
    }

    @Test
    void legacyOpQueryHandshakeGetsOpReply() throws IOException {
        try (Socket socket = connect()) {
            send(socket, WireBytes.opQuery(5, "admin.$cmd", "{isMaster: 1, helloOk: true, compression: ['zlib']}"));
            WireBytes.Reply reply = WireBytes.parseReply(receive(socket));
            assertEquals(WireBytes.OP_REPLY, reply.opCode());
            assertEquals(5, reply.responseTo());
            assertEquals("zlib", reply.document().getArray("compression").get(0).asString().getValue());
        }
    }

    @Test
    void compressedRequestGetsReplyCompressedTheSameWay() throws IOException {
        try (Socket socket = connect()) {
            for (Compressor c : Compressor.values()) {
                send(socket, WireBytes.compressed(WireBytes.opMsg(c.id(), "{echo: '" + "z".repeat(3000) + "'}"), c));
                WireBytes.Reply reply = WireBytes.parseReply(receive(socket));
                assertEquals(c == Compressor.NOOP ? null : c, reply.compressor(), c.wireName());
                assertEquals(c.id(), reply.responseTo());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "snappy", "zlib", "zstd"})
    void driverPingWithEachCompressor(String compressor) {
        String uri = "mongodb://127.0.0.1:" + server.port() + "/?serverSelectionTimeoutMS=5000"
                + (compressor.isEmpty() ? "" : "&compressors=" + compressor);
        int before = executor.seen.size();
        try (MongoClient client = MongoClients.create(uri)) {
            Document reply = client.getDatabase("admin").runCommand(new Document("ping", 1));
            assertEquals(1.0, ((Number) reply.get("ok")).doubleValue());
        }
        List<TestExecutor.Seen> pings = executor.seen.subList(before, executor.seen.size()).stream()
                .filter(s -> s.request().command().getFirstKey().equals("ping")).toList();
        assertEquals(1, pings.size());
        Optional<Compressor> expected = Compressor.byName(compressor);
        assertEquals(expected, pings.get(0).request().compressor(), "the driver compressed its ping");
    }

    @Test
    void closeTellsTheExecutorOnceForEveryConnectionAndStopsAllThreads() throws Exception {
        Set<Thread> before = wireThreads();
        TestExecutor own = new TestExecutor();
        WireServer second = WireServer.start("127.0.0.1", 0, own);
        Socket kept = new Socket("127.0.0.1", second.port());
        try (Socket closedByClient = new Socket("127.0.0.1", second.port())) {
            send(closedByClient, WireBytes.opMsg(1, "{ping: 1}"));
            receive(closedByClient);
        }
        send(kept, WireBytes.opMsg(1, "{ping: 1}"));
        receive(kept);
        second.close();
        assertClosed(kept);
        kept.close();
        assertEquals(2, own.opens.get());
        assertEquals(2, own.closes.size());
        own.closes.values().forEach(n -> assertEquals(1, n.get()));
        second.close(); // idempotent
        Set<Thread> after = wireThreads();
        after.removeAll(before);
        assertEquals(Set.of(), after, "the closed server's accept and connection threads are gone");
    }

    private static Set<Thread> wireThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> (t.getName().startsWith("tusk-wire") || t.getName().startsWith("tusk-conn")) && t.isAlive())
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    private static byte[] receive(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] prefix = new byte[4];
        in.readFully(prefix);
        int length = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] message = new byte[length];
        System.arraycopy(prefix, 0, message, 0, 4);
        in.readFully(message, 4, length - 4);
        return message;
    }

    private static void assertClosed(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        InputStream in = socket.getInputStream();
        try {
            if (in.read() != -1) {
                fail("expected the server to close the connection");
            }
        } catch (SocketTimeoutException e) {
            fail("connection still open");
        } catch (IOException e) {
            // connection reset: closed too
        }
    }
}
