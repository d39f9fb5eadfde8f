package dev.tusk.sql;

import dev.tusk.pg.EmbeddedPostgres;
import dev.tusk.storage.QueryForm;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.jooq.Query;

/** A temporary table {@code (id int, q jsonb)} on the test PostgreSQL: row i holds document i's query form. */
final class QueryFormTable implements AutoCloseable {
    private final Connection connection;

    QueryFormTable(String name, List<BsonDocument> docs) throws SQLException {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        connection = DriverManager.getConnection(EmbeddedPostgres.testJdbcUrl());
        try (Statement st = connection.createStatement()) {
            st.execute("SET jit = off"); // as on Tusk's own connections
            st.execute("CREATE TEMP TABLE " + name + " (id int PRIMARY KEY, q jsonb NOT NULL)");
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + name + " VALUES (?, ?::jsonb)")) {
            for (int i = 0; i < docs.size(); i++) {
                ps.setInt(1, i);
                ps.setString(2, QueryForm.toJson(docs.get(i)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The first column of every row the query returns, in order. */
    List<Integer> ids(Query query) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(query.getSQL())) {
            List<Object> binds = query.getBindValues();
            for (int b = 0; b < binds.size(); b++) {
                ps.setObject(b + 1, binds.get(b));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
        }
        return ids;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
