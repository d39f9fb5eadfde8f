package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.InsertValuesStep3;
import org.jooq.impl.DSL;
import org.jooq.JSONB;

/** The operations available inside one transaction. */
public final class Tx {
    private static final int SCAN_PAGE = 1000;
    private final Connection connection;

    Tx(Connection connection) {
        this.connection = connection;
    }

    /** Rows matching {@code where} after {@code afterKey}, locked FOR UPDATE, in `_key` order. */
    public List<Row> lockPage(CollectionInfo c, Condition where, Optional<byte[]> afterKey, int limit) {
        return Jdbc.rows(connection, Jdbc.Statement.of(DocumentStore.RENDER
                .select(DocumentStore.KEY, DocumentStore.DOC).from(DocumentStore.table(c))
                .where(where).and(afterKey.map(DocumentStore.KEY::gt).orElse(DSL.noCondition()))
                .orderBy(DocumentStore.KEY).limit(limit).forUpdate()));
    }

    /** Makes this (not yet used) transaction a read-only REPEATABLE READ one: one snapshot for all its statements. */
    void beginSnapshot() {
        Jdbc.update(connection, Jdbc.Statement.of("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
    }

    /** Hands every row of the collection to {@code work}, in `_key` order, a page of 1,000 (not locked) at a time. */
    public void scan(CollectionInfo c, java.util.function.Consumer<List<Row>> work) {
        Optional<byte[]> after = Optional.empty();
        while (true) {
            List<Row> page = Jdbc.rows(connection, Jdbc.Statement.of(DocumentStore.pageQuery(DocumentStore.RENDER, c,
                    DSL.trueCondition(), after, SCAN_PAGE, false)));
            work.accept(page);
            if (page.size() < SCAN_PAGE) {
                return;
            }
            after = Optional.of(page.get(page.size() - 1).key());
        }
    }

    /** The row with this key, locked FOR UPDATE, if it still exists. */
    public Optional<Row> lockByKey(CollectionInfo c, byte[] key) {
        return Jdbc.rows(connection, Jdbc.Statement.of(
                "SELECT _key, doc FROM " + c.qualifiedTable() + " WHERE _key = ? FOR UPDATE", (Object) key)).stream().findFirst();
    }

    /**
     * Inserts documents, skipping any whose key (or another unique value) already exists.
     *
     * @return the keys actually inserted
     */
    public Set<java.nio.ByteBuffer> insert(CollectionInfo c, List<StoredDocument> docs) {
        Set<java.nio.ByteBuffer> inserted = new HashSet<>();
        final int chunk = 5000;
        for (int from = 0; from < docs.size(); from += chunk) {
            List<StoredDocument> part = docs.subList(from, Math.min(docs.size(), from + chunk));
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(c.qualifiedTable()).append(" (_key, doc, q) VALUES ");
            List<Object> binds = new ArrayList<>(part.size() * 3);
            for (StoredDocument d : part) {
                sql.append(binds.isEmpty() ? "" : ", ").append("(?, ?, ?::jsonb)");
                binds.add(d.key());
                binds.add(d.bson());
                binds.add(d.queryJson());
            }
            sql.append(" ON CONFLICT DO NOTHING RETURNING _key");
            for (byte[] key : Jdbc.firstColumn(connection, new Jdbc.Statement(sql.toString(), binds))) {
                inserted.add(java.nio.ByteBuffer.wrap(key));
            }
        }
        return inserted;
    }

    /** Replaces the stored document with the given key (its `_id` is unchanged). */
    public void replace(CollectionInfo c, StoredDocument d) {
        Jdbc.update(connection, Jdbc.Statement.of("UPDATE " + c.qualifiedTable() + " SET doc = ?, q = ?::jsonb WHERE _key = ?",
                d.bson(), d.queryJson(), d.key()));
    }

    /** Replaces the document if its row is still at {@code version} (xmin); false if another write came first. */
    public boolean replaceIfUnchanged(CollectionInfo c, String version, StoredDocument d) {
        return Jdbc.update(connection, Jdbc.Statement.of("UPDATE " + c.qualifiedTable()
                + " SET doc = ?, q = ?::jsonb WHERE _key = ? AND xmin = ?::xid", d.bson(), d.queryJson(), d.key(), version)) == 1;
    }

    public int delete(CollectionInfo c, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        List<org.jooq.Field<byte[]>> values = new ArrayList<>();
        keys.forEach(k -> values.add(DSL.val(k)));
        return Jdbc.update(connection, Jdbc.Statement.of(DocumentStore.RENDER.deleteFrom(DocumentStore.table(c))
                .where(DocumentStore.KEY.in(values))));
    }

    /** Deletes every row matching an exact condition; returns the deleted rows' keys. */
    public List<byte[]> deleteWhere(CollectionInfo c, Condition where) {
        return Jdbc.firstColumn(connection, Jdbc.Statement.of(DocumentStore.RENDER.deleteFrom(DocumentStore.table(c))
                .where(where).returning(DocumentStore.KEY)));
    }

    /**
     * Copies every document of {@code from} into the empty {@code to} in {@code from}'s natural order
     * (insertion order when it is capped, else `_key` order, the order an unsorted find returns), so a
     * capped target numbers them in that order. Returns the number copied.
     */
    public int copyAll(CollectionInfo from, CollectionInfo to) {
        String order = from.capped() ? dev.tusk.storage.CollectionTable.SEQ : "_key"; // plain lower-case names
        return Jdbc.update(connection, Jdbc.Statement.of("INSERT INTO " + to.qualifiedTable() + " (_key, doc, q) SELECT _key, doc, q FROM "
                + from.qualifiedTable() + " ORDER BY " + order));
    }

    /** Writes a row's query form again, if its document is still {@code bson} (a write since then wrote its own). */
    void rewriteQueryForm(CollectionInfo c, byte[] key, byte[] bson, String queryJson) {
        Jdbc.update(connection, Jdbc.Statement.of("UPDATE " + c.qualifiedTable() + " SET q = ?::jsonb WHERE _key = ? AND doc = ?",
                queryJson, key, bson));
    }

    /** A capped collection's counters (documents, bytes), as its triggers keep them; this transaction's writes included. */
    long[] cappedUsage(CollectionInfo c) {
        return Jdbc.longs(connection, Jdbc.Statement.of(
                "SELECT documents, bytes FROM tusk_catalog.capped_usage WHERE uuid = ?", c.uuid())).get(0);
    }

    /** Up to {@code limit} (_seq, BSON size) pairs of a capped collection's oldest documents after {@code afterSeq}. */
    List<long[]> oldest(CollectionInfo c, long afterSeq, int limit) {
        return Jdbc.longs(connection, Jdbc.Statement.of("SELECT _seq, octet_length(doc) FROM " + c.qualifiedTable()
                + " WHERE _seq > ? ORDER BY _seq LIMIT ?", afterSeq, limit));
    }

    /** Deletes a capped collection's documents up to and including {@code seq}; returns their keys. */
    List<byte[]> deleteThroughSeq(CollectionInfo c, long seq) {
        return Jdbc.firstColumn(connection, Jdbc.Statement.of(
                "DELETE FROM " + c.qualifiedTable() + " WHERE _seq <= ? RETURNING _key", seq));
    }

    /** Thrown when a unique secondary index already holds one of the keys being inserted. */
    public static final class IndexConflict extends RuntimeException {
        private final SecondaryIndex index;

        IndexConflict(SecondaryIndex index, Throwable cause) {
            super("duplicate key in " + index.info().name(), cause, false, false);
            this.index = index;
        }

        public SecondaryIndex index() {
            return index;
        }
    }

    /** Adds a document's keys to an index; {@link IndexConflict} if a unique index has one already. */
    public void insertIndexKeys(SecondaryIndex index, byte[] docKey, Set<java.nio.ByteBuffer> keys) {
        insertIndexKeys(index, docKey, keys, keys);
    }

    /**
     * Adds a document's keys, of which {@code added} are new to it; an index with prepareUnique refuses an added key
     * that another document holds ({@link IndexConflict}), while duplicates from before stay, as on MongoDB.
     */
    public void insertIndexKeys(SecondaryIndex index, byte[] docKey, Set<java.nio.ByteBuffer> keys, Set<java.nio.ByteBuffer> added) {
        if (index.info().prepareUnique() && !index.info().unique() && !added.isEmpty()) {
            refuseSharedKeys(index, docKey, added);
        }
        List<byte[][]> rows = new ArrayList<>(keys.size());
        for (java.nio.ByteBuffer k : keys) {
            rows.add(new byte[][] {bytes(k), docKey});
        }
        insertIndexRows(index, rows);
    }

    /** Adds (key, document key) rows to an index in multi-row INSERTs. */
    public void insertIndexRows(SecondaryIndex index, List<byte[][]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        java.sql.Savepoint savepoint = index.info().unique() ? savepoint() : null;
        try {
            for (int from = 0; from < rows.size(); from += 10_000) {
                List<byte[][]> part = rows.subList(from, Math.min(rows.size(), from + 10_000));
                StringBuilder sql = new StringBuilder("INSERT INTO ")
                        .append(dev.tusk.naming.IdentifierMapper.qualified(index.schema(), index.storage()))
                        .append(" (k, _key) VALUES ");
                List<Object> binds = new ArrayList<>(part.size() * 2);
                for (byte[][] row : part) {
                    sql.append(binds.isEmpty() ? "" : ", ").append("(?, ?)");
                    binds.add(row[0]);
                    binds.add(row[1]);
                }
                Jdbc.update(connection, new Jdbc.Statement(sql.toString(), binds));
            }
        } catch (org.jooq.exception.DataAccessException e) {
            if ("23505".equals(e.sqlState()) && savepoint != null) {
                rollbackTo(savepoint);
                throw new IndexConflict(index, e);
            }
            throw e;
        }
    }

    /**
     * Without a unique b-tree to decide, writers of the same key are serialised by an advisory lock on it (held to the
     * end of the transaction, taken in key order), so a check sees every committed holder of the key.
     */
    private void refuseSharedKeys(SecondaryIndex index, byte[] docKey, Set<java.nio.ByteBuffer> added) {
        List<byte[]> keys = new ArrayList<>(added.size());
        added.forEach(k -> keys.add(bytes(k)));
        long[] locks = keys.stream().mapToLong(k -> lockKey(index.storage(), k)).sorted().distinct().toArray();
        StringBuilder locking = new StringBuilder("SELECT ");
        for (int i = 0; i < locks.length; i++) {
            locking.append(i == 0 ? "" : ", ").append("pg_advisory_xact_lock(?)"); // evaluated left to right
        }
        String table = dev.tusk.naming.IdentifierMapper.qualified(index.schema(), index.storage());
        String holders = "SELECT 1 FROM " + table + " WHERE k = ANY (?) AND _key <> ? LIMIT 1";
        try (var lock = connection.prepareStatement(locking.toString()); var check = connection.prepareStatement(holders)) {
            for (int i = 0; i < locks.length; i++) {
                lock.setLong(i + 1, locks[i]);
            }
            lock.execute();
            check.setArray(1, connection.createArrayOf("bytea", keys.toArray(new byte[0][])));
            check.setBytes(2, docKey);
            try (var rs = check.executeQuery()) {
                if (rs.next()) {
                    throw new IndexConflict(index, null);
                }
            }
        } catch (java.sql.SQLException e) {
            throw SqlErrors.translate(e, holders);
        }
    }

    /** A 64-bit FNV-1a hash of the side table's name and the key: PostgreSQL's one-bigint advisory lock space. */
    private static long lockKey(String storage, byte[] key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : storage.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ 0xff) * 0x100000001b3L; // a separator no UTF-8 name byte equals
        for (byte b : key) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /** Groups of documents (their `_key`s) that share a key of the index, at most {@code limit} groups. */
    public List<List<byte[]>> sharedKeys(SecondaryIndex index, int limit) {
        String sql = "SELECT array_agg(_key ORDER BY _key) FROM " + dev.tusk.naming.IdentifierMapper.qualified(index.schema(), index.storage())
                + " GROUP BY k HAVING count(*) > 1 ORDER BY 1 LIMIT " + limit;
        List<List<byte[]>> out = new ArrayList<>();
        try (java.sql.Statement st = connection.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Object[] keys = (Object[]) rs.getArray(1).getArray();
                List<byte[]> group = new ArrayList<>(keys.length);
                for (Object k : keys) {
                    group.add((byte[]) k);
                }
                out.add(group);
            }
        } catch (java.sql.SQLException e) {
            throw SqlErrors.translate(e, sql);
        }
        return out;
    }

    /** The keys an index holds for these documents, per document `_key`. */
    public java.util.Map<ByteBuffer, Set<ByteBuffer>> indexKeysOf(SecondaryIndex index, List<byte[]> docKeys) {
        String sql = "SELECT _key, k FROM " + dev.tusk.naming.IdentifierMapper.qualified(index.schema(), index.storage())
                + " WHERE _key = ANY (?)";
        java.util.Map<ByteBuffer, Set<ByteBuffer>> out = new java.util.HashMap<>();
        try (var ps = connection.prepareStatement(sql)) {
            ps.setArray(1, connection.createArrayOf("bytea", docKeys.toArray(new byte[0][])));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(ByteBuffer.wrap(rs.getBytes(1)), d -> new java.util.HashSet<>()).add(ByteBuffer.wrap(rs.getBytes(2)));
                }
            }
        } catch (java.sql.SQLException e) {
            throw SqlErrors.translate(e, sql);
        }
        return out;
    }

    /** The rows of an index's side table. */
    public long indexRowCount(SecondaryIndex index) {
        return Jdbc.count(connection, Jdbc.Statement.of("SELECT count(*) FROM "
                + dev.tusk.naming.IdentifierMapper.qualified(index.schema(), index.storage())));
    }

    /** Of these documents (`_key`s with the query form their BSON gives), those whose stored `q` differs. */
    public Set<ByteBuffer> queryFormMismatches(CollectionInfo c, List<byte[]> keys, List<String> forms) {
        String sql = "SELECT x.k FROM unnest(?::bytea[], ?::text[]) AS x(k, j) JOIN " + c.qualifiedTable()
                + " t ON t._key = x.k WHERE t.q IS DISTINCT FROM x.j::jsonb";
        Set<ByteBuffer> out = new java.util.HashSet<>();
        try (var ps = connection.prepareStatement(sql)) {
            ps.setArray(1, connection.createArrayOf("bytea", keys.toArray(new byte[0][])));
            ps.setArray(2, connection.createArrayOf("text", forms.toArray(new String[0])));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ByteBuffer.wrap(rs.getBytes(1)));
                }
            }
        } catch (java.sql.SQLException e) {
            throw SqlErrors.translate(e, sql);
        }
        return out;
    }

    /** Which of these keys the index already holds (with the document they point at). */
    public List<Row> indexEntries(SecondaryIndex index, List<byte[]> keys) {
        var k = DSL.field(DSL.name(dev.tusk.storage.IndexTable.KEY), byte[].class);
        var doc = DSL.field(DSL.name(dev.tusk.storage.IndexTable.DOC_KEY), byte[].class);
        List<org.jooq.Field<byte[]>> values = new ArrayList<>();
        keys.forEach(key -> values.add(DSL.val(key)));
        return Jdbc.rows(connection, Jdbc.Statement.of(DocumentStore.RENDER.select(k, doc)
                .from(DSL.table(DSL.name(index.schema(), index.storage()))).where(k.in(values))));
    }

    /** Removes every key of these documents from an index. */
    public void deleteIndexKeys(SecondaryIndex index, List<byte[]> docKeys) {
        if (docKeys.isEmpty()) {
            return;
        }
        var doc = DSL.field(DSL.name(dev.tusk.storage.IndexTable.DOC_KEY), byte[].class);
        List<org.jooq.Field<byte[]>> values = new ArrayList<>();
        docKeys.forEach(key -> values.add(DSL.val(key)));
        Jdbc.update(connection, Jdbc.Statement.of(DocumentStore.RENDER.deleteFrom(DSL.table(DSL.name(index.schema(), index.storage())))
                .where(doc.in(values))));
    }

    /** Refreshes the planner statistics of a table (allowed inside a transaction, unlike VACUUM). */
    public void analyze(String schema, String table) {
        DocumentStore.dsl(connection).execute("ANALYZE " + dev.tusk.naming.IdentifierMapper.qualified(schema, table));
    }

    /** Starts a point to roll back to without losing the transaction's earlier work. */
    public java.sql.Savepoint savepoint() {
        try {
            return connection.setSavepoint();
        } catch (java.sql.SQLException e) {
            throw SqlErrors.translate(e, "SAVEPOINT");
        }
    }

    public void rollbackTo(java.sql.Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
        } catch (java.sql.SQLException e) {
            throw SqlErrors.translate(e, "ROLLBACK TO SAVEPOINT");
        }
    }

    static byte[] bytes(java.nio.ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static org.jooq.Field<JSONB> jsonb(String json) {
        return DSL.val(JSONB.jsonb(json));
    }

    /** Undoes everything done in this transaction so far; the transaction then commits nothing. */
    public void rollback() {
        try {
            connection.rollback();
        } catch (java.sql.SQLException e) {
            throw SqlErrors.translate(e, "ROLLBACK");
        }
    }
}
