package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.storage.CollectionTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Reads and writes documents of collection tables over JDBC. The only place that runs document SQL;
 * conditions come from the translator's SQL compiler.
 */
public final class DocumentStore {
    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    static final Field<byte[]> KEY = DSL.field(DSL.name(CollectionTable.KEY), SQLDataType.BLOB);
    static final Field<byte[]> DOC = DSL.field(DSL.name(CollectionTable.DOC), SQLDataType.BLOB);
    static final Field<org.jooq.JSONB> QUERY = DSL.field(DSL.name(CollectionTable.QUERY), SQLDataType.JSONB);
    /** The row's physical position as text, {@code (block,offset)}: read only for showRecordId ({@link RecordIds}). */
    static final Field<String> CTID = DSL.field(DSL.name("ctid")).cast(SQLDataType.VARCHAR);
    static final Settings SETTINGS = new Settings().withExecuteLogging(false);
    /** Builds and renders statements; they run over plain JDBC ({@link Jdbc}). */
    static final DSLContext RENDER = DSL.using(SQLDialect.POSTGRES, SETTINGS);

    /** Updates by `_id` that {@link #patchByKey} applied in one statement, and those its function declined (serverStatus). */
    public record PatchCounts(java.util.concurrent.atomic.LongAdder applied, java.util.concurrent.atomic.LongAdder declined) {}

    private final DataSource dataSource;
    private final boolean recordIds;
    private final PatchCounts patchCounts;

    public DocumentStore(DataSource dataSource) {
        this(dataSource, false, new PatchCounts(new java.util.concurrent.atomic.LongAdder(), new java.util.concurrent.atomic.LongAdder()));
    }

    private DocumentStore(DataSource dataSource, boolean recordIds, PatchCounts patchCounts) {
        this.dataSource = dataSource;
        this.recordIds = recordIds;
        this.patchCounts = patchCounts;
    }

    /** The same store whose document reads (page, indexPage, byKey) also return each row's record id. */
    public DocumentStore withRecordIds() {
        return new DocumentStore(dataSource, true, patchCounts);
    }

    public PatchCounts patchCounts() {
        return patchCounts;
    }

    /** True if document reads return record ids ({@link #withRecordIds()}). */
    boolean readsRecordIds() {
        return recordIds;
    }

    static Table<org.jooq.Record> table(CollectionInfo c) {
        return DSL.table(DSL.name(c.schemaName(), c.tableName()));
    }

    static DSLContext dsl(Connection connection) {
        return DSL.using(connection, SQLDialect.POSTGRES, SETTINGS);
    }

    /** Up to {@code limit} rows matching {@code where}, in `_key` order, after {@code afterKey}. */
    public List<Row> page(CollectionInfo c, Condition where, Optional<byte[]> afterKey, int limit, TimeBudget budget) {
        return withBudget(budget, conn -> Jdbc.rows(conn,
                Jdbc.Statement.of(pageQuery(RENDER, c, where, afterKey, limit, recordIds)), recordIds));
    }

    /**
     * Up to {@code limit} rows of a capped collection matching {@code where} in `_seq` order (natural
     * order; newest first if {@code reverse}), after {@code afterSeq}.
     */
    public List<SeqRow> seqPage(CollectionInfo c, Condition where, java.util.OptionalLong afterSeq, boolean reverse, int limit,
            TimeBudget budget) {
        var query = seqPageQuery(RENDER, c, where, afterSeq, reverse, limit);
        return withBudget(budget, conn -> Jdbc.seqRows(conn, Jdbc.Statement.of(query)));
    }

    private static Select<?> seqPageQuery(DSLContext dsl, CollectionInfo c, Condition where, java.util.OptionalLong afterSeq,
            boolean reverse, int limit) {
        Field<Long> seq = DSL.field(DSL.name(CollectionTable.SEQ), SQLDataType.BIGINT);
        Condition position = afterSeq.isEmpty() ? DSL.noCondition()
                : reverse ? seq.lt(afterSeq.getAsLong()) : seq.gt(afterSeq.getAsLong());
        return dsl.select(seq, KEY, DOC).from(table(c)).where(where).and(position)
                .orderBy(reverse ? seq.desc() : seq.asc()).limit(limit);
    }

    /** The SQL of the first page a natural-order scan of a capped collection reads, with PostgreSQL's plan for it. */
    public SqlPlan explainSeqPage(CollectionInfo c, Condition where, boolean reverse, int limit, boolean analyze) {
        return withConnection(conn -> {
            DSLContext dsl = dsl(conn);
            return explained(dsl, seqPageQuery(dsl, c, where, java.util.OptionalLong.empty(), reverse, limit), analyze);
        });
    }

    /** True if the capped collection still holds the row with this insertion number. */
    public boolean seqExists(CollectionInfo c, long seq) {
        return withConnection(conn -> Jdbc.count(conn, Jdbc.Statement.of(
                "SELECT count(*) FROM " + c.qualifiedTable() + " WHERE " + CollectionTable.SEQ + " = ?", seq)) > 0);
    }

    /** True if the collection holds no document. */
    public boolean isEmpty(CollectionInfo c) {
        return withConnection(conn -> Jdbc.count(conn, Jdbc.Statement.of(
                "SELECT count(*) FROM (SELECT 1 FROM " + c.qualifiedTable() + " LIMIT 1) one")) == 0);
    }

    /** The row with this primary key, if any: fixed SQL, no rendering. */
    public java.util.Optional<Row> byKey(CollectionInfo c, byte[] key, TimeBudget budget) {
        String columns = recordIds ? "_key, doc, ctid::text" : "_key, doc";
        var statement = Jdbc.Statement.of("SELECT " + columns + " FROM " + c.qualifiedTable() + " WHERE _key = ?", (Object) key);
        return withBudget(budget, conn -> Jdbc.rows(conn, statement, recordIds).stream().findFirst());
    }

    static Select<?> pageQuery(DSLContext dsl, CollectionInfo c, Condition where, Optional<byte[]> afterKey, int limit,
            boolean recordIds) {
        return (recordIds ? dsl.select(KEY, DOC, CTID) : dsl.select(KEY, DOC)).from(table(c))
                .where(where).and(afterKey.map(KEY::gt).orElse(DSL.noCondition()))
                .orderBy(KEY).limit(limit);
    }

    /**
     * The first {@code n} rows matching {@code where} in the coarse sort order, with every row tied
     * with the last of them ({@code FETCH FIRST n ROWS WITH TIES}); rows that tie come in no set order.
     */
    public List<Row> sortedTop(CollectionInfo c, Condition where, dev.tusk.query.SortSpec sort, long n, TimeBudget budget) {
        return withBudget(budget, conn -> Jdbc.rows(conn,
                Jdbc.Statement.of(sortedTopQuery(RENDER, c, where, sort, n, recordIds)), recordIds));
    }

    private static Select<?> sortedTopQuery(DSLContext dsl, CollectionInfo c, Condition where, dev.tusk.query.SortSpec sort,
            long n, boolean recordIds) {
        var coarse = dev.tusk.sql.SortSql.of(sort, "k");
        Field<byte[]> tKey = DSL.field(DSL.name("t", CollectionTable.KEY), SQLDataType.BLOB);
        Field<byte[]> tDoc = DSL.field(DSL.name("t", CollectionTable.DOC), SQLDataType.BLOB);
        Field<String> tCtid = DSL.field(DSL.name("t", "ctid")).cast(SQLDataType.VARCHAR); // a lateral join hides bare ctid
        List<Field<?>> columns = recordIds ? List.of(tKey, tDoc, tCtid) : List.of(tKey, tDoc);
        Select<org.jooq.Record> top = dsl.select(columns).from(table(c).as("t")).crossJoin(coarse.lateral())
                .where(where).and(coarse.unordered().map(Condition::not).orElse(DSL.noCondition()))
                .orderBy(coarse.orderBy()).limit(n).withTies();
        return coarse.unordered()
                .<Select<?>>map(u -> dsl.select(columns).from(table(c).as("t")).where(where).and(u).unionAll(top))
                .orElse(top);
    }

    /** The SQL of {@link #sortedTop} with PostgreSQL's plan for it (run if {@code analyze}). */
    public SqlPlan explainSortedTop(CollectionInfo c, Condition where, dev.tusk.query.SortSpec sort, long n, boolean analyze) {
        return withConnection(conn -> {
            DSLContext dsl = dsl(conn);
            return explained(dsl, sortedTopQuery(dsl, c, where, sort, n, false), analyze);
        });
    }

    /** A row and its version (PostgreSQL's xmin), for a later compare-and-set write. */
    public record VersionedRow(Row row, String version) {}

    /** The row with this primary key and its version, if any. */
    public java.util.Optional<VersionedRow> byKeyVersioned(CollectionInfo c, byte[] key) {
        return withConnection(conn -> {
            try (var ps = conn.prepareStatement("SELECT xmin::text, _key, doc FROM " + c.qualifiedTable() + " WHERE _key = ?")) {
                ps.setBytes(1, key);
                try (var rs = ps.executeQuery()) {
                    return rs.next()
                            ? java.util.Optional.of(new VersionedRow(new Row(rs.getBytes(2), rs.getBytes(3)), rs.getString(1)))
                            : java.util.Optional.<VersionedRow>empty();
                }
            }
        });
    }

    /**
     * Applies a field patch to the row with this primary key inside PostgreSQL, in one statement that
     * locks the row, computes the new document from its latest version and writes it if it changed.
     * The function's status (0 unchanged, 1 written, 2 declined: nothing written), or empty if no row has the key.
     */
    public java.util.Optional<Integer> patchByKey(CollectionInfo c, byte[] key, dev.tusk.update.FieldPatch patch) {
        String table = c.qualifiedTable();
        // The function is called in the locking SELECT's target list: there, after waiting for a concurrent
        // writer, PostgreSQL computes it again on the row's latest version. As a LATERAL join it did not,
        // and concurrent $inc's were lost (ConcurrentUpdatesIT).
        String sql = "WITH cur AS MATERIALIZED (SELECT t._key, tusk_catalog.patch_fields(t.doc, t.q, ?::bytea[],"
                + " ?::int[], ?::bytea[], ?::jsonb[]) AS p FROM " + table + " t WHERE t._key = ? FOR UPDATE OF t),"
                + " w AS (UPDATE " + table + " t SET doc = (cur.p).new_doc, q = (cur.p).new_q FROM cur"
                + " WHERE t._key = cur._key AND (cur.p).status = 1)"
                + " SELECT (p).status FROM cur";
        return withConnection(conn -> {
            try (var ps = conn.prepareStatement(sql)) {
                ps.setArray(1, conn.createArrayOf("bytea", patch.paths()));
                ps.setArray(2, conn.createArrayOf("int4", patch.kinds()));
                ps.setArray(3, conn.createArrayOf("bytea", patch.elements()));
                ps.setArray(4, conn.createArrayOf("text", patch.json()));
                ps.setBytes(5, key);
                try (var rs = ps.executeQuery()) {
                    java.util.Optional<Integer> status = rs.next() ? java.util.Optional.of(rs.getInt(1)) : java.util.Optional.empty();
                    status.ifPresent(st -> (st == 2 ? patchCounts.declined() : patchCounts.applied()).increment());
                    return status;
                }
            }
        });
    }

    /** Replaces the document if its row is still at {@code version}, in autocommit; false if it changed meanwhile. */
    public boolean replaceIfUnchanged(CollectionInfo c, String version, StoredDocument d) {
        return withConnection(conn -> new Tx(conn).replaceIfUnchanged(c, version, d));
    }

    /** A row read through an index: the index key it was found under, and the document row. */
    public record IndexedRow(byte[] indexKey, Row row) {}

    /**
     * Up to {@code limit} documents in index order (reversed if asked), after the position
     * (indexKey, _key), restricted to the index key ranges and to {@code where} on the document.
     */
    public List<IndexedRow> indexPage(CollectionInfo c, SecondaryIndex index, Condition where, Condition onIndexKey,
            Optional<byte[][]> after, boolean reverse, int limit, TimeBudget budget) {
        return withBudget(budget, conn -> Jdbc.indexedRows(conn,
                Jdbc.Statement.of(indexPageQuery(RENDER, c, index, where, onIndexKey, after, reverse, limit)), recordIds));
    }

    private Select<org.jooq.Record> indexPageQuery(DSLContext dsl, CollectionInfo c, SecondaryIndex index, Condition where,
            Condition onIndexKey, Optional<byte[][]> after, boolean reverse, int limit) {
        var s = DSL.table(DSL.name(index.schema(), index.storage())).as("s");
        var t = table(c).as("t");
        Field<byte[]> sk = DSL.field(DSL.name("s", dev.tusk.storage.IndexTable.KEY), SQLDataType.BLOB);
        Field<byte[]> sDoc = DSL.field(DSL.name("s", dev.tusk.storage.IndexTable.DOC_KEY), SQLDataType.BLOB);
        Field<byte[]> tKey = DSL.field(DSL.name("t", CollectionTable.KEY), SQLDataType.BLOB);
        Field<byte[]> tDoc = DSL.field(DSL.name("t", CollectionTable.DOC), SQLDataType.BLOB);
        Field<String> tCtid = DSL.field(DSL.name("t", "ctid")).cast(SQLDataType.VARCHAR);
        Condition position = after.map(a -> reverse ? DSL.row(sk, sDoc).lt(a[0], a[1]) : DSL.row(sk, sDoc).gt(a[0], a[1]))
                .orElse(DSL.noCondition());
        List<Field<?>> columns = recordIds ? List.of(sk, tKey, tDoc, tCtid) : List.of(sk, tKey, tDoc);
        return dsl.select(columns).from(s).join(t).on(tKey.eq(sDoc))
                .where(where).and(onIndexKey).and(position)
                .orderBy(reverse ? sk.desc() : sk.asc(), reverse ? sDoc.desc() : sDoc.asc())
                .limit(limit);
    }

    /** The SQL of the first page an index scan would read, with PostgreSQL's plan for it (run if {@code analyze}). */
    public SqlPlan explainIndexPage(CollectionInfo c, SecondaryIndex index, Condition where, Condition onIndexKey,
            boolean reverse, int limit, boolean analyze) {
        return withConnection(conn -> {
            DSLContext dsl = dsl(conn);
            return explained(dsl, indexPageQuery(dsl, c, index, where, onIndexKey, Optional.empty(), reverse, limit), analyze);
        });
    }

    /** The lookup {@link #byKey} runs (as SQL of the same shape), with PostgreSQL's plan for it. */
    public SqlPlan explainByKey(CollectionInfo c, byte[] key, boolean analyze) {
        return withConnection(conn -> {
            DSLContext dsl = dsl(conn);
            Field<byte[]> k = DSL.field(DSL.name(CollectionTable.KEY), SQLDataType.BLOB);
            Field<byte[]> doc = DSL.field(DSL.name(CollectionTable.DOC), SQLDataType.BLOB);
            return explained(dsl, dsl.select(k, doc).from(table(c)).where(k.eq(key)), analyze);
        });
    }

    private static SqlPlan explained(DSLContext dsl, Select<?> query, boolean analyze) {
        String sql = dsl.renderInlined(query);
        String plan = String.valueOf(dsl.fetch(dev.tusk.sql.SqlExplain.of(query, analyze)).get(0).get(0));
        return new SqlPlan(sql, org.bson.BsonArray.parse(plan));
    }

    /** The SQL of the first page a scan would read, with PostgreSQL's plan for it (run if {@code analyze}). */
    public SqlPlan explainPage(CollectionInfo c, Condition where, int limit, boolean analyze) {
        return withConnection(conn -> {
            DSLContext dsl = dsl(conn);
            return explained(dsl, pageQuery(dsl, c, where, Optional.empty(), limit, false), analyze);
        });
    }

    /** The SQL of a {@link #count} with PostgreSQL's plan for it (run if {@code analyze}). */
    public SqlPlan explainCount(CollectionInfo c, Condition where, boolean analyze) {
        return withConnection(conn -> {
            DSLContext dsl = dsl(conn);
            return explained(dsl, dsl.selectCount().from(table(c)).where(where), analyze);
        });
    }

    /** A statement as PostgreSQL sees it (binds inlined, for reading) and its EXPLAIN output. */
    public record SqlPlan(String sql, org.bson.BsonArray plan) {}

    /** How many keys of a secondary index lie in the ranges, counted up to {@code cap + 1} (an index-only probe). */
    public long keysAtMost(SecondaryIndex index, List<dev.tusk.index.KeyRange> ranges, long cap, TimeBudget budget) {
        var keys = RENDER.select(DSL.one()).from(DSL.table(DSL.name(index.schema(), index.storage())).as("s"))
                .where(dev.tusk.sql.IndexSql.onKey("s", ranges)).limit(cap + 1);
        return withBudget(budget, conn -> Jdbc.count(conn, Jdbc.Statement.of(RENDER.selectCount().from(keys.asTable("x")))));
    }

    /**
     * The keys a statement selects, read at once. Not with WholeReadSettings: without sorts PostgreSQL finds a
     * first-by-`_key` row by walking the whole primary key (distinct's first null: 1.6 s instead of 0.2 s).
     */
    public List<byte[]> keys(org.jooq.Select<org.jooq.Record1<byte[]>> select, TimeBudget budget) {
        return withBudget(budget, conn -> Jdbc.firstColumn(conn, Jdbc.Statement.of(select)));
    }

    public long count(CollectionInfo c, Condition where, TimeBudget budget) {
        return withBudget(budget, conn -> WholeReadSettings.apply(conn,
                () -> Jdbc.count(conn, Jdbc.Statement.of(RENDER.selectCount().from(table(c)).where(where)))));
    }

    /**
     * Runs {@code sql} (VACUUM or REINDEX of the tables, which PostgreSQL runs outside a transaction) on each table;
     * returns by how many bytes their files shrank together (0 if they grew).
     */
    public long maintain(String sql, List<String> qualifiedTables) {
        return withConnection(conn -> {
            long before = totalSize(conn, qualifiedTables);
            try (var st = conn.createStatement()) {
                for (String table : qualifiedTables) {
                    st.execute(sql + " " + table);
                }
            }
            return Math.max(0, before - totalSize(conn, qualifiedTables));
        });
    }

    private static long totalSize(Connection conn, List<String> qualifiedTables) throws SQLException {
        long total = 0;
        try (var ps = conn.prepareStatement("SELECT pg_total_relation_size(?::regclass)")) {
            for (String table : qualifiedTables) {
                ps.setString(1, table);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
        }
        return total;
    }

    /** Runs {@code work} in one READ COMMITTED transaction; commits if it returns, rolls back if it throws. */
    public <T> T transaction(TransactionWork<T> work) {
        return withConnection(conn -> {
            conn.setAutoCommit(false);
            try {
                T result = work.run(new Tx(conn));
                conn.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        });
    }

    /**
     * Runs read-only {@code work} in one REPEATABLE READ transaction: every statement sees the same snapshot, as a whole
     * reading of a collection or database (validate, dbHash) needs while writers go on.
     */
    public <T> T snapshot(TransactionWork<T> work) {
        return transaction(tx -> {
            tx.beginSnapshot();
            return work.run(tx);
        });
    }

    /** The body of a transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Tx tx) throws SQLException;
    }

    @FunctionalInterface
    interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs read work within a time budget: in a transaction whose statement_timeout is the remaining
     * budget (57014 then maps to 50 MaxTimeMSExpired); without a limit, in autocommit.
     */
    <T> T withBudget(TimeBudget budget, ConnectionWork<T> work) {
        if (!budget.isLimited()) {
            return withConnection(work);
        }
        long start = System.nanoTime();
        try {
            return withConnection(conn -> {
                conn.setAutoCommit(false);
                try {
                    try (var st = conn.prepareStatement("SELECT set_config('statement_timeout', ?, true)")) {
                        st.setString(1, Long.toString(budget.remainingMillis()));
                        st.execute();
                    }
                    T result = work.run(conn);
                    conn.commit();
                    return result;
                } catch (RuntimeException | SQLException e) {
                    conn.rollback();
                    throw e;
                } finally {
                    conn.setAutoCommit(true);
                }
            });
        } finally {
            budget.charge(start);
        }
    }

    <T> T withConnection(ConnectionWork<T> work) {
        try (Connection conn = dataSource.getConnection()) {
            Runnable detach = Backends.attach(conn);
            try {
                return work.run(conn);
            } finally {
                detach.run();
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, "");
        } catch (org.jooq.exception.DataAccessException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw SqlErrors.translate(sql, e.getMessage());
            }
            throw e;
        }
    }


    /**
     * Cancels what the operation owning {@code backends} runs in PostgreSQL (killOp). Holding the set
     * keeps its backends from being handed back to the pool meanwhile.
     */
    public void cancel(java.util.Set<Integer> backends) {
        synchronized (backends) {
            for (int pid : backends) {
                withConnection(conn -> {
                    try (var st = conn.prepareStatement("SELECT pg_cancel_backend(?)")) {
                        st.setInt(1, pid);
                        st.execute();
                    }
                    return null;
                });
            }
        }
    }

    /** count, data and storage sizes of a collection, and the size of each of its indexes (one statement). */
    public CollectionStats stats(dev.tusk.catalog.CollectionInfo c, java.util.List<SecondaryIndex> indexes) {
        StringBuilder sql = new StringBuilder("SELECT count(*), coalesce(sum(octet_length(doc)), 0), pg_table_size(?::regclass), "
                + "pg_indexes_size(?::regclass)");
        java.util.List<Object> binds = new java.util.ArrayList<>(java.util.List.of(c.qualifiedTable(), c.qualifiedTable()));
        for (SecondaryIndex index : indexes) {
            sql.append(", pg_total_relation_size(?::regclass)");
            binds.add(dev.tusk.naming.IdentifierMapper.qualified(index.schema(), index.storage()));
        }
        sql.append(" FROM ").append(c.qualifiedTable());
        return withConnection(conn -> {
            try (var st = conn.prepareStatement(sql.toString())) {
                for (int i = 0; i < binds.size(); i++) {
                    st.setString(i + 1, (String) binds.get(i));
                }
                try (var rs = st.executeQuery()) {
                    rs.next();
                    java.util.Map<String, Long> sizes = new java.util.LinkedHashMap<>();
                    sizes.put("_id_", rs.getLong(4));
                    for (int i = 0; i < indexes.size(); i++) {
                        sizes.put(indexes.get(i).info().name(), rs.getLong(5 + i));
                    }
                    return new CollectionStats(rs.getLong(1), rs.getLong(2), rs.getLong(3), sizes);
                }
            }
        });
    }
}
