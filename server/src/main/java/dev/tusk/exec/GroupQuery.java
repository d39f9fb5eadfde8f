package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.pipeline.SqlGroup;
import dev.tusk.sql.GroupSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;

/** Runs (or explains) the statement of a {@link SqlGroup} ({@link GroupSql}) and reads its groups. */
public final class GroupQuery {
    private GroupQuery() {}

    /** The groups of the documents matching {@code where} (an exact condition). */
    public static List<SqlGroup.Group> run(DocumentStore store, CollectionInfo c, Condition where, SqlGroup g,
            java.util.Optional<CollectionInfo> foreign, TimeBudget budget) {
        GroupSql st = statement(c, where, g, foreign);
        return store.withBudget(budget, conn -> WholeReadSettings.apply(conn, () -> {
            try (PreparedStatement ps = prepare(conn, st.sql(), st.binds()); ResultSet rs = ps.executeQuery()) {
                List<SqlGroup.Group> groups = new ArrayList<>();
                while (rs.next()) {
                    st.read(rs).ifPresent(groups::add);
                }
                return groups;
            }
        }));
    }

    /** The statement's SQL (values inlined, for reading) and PostgreSQL's plan for it, run if {@code analyze}. */
    public static DocumentStore.SqlPlan explain(DocumentStore store, CollectionInfo c, Condition where, SqlGroup g,
            java.util.Optional<CollectionInfo> foreign, boolean analyze) {
        GroupSql st = statement(c, where, g, foreign);
        String plan = store.withConnection(conn -> WholeReadSettings.apply(conn, () -> {
            try (PreparedStatement ps = prepare(conn, "EXPLAIN (FORMAT JSON" + (analyze ? ", ANALYZE" : "") + ") " + st.sql(), st.binds());
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }));
        return new DocumentStore.SqlPlan(inlined(st), org.bson.BsonArray.parse(plan));
    }

    private static GroupSql statement(CollectionInfo c, Condition where, SqlGroup g, java.util.Optional<CollectionInfo> foreign) {
        return GroupSql.of(g, c.qualifiedTable(), DocumentStore.RENDER.render(where), DocumentStore.RENDER.extractBindValues(where),
                c.typedNumbers(), foreign.map(CollectionInfo::qualifiedTable));
    }

    private static PreparedStatement prepare(Connection conn, String sql, List<Object> binds) throws SQLException {
        PreparedStatement ps = conn.prepareStatement(sql);
        int i = 1;
        for (Object v : binds) {
            switch (v) {
                case String[] path -> ps.setArray(i++, conn.createArrayOf("text", path));
                case org.jooq.JSONB json -> ps.setString(i++, json.data());
                case byte[] bytes -> ps.setBytes(i++, bytes);
                default -> ps.setObject(i++, v);
            }
        }
        return ps;
    }

    /** The SQL with its values written in, for explain's reader (never executed). */
    private static String inlined(GroupSql st) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        String sql = st.sql();
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '?' && next < st.binds().size()) {
                Object v = st.binds().get(next++);
                String text = v instanceof String[] path ? "{" + String.join(",", path) + "}"
                        : v instanceof org.jooq.JSONB json ? json.data()
                        : v instanceof byte[] bytes ? "\\x" + java.util.HexFormat.of().formatHex(bytes) : String.valueOf(v);
                out.append('\'').append(text.replace("'", "''")).append('\'');
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
