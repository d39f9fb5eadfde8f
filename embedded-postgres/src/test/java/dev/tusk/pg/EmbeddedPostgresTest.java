package dev.tusk.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {
    @TempDir
    Path tmp;

    @Test
    void dataSurvivesARestart() throws Exception {
        Path dir = tmp.resolve("data");
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir)) {
            sql(pg.jdbcUrl(), "create table t (x int)", "insert into t values (42)");
            assertEquals("on", query(pg.jdbcUrl(), "show fsync"));
            assertEquals("127.0.0.1", query(pg.jdbcUrl(), "show listen_addresses"));
            assertEquals("", query(pg.jdbcUrl(), "show unix_socket_directories"));
        }
        assertFalse(Files.exists(dir.resolve("pgdata/postmaster.pid")), "stopped cleanly");
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir)) {
            assertEquals("42", query(pg.jdbcUrl(), "select x from t"));
        }
        assertTrue(Files.size(dir.resolve("postgres.log")) > 0);
    }

    @Test
    void closeIsIdempotent() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.start(tmp.resolve("data"));
        pg.close();
        pg.close();
        assertThrows(SQLException.class, () -> query(pg.jdbcUrl(), "select 1"));
    }

    @Test
    void aStalePidFileIsRemoved() throws Exception {
        Path dir = tmp.resolve("data");
        EmbeddedPostgres.start(dir).close();
        // a crash leaves postmaster.pid behind; its pid now belongs to some other process (here: this JVM)
        Files.writeString(dir.resolve("pgdata/postmaster.pid"),
                ProcessHandle.current().pid() + "\n" + dir.resolve("pgdata") + "\n1700000000\n5432\n\n127.0.0.1\n  5432001  0\nready\n");
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir)) {
            assertEquals("1", query(pg.jdbcUrl(), "select 1"));
        }
    }

    @Test
    void anOrphanedServerOfAKilledJvmIsStoppedAndReplaced() throws Exception {
        Path dir = tmp.resolve("data");
        EmbeddedPostgres.start(dir).close();
        // what a JVM killed with SIGKILL leaves: a running postmaster nobody will stop
        Cluster orphan = new Cluster(Binaries.find(), Privileges.detect(), dir, false);
        int orphanPort = orphan.start(List.of("-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="));
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir)) {
            assertNotEquals(orphanPort, pg.port());
            assertEquals("1", query(pg.jdbcUrl(), "select 1"));
            assertFalse(PgProcess.acceptsConnections(orphanPort));
        } finally {
            orphan.stop();
        }
    }

    @Test
    void oneDirectoryOneServer() throws Exception {
        Path dir = tmp.resolve("data");
        try (EmbeddedPostgres pg = EmbeddedPostgres.start(dir)) {
            assertThrows(IllegalStateException.class, () -> EmbeddedPostgres.start(dir));
            assertEquals("1", query(pg.jdbcUrl(), "select 1"), "the first server is unharmed");
        }
    }

    @Test
    void temporaryClusterIsDeletedOnClose() throws Exception {
        Path dir;
        try (EmbeddedPostgres pg = EmbeddedPostgres.startTemporary()) {
            dir = pg.dataDir();
            assertEquals("off", query(pg.jdbcUrl(), "show fsync"));
            assertEquals("off", query(pg.jdbcUrl(), "show synchronous_commit"));
            assertEquals("off", query(pg.jdbcUrl(), "show full_page_writes"));
            assertEquals("UTF8", query(pg.jdbcUrl(), "show server_encoding"));
            assertEquals("C", query(pg.jdbcUrl(), "select datcollate from pg_database where datname = 'postgres'"));
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void binariesFromMavenCentralBundle() throws Exception {
        Binaries bundle = Binaries.fromClasspathBundle(tmp.resolve("cache"));
        assertTrue(bundle.binDir().startsWith(tmp.resolve("cache")), bundle.binDir().toString());
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().temporary().binaries(bundle).start()) {
            assertEquals("1", query(pg.jdbcUrl(), "select 1"));
            assertTrue(query(pg.jdbcUrl(), "select version()").startsWith("PostgreSQL " + bundle.majorVersion() + "."));
        }
        // a second use finds the unpacked copy
        assertEquals(bundle, Binaries.fromClasspathBundle(tmp.resolve("cache")));
    }

    @Test
    void sharedTestServer() throws Exception {
        String url = EmbeddedPostgres.testJdbcUrl();
        assertEquals(url, EmbeddedPostgres.testJdbcUrl());
        assertEquals("1", query(url, "select 1"));
    }

    @Test
    void machineBinariesAreFound() {
        Binaries found = Binaries.find();
        assertTrue(found.majorVersion() >= 15);
        assertTrue(Files.isExecutable(found.tool("pg_ctl")));
    }

    static void sql(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    static String query(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
