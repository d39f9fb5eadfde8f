package dev.tusk.exec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Settings for a statement that reads all of a filter's matches at once (a grouping, a count), unlike
 * the keyset pages most reads are. Tusk's connections run without parallel workers, which cost a page
 * more than they save; a whole read gains from them (a $group over 1,000,000 documents: 3.0 s -> 1.6 s).
 * And the planner rarely knows how many documents a filter keeps: with the default 4 MB of work_mem its
 * sort-based aggregation went to disk (1.40 s, 1.05 s with 64 MB; MongoDB's blocking stages hold 100 MiB).
 * Expecting few rows it still sorted them all by the key to group them, where hashing them into the groups
 * is faster whatever their number (1,000,000 documents, 500,000 matching, 10 groups: 1.72 s -> 1.38 s in psql;
 * a hash aggregate that outgrows its memory spills to disk too), so these reads run without sorts.
 */
final class WholeReadSettings {
    private static final String WORK_MEM = "64MB";
    /** PostgreSQL's default. */
    private static final String PARALLEL_WORKERS = "2";

    interface Work<T> {
        T run() throws SQLException;
    }

    private WholeReadSettings() {}

    /** Runs work in a transaction (the caller's, or one of its own) with these settings, local to it. */
    static <T> T apply(Connection conn, Work<T> work) throws SQLException {
        boolean autoCommit = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try {
            try (PreparedStatement set = conn.prepareStatement(
                    "SELECT set_config('work_mem', ?, true), set_config('max_parallel_workers_per_gather', ?, true),"
                    + " set_config('enable_sort', 'off', true)")) {
                set.setString(1, WORK_MEM);
                set.setString(2, PARALLEL_WORKERS);
                set.execute();
            }
            T result = work.run();
            if (autoCommit) {
                conn.commit();
            }
            return result;
        } finally {
            if (autoCommit) {
                conn.rollback(); // after a commit: nothing; after a failure: the transaction goes
                conn.setAutoCommit(true);
            }
        }
    }
}
