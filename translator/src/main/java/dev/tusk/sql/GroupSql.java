package dev.tusk.sql;

import dev.tusk.pipeline.SqlGroup;
import dev.tusk.storage.QueryForm;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one statement that computes a {@link SqlGroup} in PostgreSQL, and where its answers are in each
 * result row: columns 1 to 3 are the group's first `_key` (hex), its size and whether a path went
 * through an array, then one column per key, six per summed path ({@link SqlGroup.NumberAgg}), eight per
 * $min/$max path ({@link SqlGroup.ExtremeAgg}), the last `_key` (hex) if a $last asks, whether jsonb may
 * group otherwise than MongoDB, the first document and the last one if asked.
 *
 * <p>jsonb equality is MongoDB's grouping for numbers (1, 1.0 and NumberLong(1) are one group), strings,
 * booleans, null and the one-field objects that stand for dates, ObjectIds, timestamps, binary data,
 * NaN and infinities, MinKey and MaxKey; it is not for embedded documents (jsonb ignores field order),
 * arrays (they may hold documents), strings with U+0001 (U+0000 is stored as it), numbers beyond
 * numeric's range, nor for a path through an array (MongoDB's field path then collects from every
 * element). A group with any of those is "unsafe" ({@link SqlGroup#outputs} then declines).
 *
 * @param sql the statement with {@code ?} placeholders
 * @param binds the values for them: a {@code String[]} for each path, then the filter's values
 */
public record GroupSql(String sql, List<Object> binds, int keys, int sums, int extremes, boolean last) {
    private static final String MARKERS = "ARRAY['" + String.join("', '", QueryForm.DATE, QueryForm.OID, QueryForm.TS,
            QueryForm.NUM, QueryForm.BIN, QueryForm.MIN_KEY, QueryForm.MAX_KEY) + "']";

    /** The first column of the j-th summed path's six. */
    public int sumColumn(int j) {
        return 4 + keys + 6 * j;
    }

    /** The first column of the j-th $min/$max path's eight. */
    public int extremeColumn(int j) {
        return sumColumn(sums) + 8 * j;
    }

    public int unsafeColumn() {
        return extremeColumn(extremes) + (last ? 1 : 0);
    }

    public int documentColumn() {
        return unsafeColumn() + 1;
    }

    /**
     * The group in the current row of the statement's result, or empty for the row PostgreSQL's keyless
     * aggregate answers for no documents at all (where $group gives no group).
     */
    public Optional<SqlGroup.Group> read(ResultSet rs) throws SQLException {
        if (rs.getLong(2) == 0) {
            return Optional.empty();
        }
        List<SqlGroup.NumberAgg> numbers = new ArrayList<>(sums);
        for (int j = 0; j < sums; j++) {
            int at = sumColumn(j);
            numbers.add(new SqlGroup.NumberAgg(decimal(rs, at), rs.getLong(at + 1), rs.getInt(at + 2), decimal(rs, at + 3),
                    rs.getInt(at + 4), rs.getBoolean(at + 5)));
        }
        List<SqlGroup.ExtremeAgg> extremeAggs = new ArrayList<>(extremes);
        for (int j = 0; j < extremes; j++) {
            int at = extremeColumn(j);
            extremeAggs.add(new SqlGroup.ExtremeAgg(rs.getLong(at), rs.getLong(at + 1), rs.getInt(at + 2), decimal(rs, at + 3),
                    decimal(rs, at + 4), rs.getLong(at + 5), rs.getLong(at + 6), rs.getLong(at + 7)));
        }
        return Optional.of(new SqlGroup.Group(rs.getLong(2), rs.getBoolean(unsafeColumn()), rs.getBytes(documentColumn()),
                last ? rs.getBytes(documentColumn() + 1) : null, numbers, extremeAggs));
    }

    /** A numeric column; 0 for SQL null (an aggregate over no numbers, whose count then says so). */
    private static BigDecimal decimal(ResultSet rs, int column) throws SQLException {
        BigDecimal v = rs.getBigDecimal(column);
        return v == null ? BigDecimal.ZERO : v;
    }

    /**
     * The statement over {@code table} (a qualified, quoted name) for the documents that {@code whereSql}
     * (an exact condition, with {@code ?} for {@code whereBinds}) keeps.
     */
    public static GroupSql of(SqlGroup g, String table, String whereSql, List<Object> whereBinds) {
        List<Object> binds = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        List<String> throughArrays = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> unsafeKeys = new ArrayList<>();
        List<String> groupBy = new ArrayList<>();
        for (int i = 0; i < g.keyPaths().size(); i++) {
            List<String> path = g.keyPaths().get(i);
            column(columns, binds, path, "k" + i);
            keys.add((g.single() ? "coalesce(k" + i + ", 'null'::jsonb)" : "k" + i) + " AS g" + i);
            unsafeKeys.add(unsafeValue("g.g" + i));
            groupBy.add(String.valueOf(4 + i));
            intermediates(columns, binds, throughArrays, path, "k" + i);
        }
        List<String> aggregates = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int j = 0; j < g.valuePaths().size(); j++) {
            String a = "a" + j;
            column(columns, binds, g.valuePaths().get(j), a);
            intermediates(columns, binds, throughArrays, g.valuePaths().get(j), a);
            values.add(number(a) + " AS n" + j);
            values.add("(jsonb_typeof(" + a + ") = 'object' AND jsonb_exists(" + a + ", '" + QueryForm.NUM + "')) AS sp" + j);
            // the scale modulo 4 is the number's BSON type (QueryForm)
            aggregates.add("sum(n" + j + "), count(n" + j + "), bit_or(1 << (scale(n" + j + ") % 4)), sum(abs(n" + j + ")),"
                    + " max(scale(n" + j + ")), coalesce(bool_or(sp" + j + "), false)");
        }
        for (int j = 0; j < g.extremePaths().size(); j++) {
            String e = "e" + j;
            column(columns, binds, g.extremePaths().get(j), e);
            intermediates(columns, binds, throughArrays, g.extremePaths().get(j), e);
            values.add(number(e) + " AS en" + j);
            values.add("(CASE WHEN jsonb_typeof(" + e + ") = 'object' AND jsonb_exists(" + e + ", '" + QueryForm.DATE + "') THEN ("
                    + e + " ->> '" + QueryForm.DATE + "')::bigint END) AS ed" + j);
            values.add("(jsonb_typeof(" + e + ") IS DISTINCT FROM 'null' AND " + e + " IS NOT NULL) AS ep" + j);
            aggregates.add("count(*) FILTER (WHERE ep" + j + "), count(en" + j + "), bit_or(1 << (scale(en" + j + ") % 4)), min(en" + j
                    + "), max(en" + j + "), count(ed" + j + "), min(ed" + j + "), max(ed" + j + ")");
        }
        binds.addAll(whereBinds);
        // A set-returning function in a subquery's select list keeps PostgreSQL from merging the subquery into the
        // aggregate, where each document's values would be extracted once per aggregate; unlike OFFSET 0 it still lets
        // parallel workers scan it (on 1,000,000 rows: 0.93 s, against 1.2-1.7 s with OFFSET 0 and 2.0 s merged).
        // Whether a key value is one jsonb groups as MongoDB does is the same for a whole group: asked once per group.
        columns.add("unnest(ARRAY[1]) AS once");
        values.add("unnest(ARRAY[1]) AS once_more");
        List<String> groupColumns = new ArrayList<>();
        // PostgreSQL has no min(bytea); hex digits keep the byte order under COLLATE "C"
        groupColumns.add("min(encode(_key, 'hex') COLLATE \"C\") AS first");
        groupColumns.add("count(*) AS n");
        groupColumns.add((throughArrays.isEmpty() ? "false" : "coalesce(bool_or(" + String.join(" OR ", throughArrays) + "), false)")
                + " AS through");
        groupColumns.addAll(keys);
        groupColumns.addAll(aggregates);
        if (g.last()) {
            groupColumns.add("max(encode(_key, 'hex') COLLATE \"C\") AS last");
        }
        unsafeKeys.add(0, "g.through");
        String sql = "WITH v AS (SELECT t._key, " + String.join(", ", columns) + " FROM " + table + " t WHERE " + whereSql + "),"
                + " m AS (SELECT v.*, " + String.join(", ", values) + " FROM v),"
                + " g AS (SELECT " + String.join(", ", groupColumns) + " FROM m"
                + (groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy)) + ")"
                // the first documents one by one through the primary key: a join could scan the whole table when the
                // planner expects many groups
                + " SELECT g.*, " + String.join(" OR ", unsafeKeys) + " AS unsafe,"
                + " (SELECT t.doc FROM " + table + " t WHERE t._key = decode(g.first, 'hex'))"
                + (g.last() ? ", (SELECT t.doc FROM " + table + " t WHERE t._key = decode(g.last, 'hex'))" : "") + " FROM g";
        return new GroupSql(sql, java.util.Collections.unmodifiableList(binds), g.keyPaths().size(), g.valuePaths().size(),
                g.extremePaths().size(), g.last());
    }

    private static String number(String v) {
        return "(CASE WHEN jsonb_typeof(" + v + ") = 'number' THEN " + v + "::numeric END)";
    }

    /** The value at {@code path} in the query form, as column {@code name}. */
    private static void column(List<String> columns, List<Object> binds, List<String> path, String name) {
        columns.add("t.q #> ?::text[] AS " + name);
        binds.add(path.toArray(String[]::new));
    }

    /** Columns of the path's proper prefixes, and the test whether one of them is an array. */
    private static void intermediates(List<String> columns, List<Object> binds, List<String> throughArrays, List<String> path,
            String name) {
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
