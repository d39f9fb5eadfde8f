package dev.tusk.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL refuses to run as root: when this JVM is root, every PostgreSQL program runs as
 * {@code nobody} (via setpriv or runuser), and the files it needs are handed to that user.
 */
final class Privileges {
    private static final Logger LOG = LoggerFactory.getLogger(Privileges.class);
    static final String UNPRIVILEGED_USER = "nobody";

    private final Optional<List<String>> dropPrefix;

    private Privileges(Optional<List<String>> dropPrefix) {
        this.dropPrefix = dropPrefix;
    }

    static Privileges detect() {
        if (!isRoot()) {
            return new Privileges(Optional.empty());
        }
        String group = groupOf(UNPRIVILEGED_USER);
        if (onPath("setpriv")) {
            return new Privileges(Optional.of(List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER,
                    "--regid=" + group, "--clear-groups", "--")));
        }
        if (onPath("runuser")) {
            return new Privileges(Optional.of(List.of("runuser", "-u", UNPRIVILEGED_USER, "--")));
        }
        throw new IllegalStateException("running as root, but neither setpriv nor runuser is available to run "
                + "PostgreSQL as an unprivileged user; run Tusk as a normal user or use --postgres-url");
    }

    boolean dropping() {
        return dropPrefix.isPresent();
    }

    /** The command line, run as the unprivileged user when this JVM is root. */
    List<String> command(List<String> command) {
        if (dropPrefix.isEmpty()) {
            return command;
        }
        List<String> all = new ArrayList<>(dropPrefix.get());
        all.addAll(command);
        return all;
    }

    /**
     * Gives {@code path} (and, if {@code recursive}, everything below it) to the user PostgreSQL runs
     * as; a no-op unless root. A tree whose top already belongs to that user is left alone.
     */
    void handOver(Path path, boolean recursive) {
        if (!dropping() || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(UNPRIVILEGED_USER);
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(groupOf(UNPRIVILEGED_USER));
            if (recursive && Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).equals(user)) {
                return;
            }
            try (Stream<Path> all = recursive ? Files.walk(path) : Stream.of(path)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    var view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                    view.setOwner(user);
                    view.setGroup(group);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + path + " to user " + UNPRIVILEGED_USER, e);
        }
    }

    /** Adds o+x to every ancestor of {@code path} that lacks it, so the unprivileged user can reach it. */
    void makeReachable(Path path) {
        if (!dropping()) {
            return;
        }
        for (Path p = path.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    perms.add(PosixFilePermission.OTHERS_EXECUTE);
                    Files.setPosixFilePermissions(p, perms);
                    LOG.info("added o+x to {} so that PostgreSQL (running as {}) can reach {}", p, UNPRIVILEGED_USER, path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make " + p + " traversable", e);
            }
        }
    }

    static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (Throwable notUnix) {
            return procStatusUid().map(uid -> uid == 0).orElse(false);
        }
    }

    private static Optional<Long> procStatusUid() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("Uid:"))
                    .map(l -> Long.parseLong(l.substring(4).trim().split("\\s+")[1]))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The primary group name of {@code user} from /etc/passwd + /etc/group ("nogroup" on Debian, "nobody" elsewhere). */
    private static String groupOf(String user) {
        try (Stream<String> passwd = Files.lines(Path.of("/etc/passwd"))) {
            Optional<String> gid = passwd.map(l -> l.split(":")).filter(f -> f.length > 3 && f[0].equals(user))
                    .map(f -> f[3]).findFirst();
            if (gid.isPresent()) {
                try (Stream<String> groups = Files.lines(Path.of("/etc/group"))) {
                    Optional<String> name = groups.map(l -> l.split(":"))
                            .filter(f -> f.length > 2 && f[2].equals(gid.get())).map(f -> f[0]).findFirst();
                    if (name.isPresent()) {
                        return name.get();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read the group of {}", user, e);
        }
        return "nogroup";
    }

    static boolean onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin:/usr/sbin:/sbin");
        for (String dir : (path + ":/usr/bin:/bin:/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
