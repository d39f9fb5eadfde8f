package dev.tusk.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One cluster directory and the pg_ctl/initdb commands run on it (as the unprivileged user when root). */
record Cluster(Binaries binaries, Privileges privileges, Path dataDir, boolean temporary) {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    private static final int START_ATTEMPTS = 3;

    Path pgdata() {
        return dataDir.resolve("pgdata");
    }

    Path logFile() {
        return dataDir.resolve("postgres.log");
    }

    /** Hands the files to the server's user, runs initdb on first use and clears a stale postmaster.pid. */
    void prepare() {
        if (privileges.dropping()) {
            privileges.makeReachable(dataDir);
            privileges.makeReachable(binaries.binDir());
            try {
                if (!Files.exists(logFile())) {
                    Files.createFile(logFile());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            privileges.handOver(dataDir, false);
            privileges.handOver(logFile(), false);
            privileges.handOver(pgdata(), true);
        }
        if (!Files.exists(pgdata().resolve("PG_VERSION"))) {
            initdb();
        }
        clearStalePid();
    }

    private void initdb() {
        if (Files.isDirectory(pgdata()) && !isEmpty(pgdata())) {
            throw new IllegalStateException(pgdata() + " is not empty but holds no PostgreSQL cluster (no PG_VERSION)");
        }
        List<String> command = new ArrayList<>(List.of(binaries.tool("initdb").toString(), "-D", pgdata().toString(),
                "-U", "postgres", "-E", "UTF8", "--locale=C", "--auth=trust"));
        if (temporary) {
            command.add("--no-sync");
        }
        LOG.info("initialising a PostgreSQL {} cluster in {}", binaries.majorVersion(), pgdata());
        PgProcess.Result r = PgProcess.run(privileges.command(command), dataDir, Duration.ofMinutes(5));
        if (!r.ok()) {
            throw new IllegalStateException("initdb failed (exit " + r.exitCode() + "):\n" + r.output());
        }
    }

    /**
     * A postmaster.pid left by a crash: if its pid is not a live postgres, remove it. If it is a
     * postgres serving this directory, it is an orphan of a killed JVM (we hold the directory lock),
     * so stop it.
     */
    private void clearStalePid() {
        Path pidFile = pgdata().resolve("postmaster.pid");
        Optional<Long> pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
        boolean isPostgres = process.flatMap(p -> p.info().command())
                .map(c -> c.endsWith("/postgres") || c.endsWith("/postmaster")).orElse(false);
        if (isPostgres && servesThisCluster(pid.get())) {
            LOG.warn("PostgreSQL (pid {}) from an earlier run is still running on {}: stopping it", pid.get(), pgdata());
            stop();
            return;
        }
        LOG.warn("removing stale {} (pid {} is not a running postgres of this cluster)", pidFile, pid.get());
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove stale " + pidFile, e);
        }
    }

    private boolean servesThisCluster(long pid) {
        try {
            return Files.isSameFile(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")), pgdata());
        } catch (IOException | UnsupportedOperationException noProc) {
            return true;
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try (Stream<String> lines = Files.lines(pidFile)) {
            return lines.findFirst().map(String::trim).filter(s -> s.matches("\\d+")).map(Long::parseLong);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Starts the server on a free loopback port and waits until it accepts connections; returns the port. */
    int start(List<String> settings) {
        for (int attempt = 1; ; attempt++) {
            int port = PgProcess.freePort();
            long logOffset = size(logFile());
            List<String> options = new ArrayList<>(settings);
            options.addAll(List.of("-c", "port=" + port));
            List<String> command = List.of(binaries.tool("pg_ctl").toString(), "start", "-D", pgdata().toString(),
                    "-l", logFile().toString(), "-w", "-t", Long.toString(EmbeddedPostgres.START_TIMEOUT.toSeconds()),
                    "-o", String.join(" ", options));
            PgProcess.Result r = PgProcess.run(privileges.command(command), dataDir,
                    EmbeddedPostgres.START_TIMEOUT.plusSeconds(10));
            if (r.ok() && waitUntilReady(port)) {
                return port;
            }
            String log = PgProcess.tail(logFile(), 40);
            boolean portTaken = newLog(logOffset).contains("could not bind");
            if (portTaken && attempt < START_ATTEMPTS) {
                LOG.warn("port {} was taken before PostgreSQL could bind it; trying another", port);
                continue;
            }
            stopAfterFailedStart();
            throw new IllegalStateException("PostgreSQL did not start in " + pgdata() + " (pg_ctl exit " + r.exitCode()
                    + "):\n" + r.output() + "\n--- tail of " + logFile() + " ---\n" + log);
        }
    }

    private boolean waitUntilReady(int port) {
        long deadline = System.nanoTime() + EmbeddedPostgres.START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (PgProcess.acceptsConnections(port)) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** {@code pg_ctl stop -m fast}, falling back to immediate when fast does not finish in time. */
    void stop() {
        PgProcess.Result r = pgCtlStop("fast");
        if (!r.ok() && Files.exists(pgdata().resolve("postmaster.pid"))) {
            LOG.warn("fast shutdown failed ({}); trying immediate", r.output().trim());
            r = pgCtlStop("immediate");
            if (!r.ok()) {
                throw new IllegalStateException("pg_ctl stop failed: " + r.output());
            }
        }
    }

    private void stopAfterFailedStart() {
        if (Files.exists(pgdata().resolve("postmaster.pid"))) {
            pgCtlStop("immediate");
        }
    }

    private PgProcess.Result pgCtlStop(String mode) {
        List<String> command = List.of(binaries.tool("pg_ctl").toString(), "stop", "-D", pgdata().toString(),
                "-m", mode, "-w", "-t", "60", "-s");
        return PgProcess.run(privileges.command(command), dataDir, Duration.ofSeconds(70));
    }

    private String newLog(long offset) {
        try {
            byte[] all = Files.readAllBytes(logFile());
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
