package dev.tusk.exec;

import dev.tusk.error.ErrorCode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * What a PostgreSQL commit promises, read once from the server's settings: whether a write can be made durable at all
 * ({@code fsync}), and whether a commit returns before its WAL is on disk ({@code synchronous_commit = off}). A write
 * concern with {@code j: true} is refused on a server without fsync, as MongoDB refuses it on a storage engine without
 * a journal, and is met after an asynchronous commit by a flush: a commit with {@code synchronous_commit = on} of a
 * transaction that wrote WAL waits until the WAL is on disk up to its own record, which lies after every earlier
 * commit's.
 */
public final class Durability {
    private final DataSource dataSource;
    private volatile Settings settings;

    private record Settings(boolean fsync, boolean asynchronousCommit) {}

    public Durability(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Refuses {@code j: true} where PostgreSQL runs with {@code fsync = off}. */
    public void checkJournalAvailable() {
        if (!settings().fsync()) {
            throw ErrorCode.BAD_VALUE.error("cannot use 'j' option when a host does not have journaling enabled");
        }
    }

    /** Whether a commit returns only once it is on disk (fsync on, synchronous_commit not off). */
    public boolean commitsWaitForDisk() {
        return settings().fsync() && !settings().asynchronousCommit();
    }

    /** Returns once every commit made so far is on disk (at once where commits wait for it, or nothing can be). */
    public void flushCommitted() {
        if (!settings().asynchronousCommit() || !settings().fsync()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = on");
                // a transaction that wrote WAL, so its commit waits for the flush (an xid alone would not)
                s.execute("SELECT pg_logical_emit_message(true, 'tusk', 'j')");
            }
            c.commit();
        } catch (SQLException e) {
            throw ErrorCode.INTERNAL_ERROR.error("flushing PostgreSQL's WAL for j: true failed: %s", e.getMessage());
        }
    }

    private Settings settings() {
        Settings s = settings;
        if (s == null) {
            s = read();
            settings = s;
        }
        return s;
    }

    private Settings read() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit')")) {
            rs.next();
            return new Settings(rs.getString(1).equals("on"), rs.getString(2).equals("off"));
        } catch (SQLException e) {
            throw ErrorCode.INTERNAL_ERROR.error("reading PostgreSQL's durability settings failed: %s", e.getMessage());
        }
    }
}
