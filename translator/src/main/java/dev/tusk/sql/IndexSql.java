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
        Field<byte[]> docKey = DSL.field(DSL.name("_key"), SQLDataType.BLOB);
        Condition any = DSL.falseCondition();
        for (KeyRange r : ranges) {
            any = any.or(r.single() ? docKey.eq(DSL.val(r.from()))
                    : docKey.ge(DSL.val(r.from())).and(docKey.lt(DSL.val(r.to()))));
        }
        return any;
    }

    /** The key ranges as a condition on an aliased side table's k column (for scans in index order). */
    public static Condition onKey(String alias, List<KeyRange> ranges) {
        Field<byte[]> k = DSL.field(DSL.name(alias, IndexTable.KEY), SQLDataType.BLOB);
        Condition any = DSL.falseCondition();
        for (KeyRange r : ranges) {
            any = any.or(r.single() ? k.eq(DSL.val(r.from())) : k.ge(DSL.val(r.from())).and(k.lt(DSL.val(r.to()))));
        }
        return any;
    }

    /** {@code _key IN (SELECT _key FROM side WHERE k in any range)}: a semi-join PostgreSQL drives from the index. */
    public static Condition restrict(String schema, String sideTable, List<KeyRange> ranges) {
        Condition any = DSL.falseCondition();
        for (KeyRange r : ranges) {
            any = any.or(r.single() ? K.eq(DSL.val(r.from())) : K.ge(DSL.val(r.from())).and(K.lt(DSL.val(r.to()))));
        }
        Field<byte[]> docKey = DSL.field(DSL.name("_key"), SQLDataType.BLOB);
        return docKey.in(DSL.select(DOC_KEY).from(DSL.table(DSL.name(schema, sideTable))).where(any));
    }
}
