package dev.tusk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The machine-readable result of a run: {@code <outDir>/bench-<UTC timestamp>.json} with the
 * configuration, the machine, and per workload both sides' figures, the ratios and the check.
 * Latencies are in milliseconds, throughput in operations (documents for the load) per second.
 */
final class JsonReport {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private JsonReport() {}

    static Path write(BenchConfig c, MachineInfo machine, Instant started, double runSeconds, List<String> notes,
            List<WorkloadResult> results) throws IOException {
        BsonDocument root = new BsonDocument("tool", new BsonString("tusk bench"))
                .append("formatVersion", new BsonInt32(1))
                .append("startedAt", new BsonString(started.toString()))
                .append("runSeconds", new BsonDouble(round(runSeconds)))
                .append("config", new BsonDocument("docs", new BsonInt32(c.docs()))
                        .append("threads", new BsonInt32(c.threads()))
                        .append("seconds", new BsonInt32(c.seconds()))
                        .append("warmupSeconds", new BsonInt32(c.warmup()))
                        .append("batchSize", new BsonInt32(c.batchSize()))
                        .append("seed", new BsonInt64(c.seed())))
                .append("machine", machine.toBson());
        BsonArray n = new BsonArray();
        notes.forEach(s -> n.add(new BsonString(s)));
        root.append("notes", n);
        BsonArray workloads = new BsonArray();
        for (WorkloadResult r : results) {
            workloads.add(new BsonDocument("id", new BsonString(r.id()))
                    .append("title", new BsonString(r.title()))
                    .append("threads", new BsonInt32(r.threads()))
                    .append("unit", new BsonString(r.unit()))
                    .append("tuskOperation", new BsonString(r.tuskOp()))
                    .append("limitOperation", new BsonString(r.limitOp()))
                    .append("tusk", side(r.tusk()))
                    .append("limit", side(r.limit()))
                    .append("ratio", new BsonDocument("throughput", number(r.throughputRatio()))
                            .append("p50", number(r.p50Ratio()))
                            .append("p99", number(r.p99Ratio())))
                    .append("check", new BsonDocument("status", new BsonString(r.verification().status().name()))
                            .append("detail", new BsonString(r.verification().detail()))));
        }
        root.append("workloads", workloads);
        Files.createDirectories(c.outDir());
        Path file = c.outDir().resolve("bench-" + FILE_TIME.format(started) + ".json");
        String json = root.toJson(JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).indent(true).build());
        Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static BsonDocument side(SideResult s) {
        return new BsonDocument("ops", new BsonInt64(s.ops()))
                .append("errors", new BsonInt64(s.errors()))
                .append("seconds", new BsonDouble(round(s.nanos() / 1e9)))
                .append("opsPerSecond", new BsonDouble(round(s.opsPerSecond())))
                .append("latencySamples", new BsonInt64(s.latency().count()))
                .append("p50Ms", new BsonDouble(round(s.p50Millis())))
                .append("p99Ms", new BsonDouble(round(s.p99Millis())))
                .append("meanMs", new BsonDouble(round(s.meanMillis())))
                .append("maxMs", new BsonDouble(round(s.maxMillis())));
    }

    private static org.bson.BsonValue number(double v) {
        return Double.isNaN(v) ? org.bson.BsonNull.VALUE : new BsonDouble(round(v));
    }

    /** Four significant digits: more would be noise. */
    private static double round(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
    }
}
