package dev.tusk.sql;

import org.jooq.Query;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/** PostgreSQL's EXPLAIN around a query Tusk would run, as JSON (for the `tusk` section of explain). */
public final class SqlExplain {
    private SqlExplain() {}

    public static ResultQuery<Record> of(Query query, boolean analyze) {
        return DSL.resultQuery(analyze ? "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {0}" : "EXPLAIN (FORMAT JSON) {0}", query);
    }
}
