package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.pipeline.SqlGroup;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;

/**
 * Groups a collection's matching documents by field paths of their query form, in one statement: per
 * group its size, its first document (smallest `_key`), what {@link SqlGroup.NumberAgg} needs of each
 * summed path, and whether PostgreSQL's grouping may differ from MongoDB's there. jsonb equality is
 * MongoDB's for numbers (1, 1.0 and NumberLong(1) are one group), strings, booleans, null and the
 * one-field objects that stand for dates, ObjectIds, timestamps, binary data, NaN and infinities, MinKey
 * and MaxKey; it is not for embedded documents (jsonb ignores field order), arrays (they may hold
 * documents), strings with U+0001 (U+0000 is stored as it), numbers beyond numeric's range, nor for a
 * path through an array (MongoDB's field path then collects from every element). A group with any of
 * those is "unsafe": the caller then runs the $group in Java.
 */
public final class GroupQuery {
    /** One group: how many documents, whether the grouping may differ from MongoDB's, its first document's BSON, its sums. */
    public record Group(long count, boolean unsafe, byte[] first, List<SqlGroup.NumberAgg> sums, List<SqlGroup.ExtremeAgg> extremes) {}

    private static final String MARKERS = "ARRAY['$date', '$oid', '$ts', '$num', '$bin', '$minKey', '$maxKey']";

    private GroupQuery() {}

    /** The statement: SQL text with {@code ?} placeholders and the values to bind to them. */
    private record Statement(String sql, List<Object> binds) {}

    /** The groups of the documents matching {@code where} (an exact condition). */
    public static List<Group> run(DocumentStore store, CollectionInfo c, Condition where, SqlGroup g, TimeBudget budget) {
        Statement st = statement(c, where, g);
        int firstSum = 4 + g.keyPaths().size();
        int firstExtreme = firstSum + 6 * g.valuePaths().size();
        int unsafeColumn = firstExtreme + 8 * g.extremePaths().size();
        return store.withBudget(budget, conn -> WholeReadSettings.apply(conn, () -> {
            try (PreparedStatement ps = prepare(conn, st)) {
                List<Group> groups = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<SqlGroup.NumberAgg> aggs = new ArrayList<>(g.valuePaths().size());
                        for (int j = 0; j < g.valuePaths().size(); j++) {
                            int at = firstSum + 6 * j;
                            BigDecimal sum = rs.getBigDecimal(at);
                            BigDecimal magnitudes = rs.getBigDecimal(at + 3);
                            aggs.add(new SqlGroup.NumberAgg(sum == null ? BigDecimal.ZERO : sum, rs.getLong(at + 1), rs.getInt(at + 2),
                                    magnitudes == null ? BigDecimal.ZERO : magnitudes, rs.getInt(at + 4), rs.getBoolean(at + 5)));
                        }
                        List<SqlGroup.ExtremeAgg> extremes = new ArrayList<>(g.extremePaths().size());
                        for (int j = 0; j < g.extremePaths().size(); j++) {
                            int at = firstExtreme + 8 * j;
                            BigDecimal least = rs.getBigDecimal(at + 3);
                            BigDecimal greatest = rs.getBigDecimal(at + 4);
                            extremes.add(new SqlGroup.ExtremeAgg(rs.getLong(at), rs.getLong(at + 1), rs.getInt(at + 2),
                                    least == null ? BigDecimal.ZERO : least, greatest == null ? BigDecimal.ZERO : greatest,
                                    rs.getLong(at + 5), rs.getLong(at + 6), rs.getLong(at + 7)));
                        }
                        if (rs.getLong(2) > 0) { // without a key PostgreSQL answers one row even for no documents; $group gives none
                            groups.add(new Group(rs.getLong(2), rs.getBoolean(unsafeColumn), rs.getBytes(unsafeColumn + 1), aggs, extremes));
                        }
                    }
                }
                return groups;
            }
        }));
    }

    /** The statement's SQL (values inlined, for reading) and PostgreSQL's plan for it, run if {@code analyze}. */
    public static DocumentStore.SqlPlan explain(DocumentStore store, CollectionInfo c, Condition where, SqlGroup g, boolean analyze) {
        Statement st = statement(c, where, g);
        String plan = store.withConnection(conn -> WholeReadSettings.apply(conn, () -> {
            try (PreparedStatement ps = prepare(conn, new Statement("EXPLAIN (FORMAT JSON" + (analyze ? ", ANALYZE" : "") + ") "
                    + st.sql(), st.binds())); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }));
        return new DocumentStore.SqlPlan(inlined(st), org.bson.BsonArray.parse(plan));
    }

    private static PreparedStatement prepare(java.sql.Connection conn, Statement st) throws java.sql.SQLException {
        PreparedStatement ps = conn.prepareStatement(st.sql());
        int i = 1;
        for (Object v : st.binds()) {
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
    private static String inlined(Statement st) {
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

    private static Statement statement(CollectionInfo c, Condition where, SqlGroup g) {
        List<Object> binds = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        List<String> throughArrays = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> unsafeKeys = new ArrayList<>();
        for (int i = 0; i < g.keyPaths().size(); i++) {
            List<String> path = g.keyPaths().get(i);
            column(columns, binds, path, "k" + i);
            keys.add((g.single() ? "coalesce(k" + i + ", 'null'::jsonb)" : "k" + i) + " AS g" + i);
            unsafeKeys.add(unsafeValue("g.g" + i));
            intermediates(columns, binds, throughArrays, path, "k" + i);
        }
        List<String> sums = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int j = 0; j < g.valuePaths().size(); j++) {
            List<String> path = g.valuePaths().get(j);
            column(columns, binds, path, "a" + j);
            intermediates(columns, binds, throughArrays, path, "a" + j);
            numbers.add("(CASE WHEN jsonb_typeof(a" + j + ") = 'number' THEN a" + j + "::numeric END) AS n" + j);
            numbers.add("(jsonb_typeof(a" + j + ") = 'object' AND jsonb_exists(a" + j + ", '$num')) AS sp" + j);
            // the scale modulo 4 is the number's BSON type (QueryForm)
            sums.add("sum(n" + j + "), count(n" + j + "), bit_or(1 << (scale(n" + j + ") % 4)), sum(abs(n" + j + ")),"
                    + " max(scale(n" + j + ")), coalesce(bool_or(sp" + j + "), false)");
        }
        for (int j = 0; j < g.extremePaths().size(); j++) {
            List<String> path = g.extremePaths().get(j);
            String e = "e" + j;
            column(columns, binds, path, e);
            intermediates(columns, binds, throughArrays, path, e);
            numbers.add("(CASE WHEN jsonb_typeof(" + e + ") = 'number' THEN " + e + "::numeric END) AS en" + j);
            numbers.add("(CASE WHEN jsonb_typeof(" + e + ") = 'object' AND jsonb_exists(" + e + ", '$date') THEN (" + e
                    + " ->> '$date')::bigint END) AS ed" + j);
            numbers.add("(jsonb_typeof(" + e + ") IS DISTINCT FROM 'null' AND " + e + " IS NOT NULL) AS ep" + j);
            sums.add("count(*) FILTER (WHERE ep" + j + "), count(en" + j + "), bit_or(1 << (scale(en" + j + ") % 4)), min(en" + j
                    + "), max(en" + j + "), count(ed" + j + "), min(ed" + j + "), max(ed" + j + ")");
        }
        binds.addAll(DocumentStore.RENDER.extractBindValues(where));
        List<String> groupBy = new ArrayList<>();
        for (int i = 0; i < g.keyPaths().size(); i++) {
            groupBy.add(String.valueOf(4 + i));
        }
        String table = c.qualifiedTable();
        // A set-returning function in a subquery's select list keeps PostgreSQL from merging the subquery into the
        // aggregate, where each document's values would be extracted once per aggregate; unlike OFFSET 0 it still lets
        // parallel workers scan it (on 1,000,000 rows: 0.93 s, against 1.2-1.7 s with OFFSET 0 and 2.0 s merged).
        // Whether a key value is one jsonb groups as MongoDB does is the same for a whole group: asked once per group.
        columns.add("unnest(ARRAY[1]) AS once");
        String sql = "WITH v AS (SELECT t._key, " + String.join(", ", columns) + " FROM " + table
                + " t WHERE " + DocumentStore.RENDER.render(where) + "),"
                + " m AS (SELECT v.*" + (numbers.isEmpty() ? "" : ", " + String.join(", ", numbers))
                + ", unnest(ARRAY[1]) AS once_more FROM v),"
                // PostgreSQL has no min(bytea); hex digits keep the byte order under COLLATE "C"
                + " g AS (SELECT min(encode(_key, 'hex') COLLATE \"C\") AS first, count(*) AS n, "
                + (throughArrays.isEmpty() ? "false" : "coalesce(bool_or(" + String.join(" OR ", throughArrays) + "), false)")
                + " AS through" + (keys.isEmpty() ? "" : ", " + String.join(", ", keys)) + (sums.isEmpty() ? "" : ", " + String.join(", ", sums))
                + " FROM m" + (groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy)) + ")"
                // the first documents one by one through the primary key: a join could scan the whole table when the
                // planner expects many groups
                + " SELECT g.*, g.through" + (unsafeKeys.isEmpty() ? "" : " OR " + String.join(" OR ", unsafeKeys))
                + " AS unsafe, (SELECT t.doc FROM " + table
                + " t WHERE t._key = decode(g.first, 'hex')) FROM g";
        return new Statement(sql, binds);
    }

    /** The value at {@code path} in the query form, as column {@code name}. */
    private static void column(List<String> columns, List<Object> binds, List<String> path, String name) {
        columns.add("t.q #> ?::text[] AS " + name);
        binds.add(path.toArray(String[]::new));
    }

    /** Columns of the path's proper prefixes, and the test whether one of them is an array. */
    private static void intermediates(List<String> columns, List<Object> binds, List<String> throughArrays, List<String> path, String name) {
        for (int j = 1; j < path.size(); j++) {
            column(columns, binds, path.subList(0, j), name + "_" + j);
            throughArrays.add("jsonb_typeof(" + name + "_" + j + ") = 'array'");
        }
    }

    /** Whether jsonb may group this key value otherwise than MongoDB (see the class comment). */
    private static String unsafeValue(String v) {
        return "(CASE jsonb_typeof(" + v + ")"
                + " WHEN 'object' THEN NOT jsonb_exists_any(" + v + ", " + MARKERS + ")"
                + " WHEN 'array' THEN true"
                + " WHEN 'string' THEN strpos(" + v + " #>> '{}', chr(1)) > 0"
                + " WHEN 'number' THEN abs(" + v + "::numeric) >= 1e900 OR (" + v + "::numeric <> 0 AND abs(" + v + "::numeric) <= 1e-900)"
                + " ELSE false END)";
    }
}
