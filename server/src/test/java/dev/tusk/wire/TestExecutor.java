package dev.tusk.wire;

import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * A stand-in command layer: hello/isMaster (with compression negotiation), ping, and a few
 * commands that exist only to test the wire layer (sleep, fail, echo).
 */
final class TestExecutor implements CommandExecutor {
    final AtomicInteger opens = new AtomicInteger();
    final Map<Long, AtomicInteger> closes = new ConcurrentHashMap<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    record Seen(long connectionId, WireRequest request, Thread thread) {}

    static final class State implements ConnectionState {
        private final long id;
        private final String remote;
        private volatile List<Compressor> compressors = List.of();

        State(long id, String remote) {
            this.id = id;
            this.remote = remote;
        }

        @Override
        public long connectionId() {
            return id;
        }

        @Override
        public String remoteAddress() {
            return remote;
        }

        @Override
        public List<Compressor> negotiatedCompressors() {
            return compressors;
        }

        @Override
        public void setNegotiatedCompressors(List<Compressor> compressors) {
            this.compressors = List.copyOf(compressors);
        }
    }

    @Override
    public ConnectionState open(String remoteAddress, String localAddress) {
        opens.incrementAndGet();
        return new State(ids.incrementAndGet(), remoteAddress);
    }

    @Override
    public BsonDocument execute(WireRequest request, ConnectionState connection) {
        seen.add(new Seen(connection.connectionId(), request, Thread.currentThread()));
        BsonDocument command = request.command();
        String name = command.getFirstKey();
        return switch (name) {
            case "hello", "isMaster", "ismaster" -> hello(command, connection);
            case "ping" -> ok();
            case "echo" -> ok().append("command", command);
            case "sleep" -> {
                sleep(command.getInt32("sleep").getValue());
                yield ok().append("slept", command.get("sleep"));
            }
            case "fail" -> throw new IllegalStateException("handler bug");
            default -> ErrorCode.COMMAND_NOT_FOUND.error("no such command: '%s'", name).toReply();
        };
    }

    @Override
    public void close(ConnectionState connection) {
        closes.computeIfAbsent(connection.connectionId(), id -> new AtomicInteger()).incrementAndGet();
    }

    List<Seen> seen(String commandName) {
        return seen.stream().filter(s -> s.request().command().getFirstKey().equals(commandName)).toList();
    }

    private static BsonDocument hello(BsonDocument command, ConnectionState connection) {
        List<Compressor> agreed = new ArrayList<>();
        for (BsonValue name : command.getArray("compression", new BsonArray())) {
            Compressor.byName(name.asString().getValue()).ifPresent(agreed::add);
        }
        connection.setNegotiatedCompressors(agreed);
        BsonArray names = new BsonArray();
        agreed.forEach(c -> names.add(new BsonString(c.wireName())));
        return new BsonDocument("isWritablePrimary", BsonBoolean.TRUE)
                .append("maxBsonObjectSize", new BsonInt32(WireLimits.MAX_BSON_OBJECT_SIZE))
                .append("maxMessageSizeBytes", new BsonInt32(WireLimits.MAX_MESSAGE_SIZE_BYTES))
                .append("maxWriteBatchSize", new BsonInt32(WireLimits.MAX_WRITE_BATCH_SIZE))
                .append("localTime", new BsonDateTime(System.currentTimeMillis()))
                .append("connectionId", new BsonInt32((int) connection.connectionId()))
                .append("minWireVersion", new BsonInt32(0))
                .append("maxWireVersion", new BsonInt32(21))
                .append("helloOk", BsonBoolean.TRUE)
                .append("compression", names)
                .append("ok", new BsonDouble(1));
    }

    private static BsonDocument ok() {
        return new BsonDocument("ok", new BsonDouble(1));
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
