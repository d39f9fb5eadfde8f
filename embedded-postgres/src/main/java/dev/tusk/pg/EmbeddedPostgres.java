package dev.tusk.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL server: its cluster lives in {@code <dataDir>/pgdata} (created by initdb on
 * first use, kept across restarts), its log in {@code <dataDir>/postgres.log}; it listens on
 * 127.0.0.1 only, on a free port chosen at each start, with no unix socket. {@link #close()} and
 * a JVM shutdown hook (Ctrl-C, SIGTERM) stop it cleanly; stopping twice is harmless.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern SAFE_SETTING = Pattern.compile("[A-Za-z0-9_.:/-]*");
    private static final Object SHARED_LOCK = new Object();
    private static EmbeddedPostgres shared;

    private final Path dataDir;
    private final Cluster cluster;
    private final boolean temporary;
    private final FileLock dirLock;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::stopQuietly, "tusk-postgres-shutdown");

    private EmbeddedPostgres(Path dataDir, Cluster cluster, boolean temporary, FileLock dirLock, int port) {
        this.dataDir = dataDir;
        this.cluster = cluster;
        this.temporary = temporary;
        this.dirLock = dirLock;
        this.port = port;
    }

    /** Starts (initialising on first use) the persistent cluster under {@code dataDir}. */
    public static EmbeddedPostgres start(Path dataDir) {
        return builder().dataDir(dataDir).start();
    }

    /** A throwaway cluster in a temporary directory (deleted on close), tuned for speed, not durability. */
    public static EmbeddedPostgres startTemporary() {
        return builder().temporary().start();
    }

    /**
     * The server tests use: {@code TUSK_TEST_POSTGRES_URL} when set, else one temporary cluster
     * shared by the whole JVM (started on first call, stopped by the shutdown hook).
     */
    public static String testJdbcUrl() {
        String env = System.getenv("TUSK_TEST_POSTGRES_URL");
        if (env != null && !env.isBlank()) {
            return env;
        }
        synchronized (SHARED_LOCK) {
            if (shared == null || shared.closed.get()) {
                shared = startTemporary();
            }
            return shared.jdbcUrl();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Binaries binaries() {
        return cluster.binaries();
    }

    /** Stops PostgreSQL ({@code pg_ctl stop -m fast}) and waits for it; idempotent. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    private void stopQuietly() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            cluster.stop();
        } catch (RuntimeException e) {
            LOG.error("stopping PostgreSQL in {} failed", dataDir, e);
        }
        try {
            dirLock.release();
            dirLock.channel().close();
            if (temporary) {
                BundleExtractor.deleteTree(dataDir);
            }
        } catch (IOException e) {
            LOG.warn("cleaning up {} failed", dataDir, e);
        }
    }

    /** Options for {@link EmbeddedPostgres}; {@link #start()} starts the server. */
    public static final class Builder {
        private Optional<Path> dataDir = Optional.empty();
        private Optional<Binaries> binaries = Optional.empty();
        private boolean temporary;
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
            settings.put("listen_addresses", "127.0.0.1");
            settings.put("unix_socket_directories", "");
            settings.put("max_connections", "100");
            settings.put("shared_buffers", "128MB");
            settings.put("fsync", "on");
        }

        public Builder dataDir(Path dir) {
            this.dataDir = Optional.of(dir);
            return this;
        }

        /** A throwaway cluster: a temporary directory, fsync/synchronous_commit/full_page_writes off. */
        public Builder temporary() {
            this.temporary = true;
            settings.put("fsync", "off");
            settings.put("synchronous_commit", "off");
            settings.put("full_page_writes", "off");
            return this;
        }

        /** Which PostgreSQL to run; default {@link Binaries#find()}. */
        public Builder binaries(Binaries binaries) {
            this.binaries = Optional.of(binaries);
            return this;
        }

        /** A server setting passed as {@code -c name=value} (letters, digits and {@code _.:/-} only). */
        public Builder setting(String name, String value) {
            if (!SAFE_SETTING.matcher(name).matches() || !SAFE_SETTING.matcher(value).matches()) {
                throw new IllegalArgumentException("unsupported characters in setting " + name + "=" + value);
            }
            settings.put(name, value);
            return this;
        }

        public EmbeddedPostgres start() {
            if (dataDir.isEmpty() && !temporary) {
                throw new IllegalStateException("a data directory or temporary() is required");
            }
            Binaries bin = binaries.orElseGet(Binaries::find);
            Privileges privileges = Privileges.detect();
            Path dir;
            try {
                dir = temporary ? Files.createTempDirectory("tusk-pg-")
                        : Files.createDirectories(dataDir.get()).toAbsolutePath().normalize();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the PostgreSQL data directory", e);
            }
            FileLock lock = lockDir(dir);
            try {
                Cluster cluster = new Cluster(bin, privileges, dir, temporary);
                cluster.prepare();
                int port = cluster.start(options());
                EmbeddedPostgres pg = new EmbeddedPostgres(dir, cluster, temporary, lock, port);
                Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
                LOG.info("PostgreSQL {} ({}) running on 127.0.0.1:{}, data in {}", bin.majorVersion(), bin.binDir(), port, dir);
                return pg;
            } catch (RuntimeException e) {
                try {
                    lock.release();
                    lock.channel().close();
                    if (temporary) {
                        BundleExtractor.deleteTree(dir);
                    }
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        private List<String> options() {
            List<String> options = new ArrayList<>();
            settings.forEach((name, value) -> {
                options.add("-c");
                options.add(name + "=" + value);
            });
            return options;
        }

        /** Keeps a second JVM off the same cluster, and tells us a running postmaster there is an orphan. */
        private static FileLock lockDir(Path dir) {
            try {
                FileChannel channel = FileChannel.open(dir.resolve(".tusk-postgres.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (java.nio.channels.OverlappingFileLockException sameJvm) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    throw new IllegalStateException("the PostgreSQL data directory " + dir + " is in use by another process");
                }
                return lock;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + dir, e);
            }
        }
    }
}
