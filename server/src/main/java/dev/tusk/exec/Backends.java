package dev.tusk.exec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Which PostgreSQL backends the operation running on this thread is using, so killOp can cancel its
 * statements ({@code pg_cancel_backend}). The dispatcher gives each operation its set; the document
 * store adds a connection's backend while it works with it.
 */
public final class Backends {
    // inherited: threads an operation starts (a $facet's sub-pipelines past 100 MiB) work for it too, so killOp reaches them
    private static final ThreadLocal<Set<Integer>> CURRENT = new InheritableThreadLocal<>();
    private static final ThreadLocal<BooleanSupplier> KILLED = new InheritableThreadLocal<>();

    private Backends() {}

    /**
     * From now on this thread works for an operation whose backends go into {@code backends} and which
     * {@code killed} says was killed (null, null: no operation).
     */
    public static void track(Set<Integer> backends, BooleanSupplier killed) {
        if (backends == null) {
            CURRENT.remove();
            KILLED.remove();
        } else {
            CURRENT.set(backends);
            KILLED.set(killed);
        }
    }

    /** True if killOp killed the operation this thread works for (a cancelled statement is then 11601, not 50). */
    static boolean killed() {
        BooleanSupplier killed = KILLED.get();
        return killed != null && killed.getAsBoolean();
    }

    /** Notes the connection's backend while {@code work} runs; returns what to call when it is done. */
    static Runnable attach(Connection connection) throws SQLException {
        Set<Integer> backends = CURRENT.get();
        if (backends == null) {
            return () -> { };
        }
        int pid = connection.unwrap(org.postgresql.PGConnection.class).getBackendPID();
        synchronized (backends) { // killOp either sees this backend or this sees the kill
            if (killed()) {
                throw dev.tusk.error.ErrorCode.INTERRUPTED.error("operation was interrupted");
            }
            backends.add(pid);
        }
        return () -> {
            synchronized (backends) { // not while killOp is cancelling it: the backend must still be this operation's
                backends.remove(pid);
            }
        };
    }
}
