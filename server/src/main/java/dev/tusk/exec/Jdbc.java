package dev.tusk.exec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Runs statements over plain JDBC. jOOQ builds and renders them; its execution lifecycle (contexts,
 * listeners, configuration copies) cost more than PostgreSQL's own work on a point query. Failures
 * come out as jOOQ's DataAccessException (cause: the SQLException), as they did from jOOQ.
 */
final class Jdbc {
    private static final DSLContext RENDER = DocumentStore.RENDER;

    private Jdbc() {}

    /** SQL text with ? placeholders, and the values to bind to them. */
    record Statement(String sql, List<Object> binds) {
        static Statement of(Query query) {
            return new Statement(RENDER.render(query), RENDER.extractBindValues(query));
        }

        static Statement of(String sql, Object... binds) {
            return new Statement(sql, List.of(binds));
        }
    }

    /** The (_key, doc) rows a statement returns (its first two columns). */
    static List<Row> rows(Connection connection, Statement statement) {
        return rows(connection, statement, false);
    }

    /** The (_key, doc) rows a statement returns, with the ctid text of the third column as record id if asked. */
    static List<Row> rows(Connection connection, Statement statement, boolean recordIds) {
        try (PreparedStatement ps = prepare(connection, statement); ResultSet rs = ps.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row(rs, 1, recordIds));
            }
            return rows;
        } catch (SQLException e) {
            throw failed(statement, e);
        }
    }

    /** Rows read through an index: (index key, _key, doc) and, if asked, the ctid text. */
    static List<DocumentStore.IndexedRow> indexedRows(Connection connection, Statement statement, boolean recordIds) {
        try (PreparedStatement ps = prepare(connection, statement); ResultSet rs = ps.executeQuery()) {
            List<DocumentStore.IndexedRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new DocumentStore.IndexedRow(rs.getBytes(1), row(rs, 2, recordIds)));
            }
            return rows;
        } catch (SQLException e) {
            throw failed(statement, e);
        }
    }

    /** The row whose _key is in column {@code first}, doc next, then the ctid text if asked. */
    private static Row row(ResultSet rs, int first, boolean recordId) throws SQLException {
        return recordId
                ? new Row(rs.getBytes(first), rs.getBytes(first + 1), OptionalLong.of(RecordIds.ofCtid(rs.getString(first + 2))))
                : new Row(rs.getBytes(first), rs.getBytes(first + 1));
    }

    static long count(Connection connection, Statement statement) {
        try (PreparedStatement ps = prepare(connection, statement); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw failed(statement, e);
        }
    }

    /** Every row as its columns read as longs (counters, sizes, `_seq` values). */
    static List<long[]> longs(Connection connection, Statement statement) {
        try (PreparedStatement ps = prepare(connection, statement); ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            List<long[]> out = new ArrayList<>();
            while (rs.next()) {
                long[] row = new long[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getLong(i + 1);
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw failed(statement, e);
        }
    }

    /** Rows of a capped table in `_seq` order: (_seq, _key, doc). */
    static List<SeqRow> seqRows(Connection connection, Statement statement) {
        try (PreparedStatement ps = prepare(connection, statement); ResultSet rs = ps.executeQuery()) {
            List<SeqRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new SeqRow(rs.getLong(1), row(rs, 2, false)));
            }
            return rows;
        } catch (SQLException e) {
            throw failed(statement, e);
        }
    }

    /** The first column of every row, as bytes (e.g. keys from RETURNING). */
    static List<byte[]> firstColumn(Connection connection, Statement statement) {
        try (PreparedStatement ps = prepare(connection, statement); ResultSet rs = ps.executeQuery()) {
            List<byte[]> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getBytes(1));
            }
            return out;
        } catch (SQLException e) {
            throw failed(statement, e);
        }
    }

    static int update(Connection connection, Statement statement) {
        try (PreparedStatement ps = prepare(connection, statement)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(statement, e);
        }
    }

    private static DataAccessException failed(Statement statement, SQLException e) {
        return new DataAccessException("SQL [" + statement.sql() + "]; " + e.getMessage(), e);
    }

    private static PreparedStatement prepare(Connection connection, Statement statement) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(statement.sql());
        int i = 1;
        for (Object value : statement.binds()) {
            switch (value) {
                case null -> ps.setObject(i, null);
                case byte[] bytes -> ps.setBytes(i, bytes);
                case JSONB json -> ps.setString(i, json.data());
                case String s -> ps.setString(i, s);
                default -> ps.setObject(i, value);
            }
            i++;
        }
        return ps;
    }
}
