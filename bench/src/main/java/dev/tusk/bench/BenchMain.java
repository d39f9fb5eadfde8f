package dev.tusk.bench;

import dev.tusk.launch.TuskConfig;
import dev.tusk.launch.TuskServer;
import dev.tusk.pg.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./tusk bench}: in one process, an embedded PostgreSQL, an in-process Tusk on it, and the
 * same workloads run against Tusk (MongoDB Java driver) and against "the limit" (hand-written SQL over
 * JDBC on a plain {@code (id text PRIMARY KEY, doc jsonb)} table in the same PostgreSQL). Prints one
 * table per workload and a summary, writes the figures as JSON, and exits 1 if the two sides ever
 * disagreed on a result.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        BenchConfig config;
        try {
            config = BenchConfig.parse(args);
        } catch (BenchConfig.UsageException e) {
            (e.isHelp() ? System.out : System.err).println(e.getMessage());
            System.exit(e.isHelp() ? 0 : 2);
            return;
        }
        System.exit(run(config) ? 0 : 1);
    }

    private static List<Workload> workloads(BenchConfig c) {
        List<Workload> all = List.of(new LoadWorkload(), new PointReadWorkload(1), new PointReadWorkload(c.threads()),
                new UpdateWorkload(c.threads()), new PushWorkload(c.threads()), new MixWorkload(c.threads()), new IndexedEqualityWorkload(1), new RangeQueryWorkload(1),
                new SortLimitWorkload(1),
                new AggregationWorkload(1), new IndexedLoadWorkload(0), new IndexedLoadWorkload(3));
        return all.stream().filter(w -> w instanceof LoadWorkload || c.only().isEmpty() || c.only().contains(w.id())).toList();
    }

    /** @return false if a check found the two sides disagreeing */
    static boolean run(BenchConfig config) throws Exception {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (EmbeddedPostgres pg = EmbeddedPostgres.startTemporary();
             TuskServer tusk = TuskServer.start(TuskConfig.defaults().withPort(0).withPostgresUrl(pg.jdbcUrl()));
             Targets targets = Targets.open(tusk.connectionString() + "?directConnection=true", pg.jdbcUrl(),
                     TuskConfig.defaults().poolSize(), config)) {
            targets.create();
            MachineInfo machine = MachineInfo.collect(targets);
            Report report = new Report(System.out);
            List<String> notes = new ArrayList<>();
            notes.add(targets.indexNote());
            System.out.printf(Locale.ROOT, "tusk bench: %d docs, %d threads, %d s measured + %d s warm-up per phase and side%n",
                    config.docs(), config.threads(), config.seconds(), config.warmup());
            System.out.printf(Locale.ROOT, "machine: %d cores, %s, %s%n", machine.cores(), machine.jvm(), machine.postgres());
            System.out.println("note: " + targets.indexNote());
            List<WorkloadResult> results = new ArrayList<>();
            boolean allSame = true;
            for (Workload w : workloads(config)) {
                WorkloadResult r = runOne(w, targets);
                if (w instanceof LoadWorkload) {
                    notes.add(sizes(targets));
                    System.out.println("note: " + notes.get(notes.size() - 1));
                }
                report.workload(r);
                results.add(r);
                allSame &= !r.verification().failed();
            }
            report.summary(results);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Path file = JsonReport.write(config, machine, started, seconds, notes, results);
            System.out.printf(Locale.ROOT, "%nresults: %s (run took %.0f s)%n", file, seconds);
            if (!allSame) {
                System.out.println("MISMATCH: the two sides disagreed; the figures compare different work");
            }
            return allSame;
        }
    }

    /**
     * The load is checked after it ran (and both tables vacuumed and analyzed, so neither side's later
     * phases meet autovacuum or missing statistics); every other workload is checked before it runs.
     */
    private static WorkloadResult runOne(Workload w, Targets t) throws Exception {
        System.err.printf("tusk bench: %s ...%n", w.title());
        boolean checkedAfter = w instanceof LoadWorkload || w instanceof IndexedLoadWorkload;
        Verification check = checkedAfter ? null : w.verify(t);
        SideResult tusk = w.run(Side.TUSK, t);
        SideResult limit = w.run(Side.LIMIT, t);
        if (w instanceof LoadWorkload) {
            // The whole database: Tusk's index side tables need statistics as much as the tables do.
            t.sql("CHECKPOINT", "VACUUM ANALYZE");
        }
        if (checkedAfter) {
            check = w.verify(t);
        }
        return new WorkloadResult(w.id(), w.title(), w.tuskOperation(), w.limitOperation(), w.threads(), w.unit(),
                tusk, limit, check);
    }

    private static String sizes(Targets t) throws java.sql.SQLException {
        String table = t.tuskTable();
        long bson = t.queryLong("SELECT avg(octet_length(doc))::bigint FROM " + table);
        return String.format(Locale.ROOT, "table sizes after load: tusk %s %.1f MB (_key, doc bson, q jsonb), "
                        + "limit %s %.1f MB (id, doc jsonb); average document %d bytes of BSON",
                table, t.tableBytes(table) / 1e6, Targets.LIMIT_TABLE, t.tableBytes(Targets.LIMIT_TABLE) / 1e6, bson);
    }
}
