package dev.tusk.sql;

import dev.tusk.index.KeyRange;
import dev.tusk.storage.IndexTable;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** Restricts a collection scan to the documents an index's key ranges point at. */
public final class IndexSql {
    private static final Field<byte[]> K = DSL.field(DSL.name(IndexTable.KEY), SQLDataType.BLOB);
    private static final Field<byte[]> DOC_KEY = DSL.field(DSL.name(IndexTable.DOC_KEY), SQLDataType.BLOB);

    private IndexSql() {}

    /** The primary key ranges: `_id` conditions become `_key` lookups (IdKey gives equal ids equal keys). */
    public static Condition primaryKey(List<KeyRange> ranges) {
        return within(DSL.field(DSL.name("_key"), SQLDataType.BLOB), ranges);
    }

    /** The key ranges as a condition on an aliased side table's k column (for scans in index order). */
    public static Condition onKey(String alias, List<KeyRange> ranges) {
        return within(DSL.field(DSL.name(alias, IndexTable.KEY), SQLDataType.BLOB), ranges);
    }

    /** {@code _key IN (SELECT _key FROM side WHERE k in any range)}: a semi-join PostgreSQL drives from the index. */
    public static Condition restrict(String schema, String sideTable, List<KeyRange> ranges) {
        Field<byte[]> docKey = DSL.field(DSL.name("_key"), SQLDataType.BLOB);
        return docKey.in(DSL.select(DOC_KEY).from(DSL.table(DSL.name(schema, sideTable))).where(within(K, ranges)));
    }

    /** Where one branch of a union of index reads finds its documents' keys. */
    public sealed interface KeySource {
        /** A secondary index's side table, within key ranges. */
        record Side(String schema, String table, List<KeyRange> ranges) implements KeySource {}

        /** `_id` points: the documents' keys themselves. */
        record Points(List<byte[]> keys) implements KeySource {}
    }

    /**
     * {@code _key IN (SELECT _key FROM side1 WHERE ... UNION ALL ...)}: the documents any of the sources
     * points at (an $or whose every branch an index serves), one semi-join PostgreSQL drives from the
     * side tables' b-trees.
     */
    public static Condition restrictToAny(List<KeySource> sources) {
        org.jooq.Select<org.jooq.Record1<byte[]>> union = null;
        for (KeySource source : sources) {
            org.jooq.Select<org.jooq.Record1<byte[]>> one = switch (source) {
                case KeySource.Side side -> DSL.select(DOC_KEY).from(DSL.table(DSL.name(side.schema(), side.table())))
                        .where(within(K, side.ranges()));
                case KeySource.Points points -> DSL.select(DSL.field(DSL.name("v", IndexTable.DOC_KEY), SQLDataType.BLOB))
                        .from(DSL.values(points.keys().stream().map(k -> DSL.row(DSL.val(k))).toArray(org.jooq.Row1[]::new))
                                .as("v", IndexTable.DOC_KEY));
            };
            union = union == null ? one : union.unionAll(one);
        }
        return DSL.field(DSL.name("_key"), SQLDataType.BLOB).in(union);
    }

    /**
     * The documents a `distinct` over a single-field index needs among those {@code filter} (exact, on the
     * collection's columns) matches: per non-null key the one with the smallest `_key` (it holds the first
     * occurrence of that key's values in `_key` order), and the first of the documents keyed null that
     * {@code nullCheck} (the key's $type null) says hold an explicit null; as `_key IN (...)` for a scan of
     * {@code schema.table}.
     */
    public static Condition firstPerKey(String schema, String table, String side, byte[] nullKey, Condition nullCheck,
            Condition filter) {
        return DSL.field(DSL.name("_key"), SQLDataType.BLOB).in(firstKeysPerKey(schema, table, side, nullKey, nullCheck, filter));
    }

    /** The `_key`s of the documents {@link #firstPerKey} reads, as one statement (in no particular order). */
    public static org.jooq.Select<org.jooq.Record1<byte[]>> firstKeysPerKey(String schema, String table, String side, byte[] nullKey,
            Condition nullCheck, Condition filter) {
        Field<String> hex = DSL.field("min(encode({0}, 'hex') COLLATE \"C\")", String.class, DOC_KEY);
        Field<byte[]> docKey = DSL.field(DSL.name("_key"), SQLDataType.BLOB);
        Condition matching = filter.equals(DSL.trueCondition()) ? DSL.trueCondition()
                : DOC_KEY.in(DSL.select(docKey).from(DSL.table(DSL.name(schema, table))).where(filter));
        var perKey = DSL.select(DSL.field("decode({0}, 'hex')", byte[].class, hex))
                .from(DSL.table(DSL.name(schema, side))).where(K.ne(DSL.val(nullKey))).and(matching).groupBy(K);
        var firstNull = DSL.select(docKey).from(DSL.table(DSL.name(schema, table)))
                .where(docKey.in(DSL.select(DOC_KEY).from(DSL.table(DSL.name(schema, side))).where(K.eq(DSL.val(nullKey)))))
                .and(nullCheck).and(filter).orderBy(docKey).limit(1);
        return perKey.unionAll(DSL.select(DSL.field(DSL.name("n", "_key"), byte[].class)).from(firstNull.asTable("n")));
    }

    /**
     * The column within any of the ranges: {@code = ?} or one {@code IN (...)} for the points (an IN list
     * is one array comparison to PostgreSQL, where an OR of 500 equalities took 135 ms to plan), ranges ORed.
     */
    private static Condition within(Field<byte[]> column, List<KeyRange> ranges) {
        List<Field<byte[]>> points = new java.util.ArrayList<>();
        Condition any = DSL.falseCondition();
        for (KeyRange r : ranges) {
            if (r.single()) {
                points.add(DSL.val(r.from()));
            } else {
                any = any.or(column.ge(DSL.val(r.from())).and(column.lt(DSL.val(r.to()))));
            }
        }
        if (points.size() == 1) {
            any = any.or(column.eq(points.get(0)));
        } else if (!points.isEmpty()) {
            any = any.or(column.in(points));
        }
        return any;
    }
}
