package dev.tusk.exec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;

/**
 * Per collection, since the server started: the latency of the operations on it by kind and how many reads scanned it
 * whole ($collStats' latencyStats and queryExecStats), counted in memory as MongoDB's Top does and forgotten when the
 * collection or its database is dropped.
 */
public final class CollectionUsage {
    /** MongoDB's latency kinds: how $collStats groups the commands run on a collection. */
    public enum Kind { READS, WRITES, COMMANDS, TRANSACTIONS }

    /** The inclusive lower bounds (µs) of MongoDB's latency histogram buckets: powers of two, then halves of them. */
    private static final long[] BOUNDS = bounds();

    private record Latency(AtomicLong micros, AtomicLong ops, AtomicLongArray histogram) {
        Latency() {
            this(new AtomicLong(), new AtomicLong(), new AtomicLongArray(BOUNDS.length));
        }
    }

    /** The counters of the top command (mongotop), by its field names. */
    private static final java.util.List<String> TOP_FIELDS = java.util.List.of("total", "readLock", "writeLock", "queries",
            "getmore", "insert", "update", "remove", "commands");

    /** A top counter: time and count, no histogram. */
    private record Total(AtomicLong micros, AtomicLong ops) {
        Total() {
            this(new AtomicLong(), new AtomicLong());
        }

        void add(long us) {
            micros.addAndGet(us);
            ops.incrementAndGet();
        }
    }

    private record Usage(Map<Kind, Latency> latency, AtomicLong scans, Map<String, Total> top) {
        Usage() {
            this(new ConcurrentHashMap<>(), new AtomicLong(), new ConcurrentHashMap<>());
        }
    }

    private static final Map<String, Usage> BY_NAMESPACE = new ConcurrentHashMap<>();

    private CollectionUsage() {}

    private static long[] bounds() {
        long[] out = new long[51];
        out[0] = 0;
        for (int i = 1; i <= 11; i++) {
            out[i] = 1L << i; // 2 ... 2048
        }
        for (int i = 12; i < out.length; i++) {
            out[i] = (i % 2 == 0) ? out[i - 1] / 2 * 3 : out[i - 2] * 2; // 3072, 4096, 6144, 8192, ...
        }
        return out;
    }

    /** The kind of a command for latencyStats, as MongoDB's commands declare it. */
    public static Kind kind(String command) {
        return switch (command) {
            case "find", "getMore", "aggregate", "count", "distinct", "mapReduce" -> Kind.READS;
            case "insert", "update", "delete", "findAndModify" -> Kind.WRITES;
            case "commitTransaction", "abortTransaction" -> Kind.TRANSACTIONS;
            default -> Kind.COMMANDS;
        };
    }

    /** Counts a command on {@code namespace} ("db.collection") that took {@code micros}. */
    public static void ran(String namespace, String command, long micros) {
        Usage usage = BY_NAMESPACE.computeIfAbsent(namespace, n -> new Usage());
        Kind kind = kind(command);
        Latency l = usage.latency().computeIfAbsent(kind, k -> new Latency());
        l.micros().addAndGet(micros);
        l.ops().incrementAndGet();
        l.histogram().incrementAndGet(bucket(micros));
        usage.top().computeIfAbsent("total", k -> new Total()).add(micros);
        if (kind == Kind.READS || kind == Kind.WRITES) {
            usage.top().computeIfAbsent(kind == Kind.READS ? "readLock" : "writeLock", k -> new Total()).add(micros);
        }
        String operation = switch (command) {
            case "find" -> "queries";
            case "getMore" -> "getmore";
            case "insert", "update" -> command;
            case "delete" -> "remove";
            default -> "commands";
        };
        usage.top().computeIfAbsent(operation, k -> new Total()).add(micros);
    }

    /** The top command's {@code totals}: per namespace, the time (µs) and count of each kind of operation. */
    public static BsonDocument top() {
        BsonDocument totals = new BsonDocument("note", new org.bson.BsonString("all times in microseconds"));
        new java.util.TreeMap<>(BY_NAMESPACE).forEach((ns, usage) -> {
            BsonDocument d = new BsonDocument();
            for (String field : TOP_FIELDS) {
                Total l = usage.top().getOrDefault(field, new Total());
                d.append(field, new BsonDocument("time", new BsonInt64(l.micros().get())).append("count", new BsonInt64(l.ops().get())));
            }
            totals.append(ns, d);
        });
        return totals;
    }

    /** The histogram bucket of a latency: its power of two below 2048 µs, then the lower or upper half of it. */
    static int bucket(long micros) {
        if (micros < 2) {
            return 0;
        }
        int power = 63 - Long.numberOfLeadingZeros(micros);
        if (power < 11) {
            return power;
        }
        int at = 11 + 2 * (power - 11) + (micros >= (3L << (power - 1)) ? 1 : 0);
        return Math.min(at, BOUNDS.length - 1);
    }

    /** Forgets a dropped collection's counters, as MongoDB does. */
    public static void dropped(String namespace) {
        BY_NAMESPACE.remove(namespace);
    }

    /** Forgets the counters of every collection of a dropped database. */
    public static void droppedDatabase(String db) {
        BY_NAMESPACE.keySet().removeIf(ns -> ns.startsWith(db + "."));
    }

    /** Counts a read that scanned the whole collection (COLLSCAN). */
    static void scanned(dev.tusk.catalog.CollectionInfo c) {
        BY_NAMESPACE.computeIfAbsent(c.db() + "." + c.name(), n -> new Usage()).scans().incrementAndGet();
    }

    /** $collStats' latencyStats document for the collection. */
    public static BsonDocument latencyStats(String namespace, boolean histograms) {
        Usage u = BY_NAMESPACE.getOrDefault(namespace, new Usage());
        BsonDocument out = new BsonDocument();
        for (Kind kind : Kind.values()) {
            Latency l = u.latency().getOrDefault(kind, new Latency());
            BsonDocument d = new BsonDocument("latency", new BsonInt64(l.micros().get())).append("ops", new BsonInt64(l.ops().get()));
            if (kind == Kind.READS || kind == Kind.WRITES) {
                d.append("queryableEncryptionLatencyMicros", new BsonInt64(0));
            }
            if (histograms) {
                BsonArray buckets = new BsonArray();
                for (int i = 0; i < BOUNDS.length; i++) {
                    long n = l.histogram().get(i);
                    if (n > 0) {
                        buckets.add(new BsonDocument("micros", new BsonInt64(BOUNDS[i])).append("count", new BsonInt64(n)));
                    }
                }
                d.put("histogram", buckets);
            }
            out.append(kind.name().toLowerCase(java.util.Locale.ROOT), d);
        }
        return out;
    }

    /** $collStats' queryExecStats document for the collection (tailable reads do not come this way: all are non-tailable). */
    public static BsonDocument queryExecStats(String namespace) {
        long scans = BY_NAMESPACE.getOrDefault(namespace, new Usage()).scans().get();
        return new BsonDocument("collectionScans", new BsonDocument("total", new BsonInt64(scans))
                .append("nonTailable", new BsonInt64(scans)));
    }
}
