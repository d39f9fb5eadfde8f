package dev.tusk.sql;

import dev.tusk.pipeline.SqlGroup;
import dev.tusk.query.FilterFields;
import dev.tusk.pipeline.UnwindStage;
import dev.tusk.storage.QueryForm;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The one statement that computes a {@link SqlGroup} in PostgreSQL, and where its answers are in each
 * result row: columns 1 to 3 are the group's first `_key` (hex), its size and whether a path went
 * through an array, then one column per key, six per summed path ({@link SqlGroup.NumberAgg}), eight per
 * $min/$max path ({@link SqlGroup.ExtremeAgg}), the last `_key` (hex) if a $last asks, after a $sort whether the
 * first (last) rows' values are exact and their keys, whether jsonb may group otherwise than MongoDB, the first
 * document and the last one if asked (after a $sort: arrays of the candidates).
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
 * @param joined whether the group's documents are pairs (after a $lookup and the $unwind of its `as`): the local
 *     document and its match, whose `_key`s (hex) the row's first and last columns join with "!"
 */
public record GroupSql(String sql, List<Object> binds, int keys, int sums, int extremes, int pushes, int sets, int conditions,
        int filtered, boolean last, boolean sorted, boolean joined) {
    private static final DSLContext RENDER = DSL.using(SQLDialect.POSTGRES);
    /** After a $sort, the most documents sent for Java to find a group's first (last) among; more decline. */
    static final int CANDIDATES = 1000;
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

    /** The first of the j-th $push path's two columns: its values' jsonb text in order, whether one cannot be made in Java. */
    public int pushColumn(int j) {
        return extremeColumn(extremes) + 2 * j;
    }

    /**
     * The first of the j-th $addToSet path's three columns: its distinct values' jsonb text, whether one cannot be made in
     * Java, and their number types (bits as in {@link SqlGroup.NumberAgg}).
     */
    public int setColumn(int j) {
        return pushColumn(pushes) + 3 * j;
    }

    /** The column of how many of the group's documents passed condition j ({@link SqlGroup.Condition}). */
    public int conditionColumn(int j) {
        return setColumn(sets) + j;
    }

    /** The first of the six columns of the k-th conditional value's {@link SqlGroup.NumberAgg} ({@link SqlGroup.Filtered}). */
    public int filteredColumn(int k) {
        return conditionColumn(conditions) + 6 * k;
    }

    /** The column of key i's number types (bits as in {@link SqlGroup.NumberAgg}). */
    public int keyTypeColumn(int i) {
        return filteredColumn(filtered) + (last ? 1 : 0) + (sorted ? (last ? 4 : 2) : 0) + i;
    }

    public int unsafeColumn() {
        return keyTypeColumn(keys);
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
        List<String> keyValues = new ArrayList<>(keys);
        List<Integer> keyTypes = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            keyValues.add(rs.getString(4 + i));
            keyTypes.add(rs.getInt(keyTypeColumn(i)));
        }
        List<Long> passed = new ArrayList<>(conditions);
        for (int j = 0; j < conditions; j++) {
            passed.add(rs.getLong(conditionColumn(j)));
        }
        List<SqlGroup.NumberAgg> sides = new ArrayList<>(filtered);
        for (int k = 0; k < filtered; k++) {
            int at = filteredColumn(k);
            sides.add(new SqlGroup.NumberAgg(decimal(rs, at), rs.getLong(at + 1), rs.getInt(at + 2), decimal(rs, at + 3),
                    rs.getInt(at + 4), rs.getBoolean(at + 5)));
        }
        return Optional.of(new SqlGroup.Group(rs.getLong(2), rs.getBoolean(unsafeColumn()), documents(rs, documentColumn()),
                last ? documents(rs, documentColumn() + 1) : List.of(), numbers, extremeAggs, element(rs.getString(1)),
                last ? element(rs.getString(filteredColumn(filtered))) : 0, keyValues, keyTypes, pushed(rs), passed, sides));
    }

    /**
     * Per $push path its values' jsonb text, then per $addToSet path its distinct values' text; null when one cannot be made
     * in Java, or when a set's numbers are of several types (whose text differs for equal values, of which the stage keeps
     * the first).
     */
    private List<List<String>> pushed(ResultSet rs) throws SQLException {
        List<List<String>> out = new ArrayList<>(pushes + sets);
        for (int j = 0; j < pushes; j++) {
            out.add(texts(rs, pushColumn(j), rs.getBoolean(pushColumn(j) + 1)));
        }
        for (int j = 0; j < sets; j++) {
            out.add(texts(rs, setColumn(j), rs.getBoolean(setColumn(j) + 1) || Integer.bitCount(rs.getInt(setColumn(j) + 2)) > 1));
        }
        return out;
    }

    private static List<String> texts(ResultSet rs, int column, boolean unmade) throws SQLException {
        java.sql.Array values = rs.getArray(column);
        return unmade ? null : values == null ? List.of() : List.of((String[]) values.getArray());
    }

    /** The element number after the "!" of a row's `_key` (0 without an $unwind, or after a $lookup's). */
    private long element(String row) {
        if (joined) {
            return 0;
        }
        int at = row.indexOf('!');
        return at < 0 ? 0 : Long.parseLong(row.substring(at + 1));
    }

    /** One document, or after a $sort the candidates (null: too many). */
    private List<byte[]> documents(ResultSet rs, int column) throws SQLException {
        if (joined) { // the local document and its match
            java.sql.Array pair = rs.getArray(column);
            return pair == null ? List.of() : java.util.Arrays.asList((byte[]) ((Object[]) pair.getArray())[0],
                    (byte[]) ((Object[]) pair.getArray())[1]); // no match (after a preserving $unwind): null
        }
        if (!sorted) {
            byte[] doc = rs.getBytes(column);
            return doc == null ? List.of() : List.of(doc); // none: the key is made from the key values
        }
        java.sql.Array array = rs.getArray(column);
        if (array == null) {
            return null;
        }
        List<byte[]> out = new ArrayList<>();
        for (Object doc : (Object[]) array.getArray()) {
            out.add((byte[]) doc);
        }
        return out;
    }

    /** A numeric column; 0 for SQL null (an aggregate over no numbers, whose count then says so). */
    private static BigDecimal decimal(ResultSet rs, int column) throws SQLException {
        BigDecimal v = rs.getBigDecimal(column);
        return v == null ? BigDecimal.ZERO : v;
    }

    /**
     * The statement over {@code table} (a qualified, quoted name) for the documents that {@code whereSql}
     * (an exact condition, with {@code ?} for {@code whereBinds}) keeps; {@code typedNumbers}: whether the query form's
     * numbers say their BSON type (else a group's number key comes from its first document); {@code foreign}: the table of
     * the $lookup's collection (present when the group has a $lookup).
     */
    public static GroupSql of(SqlGroup g, String table, String whereSql, List<Object> whereBinds, boolean typedNumbers,
            Optional<String> foreign) {
        List<Object> binds = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        List<String> throughArrays = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> unsafeKeys = new ArrayList<>();
        List<String> groupBy = new ArrayList<>();
        List<String> values = new ArrayList<>();
        java.util.Map<List<String>, String> dates = new java.util.HashMap<>();
        for (int i = 0; i < g.keyPaths().size(); i++) {
            List<String> path = g.keyPaths().get(i);
            Optional<String> part = g.keyPart(i);
            Optional<SqlGroup.Bucket> bucket = g.keyBucket(i);
            if (bucket.isPresent()) {
                // the value read once per row (kb), its range's number (-1: the default bucket) as the key in the next subquery;
                // without a default a value outside every range sends the pipeline to Java, which fails with MongoDB's 40066
                String value = "kb" + i;
                column(g, columns, binds, path, value);
                values.add(bucketKey(bucket.get(), value) + " AS k" + i);
                if (!bucket.get().hasDefault()) {
                    values.add("(" + bucketKey(bucket.get(), value) + " = -1) AS " + value + "_other");
                    throughArrays.add(value + "_other");
                }
            } else if (part.isPresent()) {
                // the date read once per row (kr), its part as the key in the next subquery; anything but a date, null or
                // missing declines (reading it in each use took 8-9 s on 1,000,000 rows, a lateral subquery 5.3 s)
                String date = dates.get(path);
                if (date == null) { // one column and one test per path
                    date = "kr" + i;
                    dates.put(path, date);
                    column(g, columns, binds, path, date);
                    values.add("NOT (" + date + " IS NULL OR jsonb_typeof(" + date + ") = 'null' OR coalesce(" + inRange(date) + ", false))"
                            + " AS " + date + "_other");
                    throughArrays.add(date + "_other");
                }
                values.add(dateKey(part.get(), g.keyFormatParts(i), date) + " AS k" + i);
            } else {
                column(g, columns, binds, path, "k" + i);
            }
            boolean plain = g.keyPart(i).isEmpty(); // a date part is a number or null: nothing jsonb could group otherwise
            keys.add((g.single() && plain ? "coalesce(k" + i + ", 'null'::jsonb)" : "k" + i) + " AS g" + i);
            if (plain) {
                unsafeKeys.add(unsafeValue("g.g" + i));
            }
            groupBy.add(String.valueOf(4 + i));
            intermediates(g, columns, binds, throughArrays, path, "k" + i);
        }
        List<String> aggregates = new ArrayList<>();
        for (int j = 0; j < g.valuePaths().size(); j++) {
            String a = "a" + j;
            column(g, columns, binds, g.valuePaths().get(j), a);
            intermediates(g, columns, binds, throughArrays, g.valuePaths().get(j), a);
            values.add(number(a) + " AS n" + j);
            // NaN or an infinity; also true for an array or string holding "$num" (which $sum ignores): Java then sums, as it must
            values.add("jsonb_exists(" + a + ", '" + QueryForm.NUM + "') AS sp" + j);
            // the scale modulo 4 is the number's BSON type (QueryForm)
            aggregates.add("sum(n" + j + "), count(n" + j + "), bit_or(1 << (scale(n" + j + ") % 4)), sum(abs(n" + j + ")),"
                    + " max(scale(n" + j + ")), coalesce(bool_or(sp" + j + "), false)");
        }
        for (int j = 0; j < g.extremePaths().size(); j++) {
            String e = "e" + j;
            column(g, columns, binds, g.extremePaths().get(j), e);
            intermediates(g, columns, binds, throughArrays, g.extremePaths().get(j), e);
            values.add(number(e) + " AS en" + j);
            values.add("(CASE WHEN jsonb_typeof(" + e + ") = 'object' AND jsonb_exists(" + e + ", '" + QueryForm.DATE + "') THEN ("
                    + e + " ->> '" + QueryForm.DATE + "')::bigint END) AS ed" + j);
            values.add("(jsonb_typeof(" + e + ") IS DISTINCT FROM 'null' AND " + e + " IS NOT NULL) AS ep" + j);
            aggregates.add("count(*) FILTER (WHERE ep" + j + "), count(en" + j + "), bit_or(1 << (scale(en" + j + ") % 4)), min(en" + j
                    + "), max(en" + j + "), count(ed" + j + "), min(ed" + j + "), max(ed" + j + ")");
        }
        for (int j = 0; j < g.pushPaths().size(); j++) {
            String p = "p" + j;
            column(g, columns, binds, g.pushPaths().get(j), p);
            intermediates(g, columns, binds, throughArrays, g.pushPaths().get(j), p);
            aggregates.add("array_agg(" + p + "::text ORDER BY _key" + (g.lookup().isPresent() ? ", fk" : g.unwind().isPresent() ? ", idx" : "")
                    + ") FILTER (WHERE " + p
                    + " IS NOT NULL), coalesce(bool_or(" + p + " IS NOT NULL AND NOT " + madeInJava(p, "1 << (scale(" + p + "::numeric) % 4)")
                    + "), false)");
        }
        for (int j = 0; j < g.setPaths().size(); j++) {
            String p = "ds" + j;
            column(g, columns, binds, g.setPaths().get(j), p);
            intermediates(g, columns, binds, throughArrays, g.setPaths().get(j), p);
            aggregates.add("array_agg(DISTINCT " + p + "::text) FILTER (WHERE " + p + " IS NOT NULL), coalesce(bool_or(" + p
                    + " IS NOT NULL AND NOT " + madeInJava(p, "1 << (scale(" + p + "::numeric) % 4)") + "), false), coalesce(bit_or(CASE WHEN"
                    + " jsonb_typeof(" + p + ") = 'number' THEN 1 << (scale(" + p + "::numeric) % 4) END), 0)");
        }
        for (int j = 0; j < g.conditions().size(); j++) {
            // the value as a whole (an expression's comparison collects no array elements: a path through an array, whose #>
            // is null, differs as the array MongoDB gives does); the constant's query form inlined by jOOQ
            SqlGroup.Condition cond = g.conditions().get(j);
            column(g, columns, binds, cond.path(), "c" + j);
            values.add("coalesce(c" + j + " = " + RENDER.renderInlined(DSL.inline(QueryForm.valueToJson(cond.value()))) + "::jsonb, false)"
                    + " AS cm" + j);
            aggregates.add("count(*) FILTER (WHERE cm" + j + ")");
        }
        for (SqlGroup.Filtered f : g.filtered()) { // a summed path's six aggregates over one side of a test
            int j = g.valuePaths().indexOf(f.path());
            String side = "(" + (f.negated() ? "NOT " : "") + "cm" + g.conditions().indexOf(f.condition()) + ")";
            String where = " FILTER (WHERE " + side + ")";
            aggregates.add("sum(n" + j + ")" + where + ", count(n" + j + ")" + where + ", coalesce(bit_or(1 << (scale(n" + j + ") % 4))"
                    + where + ", 0), sum(abs(n" + j + "))" + where + ", coalesce(max(scale(n" + j + "))" + where + ", 0), coalesce(bool_or(sp"
                    + j + ")" + where + ", false)");
        }
        Optional<SortSql.Coarse> order = g.storedOrder().map(o -> SortSql.of(o, "o"));
        String window = "";
        if (order.isPresent()) {
            // each group's first (last) documents in the $sort's coarse order: PostgreSQL ranks the rows, Java orders the tied
            for (int i = 0; i < g.order().get().keys().size(); i++) {
                columns.add("o.p" + i);
            }
            String partition = g.keyPaths().isEmpty() ? "" : "PARTITION BY " + String.join(", ", partitionBy(g));
            window = " WINDOW w AS (" + partition + " ORDER BY " + rendered(order.get().orderBy()) + ")";
            values.add("rank() OVER w AS rf");
            if (g.last()) {
                // the last rows tie with the partition's last: those before them and their peers are all of it (one sort for both)
                values.add("(rank() OVER w + count(*) OVER (w RANGE BETWEEN CURRENT ROW AND CURRENT ROW) - 1 = count(*) OVER ("
                        + partition + ")) AS rl");
            }
            values.add("(" + RENDER.renderInlined(order.get().exact()) + ") AS ex");
        }
        String from = table + " t" + order.map(o -> " CROSS JOIN " + RENDER.renderContext().declareTables(true)
                .paramType(org.jooq.conf.ParamType.INLINED).visit(o.lateral()).render()).orElse("");
        String where = whereSql;
        boolean preserve = g.unwind().map(UnwindStage::preserveNullAndEmptyArrays).orElse(false);
        if (g.lookup().isPresent()) {
            from = joined(g, table, foreign.orElseThrow(), whereSql, whereBinds, binds, columns, throughArrays);
            // preserveNullAndEmptyArrays: a document without matches is the $unwind's output too (without `as`)
            where = preserve ? "true" : "f._key IS NOT NULL OR t.lbad OR fb.bad";
        } else if (g.unwind().isPresent()) {
            List<String> path = g.source(g.unwindPath()).orElseThrow();
            if (preserve) {
                // a document kept whole while an array lies on the way to the unwound path: MongoDB's paths under it then
                // collect from the array's elements
                for (int j = 1; j < path.size(); j++) {
                    String at = "uwp" + j;
                    columns.add("t.q #> ?::text[] AS " + at);
                    binds.add(path.subList(0, j).toArray(String[]::new));
                    throughArrays.add("jsonb_typeof(" + at + ") = 'array'");
                }
            }
            columns.add("x.idx");
            // without preserveNullAndEmptyArrays null, missing and [] give no row; with it null is one (its value stays) and
            // missing and [] are the left join's row without an element (idx null: the document's only output)
            from += " CROSS JOIN LATERAL (SELECT " + unwound(path, binds) + " AS u) uw"
                    + (preserve ? " LEFT JOIN" : " CROSS JOIN") + " LATERAL jsonb_array_elements(CASE WHEN uw.u IS NULL THEN '[]'::jsonb"
                    + " WHEN jsonb_typeof(uw.u) = 'null' THEN " + (preserve ? "jsonb_build_array(uw.u)" : "'[]'::jsonb")
                    + " WHEN jsonb_typeof(uw.u) = 'array' THEN uw.u ELSE jsonb_build_array(uw.u) END) WITH ORDINALITY AS x(elem, idx)"
                    + (preserve ? " ON true" : "");
        }
        if (g.lookup().isEmpty()) {
            binds.addAll(whereBinds);
        }
        // A set-returning function in a subquery's select list keeps PostgreSQL from merging the subquery into the
        // aggregate, where each document's values would be extracted once per aggregate; unlike OFFSET 0 it still lets
        // parallel workers scan it (on 1,000,000 rows: 0.93 s, against 1.2-1.7 s with OFFSET 0 and 2.0 s merged).
        // Whether a key value is one jsonb groups as MongoDB does is the same for a whole group: asked once per group.
        columns.add("unnest(ARRAY[1]) AS once");
        values.add("unnest(ARRAY[1]) AS once_more");
        List<String> groupColumns = new ArrayList<>();
        // PostgreSQL has no min(bytea); hex digits keep the byte order under COLLATE "C"
        String firstRows = order.isPresent() ? " FILTER (WHERE rf = 1)" : "";
        // after an $unwind a row is a document's element: `_key` then the element's number, "!" below the hex digits
        String row = g.lookup().isPresent() ? "(encode(_key, 'hex') || '!' || coalesce(encode(fk, 'hex'), '')) COLLATE \"C\""
                : g.unwind().isPresent() ? "(encode(_key, 'hex') || '!' || lpad((coalesce(idx, 1) - 1)::text, 19, '0')) COLLATE \"C\""
                : "encode(_key, 'hex') COLLATE \"C\"";
        groupColumns.add("min(" + row + ")" + firstRows + " AS first");
        groupColumns.add("count(*) AS n");
        groupColumns.add((throughArrays.isEmpty() ? "false" : "coalesce(bool_or(" + String.join(" OR ", throughArrays) + "), false)")
                + " AS through");
        groupColumns.addAll(keys);
        groupColumns.addAll(aggregates);
        if (g.last()) {
            groupColumns.add("max(" + row + ")" + (order.isPresent() ? " FILTER (WHERE rl)" : "") + " AS last");
        }
        if (order.isPresent()) {
            // rows tied in the coarse order with exact values are equal in MongoDB's: the stable sort leaves the smallest
            // `_key` first and the largest last; otherwise Java sorts them all
            groupColumns.add("bool_and(ex) FILTER (WHERE rf = 1) AS first_exact, array_agg(_key) FILTER (WHERE rf = 1) AS firsts");
            if (g.last()) {
                groupColumns.add("bool_and(ex) FILTER (WHERE rl) AS last_exact, array_agg(_key) FILTER (WHERE rl) AS lasts");
            }
        }
        // which number types a key's values had: one type (not Decimal128, not a zero of unknown sign) and the key is made
        // without reading the group's first document
        List<String> keyMadeHere = new ArrayList<>();
        for (int i = 0; i < g.keyPaths().size(); i++) {
            if (g.keyPart(i).isPresent()) { // a date part's value is the evaluator's, on the first document
                groupColumns.add("0 AS kt" + i);
                keyMadeHere.add("false");
            } else {
                groupColumns.add("bit_or(CASE WHEN jsonb_typeof(k" + i + ") = 'number' THEN 1 << (scale(k" + i + "::numeric) % 4) ELSE 0 END)"
                        + " AS kt" + i);
                keyMadeHere.add("(g.g" + i + " IS NULL OR " + (typedNumbers ? madeInJava("g.g" + i, "g.kt" + i)
                        : "(jsonb_typeof(g.g" + i + ") <> 'number' AND " + madeInJava("g.g" + i, "0") + ")") + ")");
            }
        }
        String firstDocument = foreign.isPresent() ? pair(table, foreign.get(), "first") : documents(table, "first", order.isPresent());
        if (order.isEmpty() && !g.positional()) { // the first document only types the key: read it only where the values cannot
            firstDocument = keyMadeHere.isEmpty() ? "NULL::bytea"
                    : "CASE WHEN NOT (" + String.join(" AND ", keyMadeHere) + ") THEN " + firstDocument + " END";
        }
        unsafeKeys.add(0, "g.through");
        String read = "SELECT t._key, " + String.join(", ", columns) + " FROM " + from + " WHERE " + where;
        if (g.unwoundMatch().isPresent()) {
            // the $match after the $unwind, over each row's unwound document (the fields its filter reads); a row whose join
            // may be wrong stays, to send the pipeline to Java
            read = "SELECT * FROM (SELECT t._key, " + String.join(", ", columns) + ", " + unwoundDocument(g) + " AS q FROM " + from
                    + " WHERE " + where + ") r WHERE (" + RENDER.renderInlined(FilterSql.compile(g.unwoundMatch().get().filter()).condition())
                    + ")" + (g.lookup().isPresent() ? " OR jbad" : "");
        }
        String sql = "WITH v AS (" + read + "),"
                + " m AS (SELECT o.*, " + String.join(", ", values) + " FROM v o" + window + "),"
                + " g AS (SELECT " + String.join(", ", groupColumns) + " FROM m"
                + (groupBy.isEmpty() ? "" : " GROUP BY " + String.join(", ", groupBy)) + ")"
                // the first documents one by one through the primary key: a join could scan the whole table when the
                // planner expects many groups
                + " SELECT g.*, " + String.join(" OR ", unsafeKeys) + " AS unsafe,"
                + " " + firstDocument
                + (g.last() ? ", " + (foreign.isPresent() ? pair(table, foreign.get(), "last") : documents(table, "last", order.isPresent())) : "")
                + " FROM g";
        return new GroupSql(sql, java.util.Collections.unmodifiableList(binds), g.keyPaths().size(), g.valuePaths().size(),
                g.extremePaths().size(), g.pushPaths().size(), g.setPaths().size(), g.conditions().size(), g.filtered().size(), g.last(),
                order.isPresent(),
                g.lookup().isPresent());
    }

    /**
     * Whether the statement computes the group exactly: a $match after the $unwind must compile exactly, over fields its
     * filter names (an $expr or a $jsonSchema reads the whole document, which the statement does not build).
     */
    public static boolean computable(SqlGroup g) {
        return g.unwoundMatch().map(m -> FilterSql.compile(m.filter()).exact() && FilterFields.topLevel(m.filter()).isPresent())
                .orElse(true);
    }

    /**
     * The document a row of the $unwind is, as far as the $match after it reads it: its top-level fields the filter names
     * (missing ones left out), the unwound one holding the element (after a $lookup the match; with preserveNullAndEmptyArrays
     * an empty array is removed, as the stage does). Literals only: it is built in the select list, before other binds.
     */
    private static String unwoundDocument(SqlGroup g) {
        List<String> unwound = g.unwindPath();
        List<String> parts = new ArrayList<>();
        for (String field : FilterFields.topLevel(g.unwoundMatch().orElseThrow().filter()).orElseThrow()) {
            String name = RENDER.renderInlined(DSL.inline(QueryForm.storedName(field)));
            String value = "t.q -> " + name;
            if (field.equals(unwound.get(0))) {
                String element = unwoundValue(g);
                String rest = RENDER.renderInlined(DSL.inline(unwound.subList(1, unwound.size()).toArray(String[]::new))
                        .cast(org.jooq.impl.SQLDataType.CLOB.array()));
                value = unwound.size() == 1 ? element
                        : "(CASE WHEN " + element + " IS NOT NULL THEN jsonb_set(" + value + ", " + rest + ", " + element + ")"
                        + " WHEN jsonb_typeof(uw.u) = 'array' THEN (" + value + ") #- " + rest + " ELSE " + value + " END)";
            }
            parts.add("(CASE WHEN " + value + " IS NULL THEN '{}'::jsonb ELSE jsonb_build_object(" + name + ", " + value + ") END)");
        }
        return parts.isEmpty() ? "'{}'::jsonb" : "(" + String.join(" || ", parts) + ")";
    }

    /** After a $lookup, the group's first (last) row: its local document and its match (null if none), through both primary keys. */
    private static String pair(String table, String foreign, String which) {
        return "(SELECT ARRAY[t.doc, f.doc] FROM " + table + " t LEFT JOIN " + foreign + " f ON f._key = decode(split_part(g." + which
                + ", '!', 2), 'hex') WHERE t._key = decode(split_part(g." + which + ", '!', 1), 'hex'))";
    }

    /**
     * The $lookup's equality join, for the FROM clause: the matching local documents (t: `_key`, q, the value at localField
     * lv, and lbad: whether it is one jsonb equality cannot join as MongoDB's $lookup does) left-joined on equal values with
     * the foreign table (f), and fb.bad: whether a foreign document holds an array on the way to or at foreignField (whose
     * elements MongoDB matches one by one). A row that did not join is kept only when lbad or fb.bad, which then marks its
     * group as one jsonb may have grouped otherwise (the pipeline runs in Java).
     *
     * <p>jsonb equality is MongoDB's for a local value that is a number in numeric's range, a string stored as it is, a
     * boolean, or a date, ObjectId, timestamp, binary, NaN/infinity or Min/MaxKey marker, reached through documents only;
     * null and missing (which match null and missing), arrays (each element matches), embedded documents (field order),
     * regular expressions (patterns in $in) are "lbad". Such a value never equals a foreign document or an out-of-range
     * number.
     */
    private static String joined(SqlGroup g, String table, String foreign, String whereSql, List<Object> whereBinds, List<Object> binds,
            List<String> columns, List<String> throughArrays) {
        List<String> local = g.source(g.localPath()).orElseThrow();
        List<String> prefixes = new ArrayList<>();
        for (int j = 1; j < local.size(); j++) {
            prefixes.add("jsonb_typeof(t.q #> ?::text[]) = 'array'");
            binds.add(local.subList(0, j).toArray(String[]::new));
        }
        prefixes.add("t.lv IS NULL OR jsonb_typeof(t.lv) IN ('null', 'array') OR " + unsafeValue("t.lv"));
        binds.add(local.toArray(String[]::new));
        binds.addAll(whereBinds);
        List<String> path = g.foreignPath();
        binds.add(path.toArray(String[]::new));
        List<String> foreignBad = new ArrayList<>();
        if (!path.equals(List.of("_id"))) { // an `_id` is never an array
            for (int j = 1; j <= path.size(); j++) {
                foreignBad.add("jsonb_typeof(ff.q #> ?::text[]) = 'array'");
                binds.add(path.subList(0, j).toArray(String[]::new));
            }
        }
        columns.add("f._key AS fk");
        columns.add("(t.lbad OR fb.bad) AS jbad");
        throughArrays.add("jbad");
        // the set-returning function keeps the subquery whole, so that each document's value is extracted once
        return "(SELECT t._key, t.q, t.lv, (" + String.join(" OR ", prefixes) + ") AS lbad"
                + " FROM (SELECT _key, q, q #> ?::text[] AS lv, unnest(ARRAY[1]) AS once FROM " + table + " t WHERE " + whereSql + ") t) t"
                + " LEFT JOIN " + foreign + " f ON f.q #> ?::text[] = t.lv AND NOT t.lbad"
                + " CROSS JOIN (SELECT " + (foreignBad.isEmpty() ? "false" : "EXISTS (SELECT 1 FROM " + foreign + " ff WHERE "
                + String.join(" OR ", foreignBad) + ")") + " AS bad) fb";
    }

    /**
     * Whether {@code v} is a value Java makes from its jsonb text ({@code QueryForm.scalar}): a string stored as it is, a
     * boolean, null, a date, an ObjectId, or a number whose types (bits of the scale tags: {@code types}, an expression)
     * are int32 alone, int64 alone or double alone with the value not zero (whose sign the query form does not keep).
     */
    private static String madeInJava(String v, String types) {
        return "(jsonb_typeof(" + v + ") IN ('boolean', 'null')"
                + " OR (jsonb_typeof(" + v + ") = 'string' AND strpos(" + v + " #>> '{}', chr(1)) = 0)"
                + " OR (jsonb_typeof(" + v + ") = 'number' AND (" + types + " IN (1, 2) OR (" + types + " = 4 AND " + v + "::numeric <> 0)))"
                + " OR (jsonb_typeof(" + v + ") = 'object' AND (jsonb_exists(" + v + ", '" + QueryForm.DATE + "') OR jsonb_exists(" + v
                + ", '" + QueryForm.OID + "'))))";
    }

    /** The group's first (last) document, or after a $sort its candidates in `_key` order (null past {@link #CANDIDATES}). */
    private static String documents(String table, String which, boolean sorted) {
        if (!sorted) {
            return "(SELECT t.doc FROM " + table + " t WHERE t._key = decode(split_part(g." + which + ", '!', 1), 'hex'))";
        }
        return "(SELECT array_agg(t.doc ORDER BY t._key) FROM " + table + " t WHERE t._key = ANY(CASE WHEN g." + which + "_exact"
                + " THEN ARRAY[decode(g." + which + ", 'hex')] WHEN cardinality(g." + which + "s) <= " + CANDIDATES + " THEN g." + which
                + "s END))";
    }

    /** The key columns as the GROUP BY groups them. */
    private static List<String> partitionBy(SqlGroup g) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < g.keyPaths().size(); i++) {
            Optional<String> part = g.keyPart(i);
            Optional<SqlGroup.Bucket> bucket = g.keyBucket(i);
            out.add(bucket.isPresent() ? bucketKey(bucket.get(), "kb" + i) : part.isPresent() ? dateKey(part.get(), g.keyFormatParts(i), "kr" + g.keyPaths().indexOf(g.keyPaths().get(i)))
                    : g.single() ? "coalesce(k" + i + ", 'null'::jsonb)" : "k" + i);
        }
        return out;
    }

    private static String rendered(List<org.jooq.SortField<?>> order) {
        List<String> out = new ArrayList<>();
        order.forEach(f -> out.add(RENDER.renderInlined(f)));
        return String.join(", ", out);
    }

    private static String number(String v) {
        return "(CASE WHEN jsonb_typeof(" + v + ") = 'number' THEN " + v + "::numeric END)";
    }

    /**
     * The value at {@code path} in the query form, as column {@code name}: in the document, or after an $unwind
     * of a path it starts with, in the element.
     */
    private static void column(SqlGroup g, List<String> columns, List<Object> binds, List<String> path, String name) {
        columns.add(valueAt(g, path, binds) + " AS " + name);
    }

    /** Where the paths under the unwound one are read: the array's element, or after a $lookup the foreign document. */
    private static String unwoundValue(SqlGroup g) {
        return g.lookup().isPresent() ? "f.q" : "x.elem";
    }

    private static String valueAt(SqlGroup g, List<String> path, List<Object> binds) {
        Optional<List<String>> rest = g.underUnwind(path);
        if (rest.isPresent() && rest.get().isEmpty()) {
            return unwoundValue(g);
        }
        List<String> at = rest.orElseGet(() -> g.source(path).orElseThrow());
        if (rest.isEmpty() && at.size() == 1) {
            // a field of the stored document (an object): -> needs no path array unpacked for every row
            binds.add(at.get(0));
            return "t.q -> ?::text";
        }
        binds.add(at.toArray(String[]::new));
        return (rest.isPresent() ? unwoundValue(g) : "t.q") + " #> ?::text[]";
    }

    /**
     * The number of the $bucket range [boundary, next) the value v falls in, counting from 0; -1 for anything else: not a
     * number (strings, dates and the other marker objects, arrays, null, missing; NaN and infinities are "$num" markers,
     * outside every finite range as in BSON order) or a number outside the ranges. Numbers compare exactly (the query form
     * keeps their values, the boundaries are exact decimals of the given numbers).
     */
    private static String bucketKey(SqlGroup.Bucket b, String v) {
        StringBuilder sql = new StringBuilder("(CASE WHEN jsonb_typeof(" + v + ") = 'number' THEN CASE");
        List<java.math.BigDecimal> bounds = b.boundaries();
        for (int r = 0; r + 1 < bounds.size(); r++) {
            sql.append(" WHEN ").append(v).append("::numeric >= ").append(numeric(bounds.get(r))).append(" AND ").append(v)
                    .append("::numeric < ").append(numeric(bounds.get(r + 1))).append(" THEN ").append(r);
        }
        return sql.append(" ELSE -1 END ELSE -1 END)").toString();
    }

    private static String numeric(java.math.BigDecimal d) {
        return RENDER.renderInlined(DSL.inline(d.toString())) + "::numeric";
    }

    /**
     * A date that MongoDB's date parts and PostgreSQL's timestamps both reach exactly (years 1 to 9999); null (false)
     * for anything that is not a date: only a date's query form has a "$date" field (a document's own "$" names are
     * stored with another "$"), whose value is a number, and -> gives null on arrays and scalars.
     */
    private static String inRange(String v) {
        return "((" + v + " -> '" + QueryForm.DATE + "')::numeric BETWEEN -62135596800000 AND 253402300799999)";
    }

    /**
     * The date part {@code op} ($year...) in UTC of the date v, a number; for a $dateToString the parts its format shows
     * ({@code formatParts}), joined by '|' into text that two dates share exactly when MongoDB formats them alike; null
     * for null, missing and what is not a date.
     */
    private static String dateKey(String op, Optional<List<String>> formatParts, String v) {
        String ms = "(" + v + " -> '" + QueryForm.DATE + "')::bigint";
        String ts = "(timestamp '1970-01-01' + " + ms + " * interval '1 millisecond')";
        String key;
        if (formatParts.isPresent()) {
            List<String> parts = new ArrayList<>(List.of("''"));
            formatParts.get().forEach(p -> parts.add("(" + datePart(p, ms, ts) + ")::bigint::text"));
            key = String.join(" || '|' || ", parts);
        } else {
            key = datePart(op, ms, ts);
        }
        return "(CASE WHEN " + inRange(v) + " THEN " + key + " END)";
    }

    /**
     * The date part {@code op} ($year...) in UTC of the date with milliseconds {@code ms} since the epoch, timestamp {@code ts}
     * (ms times interval '1 millisecond' multiplies in floating point: exact below 2^53 microseconds; above, a date off by at
     * most 16 microseconds from its true instant, which lies on a millisecond while any second's start is exact, so no
     * part changes).
     */
    private static String datePart(String op, String ms, String ts) {
        String part = switch (op) {
            case "$year" -> "date_part('year', " + ts + ")";
            case "$month" -> "date_part('month', " + ts + ")";
            case "$quarter" -> "date_part('quarter', " + ts + ")"; // a $dateTrunc unit's, no operator's
            case "$dayOfMonth" -> "date_part('day', " + ts + ")";
            case "$hour" -> "date_part('hour', " + ts + ")";
            case "$minute" -> "date_part('minute', " + ts + ")";
            case "$second" -> "floor(date_part('second', " + ts + "))";
            case "$millisecond" -> "mod(mod(" + ms + ", 1000) + 1000, 1000)";
            case "$dayOfYear" -> "date_part('doy', " + ts + ")";
            case "$dayOfWeek" -> "date_part('dow', " + ts + ") + 1";
            case "$week" -> "floor((date_part('doy', " + ts + ") + 6 - date_part('dow', " + ts + ")) / 7)"; // strftime's %U
            case "$isoWeek" -> "date_part('week', " + ts + ")";
            case "$isoWeekYear" -> "date_part('isoyear', " + ts + ")";
            case "$isoDayOfWeek" -> "date_part('isodow', " + ts + ")";
            default -> throw new IllegalArgumentException(op);
        };
        return part;
    }

    /**
     * Columns of the path's proper prefixes (an unwound element among them), and the test whether one of them is
     * an array (MongoDB's path then collects from every element).
     */
    private static void intermediates(SqlGroup g, List<String> columns, List<Object> binds, List<String> throughArrays,
            List<String> path, String name) {
        Optional<List<String>> rest = g.underUnwind(path);
        if (rest.isEmpty()) { // the stored path's prefixes (a renamed path has its source's)
            List<String> stored = g.source(path).orElseThrow();
            for (int j = 1; j < stored.size(); j++) {
                columns.add("t.q #> ?::text[] AS " + name + "_" + j);
                binds.add(stored.subList(0, j).toArray(String[]::new));
                throughArrays.add("jsonb_typeof(" + name + "_" + j + ") = 'array'");
            }
            return;
        }
        // after a $lookup the unwound value is a document, never an array: the prefixes inside it only
        for (int j = path.size() - rest.get().size() + (g.lookup().isPresent() ? 1 : 0); j < path.size(); j++) {
            column(g, columns, binds, path.subList(0, j), name + "_" + j);
            throughArrays.add("jsonb_typeof(" + name + "_" + j + ") = 'array'");
        }
    }

    /**
     * The value the $unwind walks: the one at its path when every part before the last is a document (the $unwind
     * stage reads through documents only); the statement takes a non-array value as a one-element array and null
     * or missing as none. (A lateral subquery, not a scalar one: that would keep parallel workers away.)
     */
    private static String unwound(List<String> path, List<Object> binds) {
        StringBuilder documents = new StringBuilder("true");
        for (int j = 1; j < path.size(); j++) {
            documents.append(" AND jsonb_typeof(t.q #> ?::text[]) = 'object'");
            binds.add(path.subList(0, j).toArray(String[]::new));
        }
        binds.add(path.toArray(String[]::new));
        return "CASE WHEN " + documents + " THEN t.q #> ?::text[] END";
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
