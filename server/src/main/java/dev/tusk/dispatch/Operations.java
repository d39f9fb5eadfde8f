package dev.tusk.dispatch;

import dev.tusk.exec.Backends;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * The open client connections and the operations running on them, for $currentOp/currentOp and
 * killOp. An operation is one command; killOp marks it killed and cancels what it runs in
 * PostgreSQL, so it ends with 11601 Interrupted at its next statement.
 */
public final class Operations {
    private final SlowOperations slow = new SlowOperations();
    /** One running command. */
    public static final class Op {
        private final int opid;
        private final ClientConnection connection;
        private final String name;
        private final BsonDocument command;
        private final String ns;
        private final long startNanos = System.nanoTime();
        private final Set<Integer> backends = ConcurrentHashMap.newKeySet();
        private volatile boolean killed;

        Optional<org.bson.BsonValue> sessionId() {
            return command.isDocument("lsid") ? Optional.ofNullable(command.getDocument("lsid").get("id")) : Optional.empty();
        }

        private Op(int opid, ClientConnection connection, String name, BsonDocument command, String ns) {
            this.opid = opid;
            this.connection = connection;
            this.name = name;
            this.command = command;
            this.ns = ns;
        }

        public boolean killed() {
            return killed;
        }
    }

    private static final long KILL_RETRY_NANOS = 30_000_000_000L;

    private static final ThreadLocal<Op> CURRENT = new ThreadLocal<>();
    private final AtomicInteger opids = new AtomicInteger();
    private final Map<Long, ClientConnection> connections = new ConcurrentHashMap<>();
    private final Map<Long, Op> running = new ConcurrentHashMap<>(); // by connection: one command at a time each

    void opened(ClientConnection connection) {
        connections.put(connection.connectionId(), connection);
    }

    void closed(ClientConnection connection) {
        connections.remove(connection.connectionId());
    }

    /** Registers the command now running on {@code connection}; this thread's SQL work counts as its own. */
    Op start(ClientConnection connection, String name, BsonDocument body, String database) {
        Op op = new Op(opids.incrementAndGet(), connection, name, body, namespace(name, body, database));
        running.put(connection.connectionId(), op);
        Backends.track(op.backends, op::killed);
        CURRENT.set(op);
        return op;
    }

    /** The logical session ({@code lsid.id}) of the command running on this thread, if it has one. */
    public static Optional<org.bson.BsonValue> currentSession() {
        return Optional.ofNullable(CURRENT.get()).flatMap(Op::sessionId);
    }

    /** Kills the running operations of these sessions (every session's when {@code ids} is empty), not the caller's own. */
    public void killSessions(Set<org.bson.BsonValue> ids, boolean all, dev.tusk.exec.DocumentStore store) {
        Op self = CURRENT.get();
        running.values().stream()
                .filter(op -> op != self && op.sessionId().map(id -> all || ids.contains(id)).orElse(false))
                .forEach(op -> kill(op.opid, store));
    }

    void finish(Op op) {
        CURRENT.remove();
        Backends.track(null, null);
        running.remove(op.connection.connectionId(), op);
        long micros = (System.nanoTime() - op.startNanos) / 1000;
        if (!op.ns.endsWith(".$cmd")) {
            dev.tusk.exec.CollectionUsage.ran(op.ns, op.name, micros);
        }
        slow.finished(op.name, op.ns, micros);
    }

    /** The profiler's settings (the profile command) and the slow-operation log. */
    public SlowOperations slow() {
        return slow;
    }

    /**
     * Marks the operation killed and cancels its PostgreSQL statements until it ends (a cancel reaching a
     * backend between two statements does nothing, so it is repeated; a killed operation takes no new
     * connection). False if no such operation runs.
     */
    public boolean kill(int opid, dev.tusk.exec.DocumentStore store) {
        Optional<Op> op = running.values().stream().filter(o -> o.opid == opid).findFirst();
        op.ifPresent(o -> {
            synchronized (o.backends) {
                o.killed = true;
            }
            Thread.ofVirtual().name("killOp-" + opid).start(() -> cancelUntilEnded(o, store));
        });
        return op.isPresent();
    }

    private void cancelUntilEnded(Op op, dev.tusk.exec.DocumentStore store) {
        long deadline = System.nanoTime() + KILL_RETRY_NANOS;
        while (running.containsValue(op) && System.nanoTime() < deadline) {
            store.cancel(op.backends);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** $currentOp's documents: running operations, and with {@code idleConnections} the connections doing nothing. */
    public List<BsonDocument> current(boolean idleConnections, String host) {
        List<BsonDocument> out = new ArrayList<>();
        for (ClientConnection c : connections.values()) {
            Op op = running.get(c.connectionId());
            if (op == null && !idleConnections) {
                continue;
            }
            BsonDocument d = new BsonDocument("type", new BsonString("op"))
                    .append("host", new BsonString(host))
                    .append("desc", new BsonString("conn" + c.connectionId()))
                    .append("connectionId", new BsonInt32((int) c.connectionId()))
                    .append("client", new BsonString(c.remoteAddress().replaceFirst("^[^/]*/", "")));
            c.clientMetadata().ifPresent(m -> {
                if (m.isDocument("application") && m.getDocument("application").isString("name")) {
                    d.append("appName", m.getDocument("application").getString("name"));
                }
                d.append("clientMetadata", m);
            });
            d.append("active", BsonBoolean.valueOf(op != null))
                    .append("currentOpTime", new BsonString(Instant.now().toString()))
                    .append("threaded", BsonBoolean.TRUE);
            if (op != null) {
                long micros = (System.nanoTime() - op.startNanos) / 1000;
                d.append("opid", new BsonInt32(op.opid));
                if (op.command.isDocument("lsid")) {
                    d.append("lsid", op.command.getDocument("lsid"));
                }
                d.append("secs_running", new BsonInt64(micros / 1_000_000))
                        .append("microsecs_running", new BsonInt64(micros))
                        .append("op", new BsonString(opType(op.name)))
                        .append("ns", new BsonString(op.ns))
                        .append("redacted", BsonBoolean.FALSE)
                        .append("command", shown(op.command))
                        .append("numYields", new BsonInt32(0))
                        .append("locks", new BsonDocument())
                        .append("waitingForLock", BsonBoolean.FALSE)
                        .append("lockStats", new BsonDocument())
                        .append("killPending", BsonBoolean.valueOf(op.killed));
            }
            out.add(d);
        }
        return out;
    }

    /** The command as $currentOp shows it: long arrays (an insert's documents...) are cut to their first 10 entries. */
    private static BsonDocument shown(BsonDocument command) {
        BsonDocument out = new BsonDocument();
        command.forEach((k, v) -> out.append(k, v.isArray() && v.asArray().size() > 10
                ? new org.bson.BsonArray(new ArrayList<>(v.asArray().getValues().subList(0, 10))) : v));
        return out;
    }

    private static String opType(String command) {
        return switch (command) {
            case "find" -> "query";
            case "insert" -> "insert";
            case "update" -> "update";
            case "delete" -> "remove";
            case "getMore" -> "getmore";
            default -> "command";
        };
    }

    /** The namespace an operation works on: db.collection for collection commands, else db.$cmd. */
    private static String namespace(String name, BsonDocument body, String database) {
        if (name.equals("getMore") && body.isString("collection")) {
            return database + "." + body.getString("collection").getValue();
        }
        var v = body.get(name);
        return database + "." + (v != null && v.isString() ? v.asString().getValue() : "$cmd");
    }
}
