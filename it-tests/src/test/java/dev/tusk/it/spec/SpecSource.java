package dev.tusk.it.spec;

import dev.tusk.it.support.TuskTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the spec files are and which server they run against (system property, then environment). */
final class SpecSource {
    private SpecSource() {}

    static Path specsDir() {
        String configured = setting("tusk.specs.dir", "TUSK_SPECS_DIR");
        Path dir;
        if (configured != null) {
            dir = Path.of(configured);
        } else {
            String root = System.getenv("TUSK_PROJECT_ROOT");
            dir = Path.of(root != null ? root : "..").resolve("../shared/specs").normalize();
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("spec tests not found at " + dir.toAbsolutePath()
                    + ": clone the shared/ folder beside the project, or set -Dtusk.specs.dir / TUSK_SPECS_DIR");
        }
        return dir;
    }

    /** The target server; the in-process Tusk unless tusk.spec.uri / TUSK_SPEC_URI names another. */
    static String targetUri() {
        String configured = setting("tusk.spec.uri", "TUSK_SPEC_URI");
        // replicaSet= so the driver discovers a replica set (one host alone means a direct connection)
        return configured != null ? configured : TuskTestServer.uri() + "?replicaSet=rs0";
    }

    /**
     * Every {@code <area>/<file>.json}, sorted, so runs are reproducible; with tusk.spec.only /
     * TUSK_SPEC_ONLY only those whose {@code <area>/<file>} contains that text (a quick look at one file;
     * the compatibility report needs the whole run).
     */
    static List<Path> files(Path dir) {
        String only = setting("tusk.spec.only", "TUSK_SPEC_ONLY");
        try (Stream<Path> s = Files.walk(dir, 2)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".json") && p.getParent() != null
                    && !p.getParent().equals(dir))
                    .filter(p -> only == null || dir.relativize(p).toString().contains(only)).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalStateException("no spec files (*/*.json) under " + dir.toAbsolutePath());
            }
            return files;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir, e);
        }
    }

    /** The build directory (target/) of the it-tests module. */
    static Path buildDir() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null ? basedir : ".").resolve("target");
    }

    static Path projectRoot() {
        String root = System.getenv("TUSK_PROJECT_ROOT");
        return Path.of(root != null ? root : System.getProperty("basedir", ".") + "/..").normalize();
    }

    static String setting(String property, String env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? null : v;
    }
}
