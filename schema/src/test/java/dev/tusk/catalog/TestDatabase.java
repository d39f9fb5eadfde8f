package dev.tusk.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tusk.pg.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A fresh PostgreSQL database on the test server, dropped on close: one per test class. */
final class TestDatabase implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

    private final String adminUrl;
    private final String name;
    private final HikariDataSource dataSource;

    TestDatabase() throws SQLException {
        adminUrl = EmbeddedPostgres.testJdbcUrl();
        name = "tusk_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        Matcher m = URL.matcher(adminUrl);
        if (!m.matches()) {
            throw new IllegalStateException("unexpected JDBC URL " + adminUrl);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(m.group(1) + name + m.group(3));
        config.setMaximumPoolSize(10);
        dataSource = new HikariDataSource(config);
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        dataSource.close();
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
