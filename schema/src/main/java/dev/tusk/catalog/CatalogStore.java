package dev.tusk.catalog;

import static dev.tusk.naming.IdentifierMapper.qualified;
import static dev.tusk.naming.IdentifierMapper.quote;

import dev.tusk.error.ErrorCode;
import dev.tusk.naming.IdentifierMapper;
import dev.tusk.storage.CollectionTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/** The catalog's SQL on one connection, inside the caller's transaction. Values bound, identifiers quoted. */
final class CatalogStore {
    /** 'tusk' as the first key of the two-int advisory locks, so Tusk's locks never meet anyone else's. */
    private static final int LOCK_CLASS = 0x7475736b;
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final String SELECT_COLLECTION = """
            SELECT c.db, c.name, d.schema_name, c.table_name, c.uuid, c.options::text, c.q_format
            FROM tusk_catalog.collections c JOIN tusk_catalog.databases d ON d.name = c.db
            """;

    record IndexRow(String name, String pgName) {
    }

    /** Every index of the collection with its spec, `_id_` first, then in creation order. */
    List<IndexInfo> indexInfos(String db, String collection) throws SQLException {
        List<IndexInfo> out = new ArrayList<>();
        try (ResultSet rs = query("""
                SELECT name, pg_name, spec::text, multikey, ready FROM tusk_catalog.indexes WHERE db = ? AND collection = ?
                ORDER BY name <> '_id_', created_at, name""", db, collection)) {
            while (rs.next()) {
                String name = rs.getString(1);
                boolean id = name.equals(CollectionTable.ID_INDEX);
                out.add(new IndexInfo(name, BsonDocument.parse(rs.getString(3)), id ? Optional.empty() : Optional.of(rs.getString(2)),
                        rs.getBoolean(4), rs.getBoolean(5)));
            }
        }
        return out;
    }

    void insertIndex(String db, String collection, String name, String pgName, BsonDocument spec) throws SQLException {
        insertIndex(db, collection, name, pgName, spec, true);
    }

    void insertIndex(String db, String collection, String name, String pgName, BsonDocument spec, boolean ready)
            throws SQLException {
        update("INSERT INTO tusk_catalog.indexes (db, collection, name, pg_name, spec, ready) VALUES (?, ?, ?, ?, ?::json, ?)",
                db, collection, name, pgName, spec.toJson(JSON), ready);
    }

    void markReady(String db, String collection, String name, boolean multikey) throws SQLException {
        update("UPDATE tusk_catalog.indexes SET ready = true, multikey = multikey OR ? WHERE db = ? AND collection = ? AND name = ?",
                multikey, db, collection, name);
    }

    Connection connection() {
        return c;
    }

    void markMultikey(String db, String collection, String name) throws SQLException {
        update("UPDATE tusk_catalog.indexes SET multikey = true WHERE db = ? AND collection = ? AND name = ?", db, collection, name);
    }

    void deleteIndex(String db, String collection, String name) throws SQLException {
        update("DELETE FROM tusk_catalog.indexes WHERE db = ? AND collection = ? AND name = ?", db, collection, name);
    }

    void updateCollectionOptions(String db, String collection, BsonDocument options) throws SQLException {
        update("UPDATE tusk_catalog.collections SET options = ?::json WHERE db = ? AND name = ?", options.toJson(JSON), db, collection);
    }

    void updateIndexSpec(String db, String collection, String name, BsonDocument spec) throws SQLException {
        update("UPDATE tusk_catalog.indexes SET spec = ?::json WHERE db = ? AND collection = ? AND name = ?",
                spec.toJson(JSON), db, collection, name);
    }

    private final Connection c;

    CatalogStore(Connection c) {
        this.c = c;
    }

    /** Serialises DDL per database (case-insensitively, for the DatabaseDifferCase check) until commit. */
    void lockDatabases(String... dbs) throws SQLException {
        List<String> keys = java.util.Arrays.stream(dbs).map(db -> db.toLowerCase(java.util.Locale.ROOT))
                .distinct().sorted().toList();
        for (String key : keys) {
            try (PreparedStatement ps = prepare("SELECT pg_advisory_xact_lock(?, hashtext(?))", LOCK_CLASS, key)) {
                ps.execute(); // held until the transaction ends
            }
        }
    }

    Optional<CollectionInfo> collection(String db, String name) throws SQLException {
        List<CollectionInfo> found = collections(SELECT_COLLECTION + " WHERE c.db = ? AND c.name = ?", db, name);
        return found.stream().findFirst();
    }

    /** Collections (not views) whose query form has untyped numbers (created before migration V7). */
    List<CollectionInfo> untypedCollections() throws SQLException {
        return collections(SELECT_COLLECTION + " WHERE c.q_format < 2 AND c.options->>'viewOn' IS NULL", new Object[0]);
    }

    List<CollectionInfo> collections(String db) throws SQLException {
        return collections(SELECT_COLLECTION + " WHERE c.db = ? ORDER BY c.name", db);
    }

    List<String> databasesWithCollections() throws SQLException {
        return strings("SELECT DISTINCT db FROM tusk_catalog.collections ORDER BY db");
    }

    Optional<String> schemaOf(String db) throws SQLException {
        return strings("SELECT schema_name FROM tusk_catalog.databases WHERE name = ?", db).stream().findFirst();
    }

    /** 13297 DatabaseDifferCase when a database differing only in (ASCII) case has collections. */
    void checkDatabaseCase(String db) throws SQLException {
        List<String> other = strings("SELECT DISTINCT db FROM tusk_catalog.collections WHERE lower(db) = lower(?) AND db <> ?",
                db, db);
        if (!other.isEmpty()) {
            throw ErrorCode.DATABASE_DIFFER_CASE.error("db already exists with different case already have: ["
                    + other.getFirst() + "] trying to create [" + db + "]");
        }
    }

    /** The schema of {@code db}, created (with its catalog row) if needed. */
    String ensureDatabase(String db) throws SQLException {
        Optional<String> existing = schemaOf(db);
        if (existing.isPresent()) {
            return existing.get();
        }
        for (int attempt = 0; ; attempt++) {
            String schema = IdentifierMapper.map(db, attempt);
            boolean taken = !strings("SELECT name FROM tusk_catalog.databases WHERE schema_name = ?", schema).isEmpty()
                    || !strings("SELECT nspname::text FROM pg_namespace WHERE nspname = ?", schema).isEmpty();
            if (!taken) {
                execute("CREATE SCHEMA " + quote(schema));
                update("INSERT INTO tusk_catalog.databases (name, schema_name) VALUES (?, ?)", db, schema);
                return schema;
            }
        }
    }

    /** A table identifier for {@code name} not used by another collection or relation of the schema. */
    String freeTableName(String db, String schema, String name) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            String table = IdentifierMapper.map(name, attempt);
            boolean taken = !strings("SELECT name FROM tusk_catalog.collections WHERE db = ? AND table_name = ?", db, table)
                    .isEmpty() || relationExists(schema, table);
            if (!taken) {
                return table;
            }
        }
    }

    boolean relationExists(String schema, String relation) throws SQLException {
        return !strings("""
                SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ?""", schema, relation).isEmpty();
    }

    CollectionInfo createTable(String db, String name, String schema, String table, BsonDocument options)
            throws SQLException {
        String pk = IdentifierMapper.indexName(table, CollectionTable.ID_INDEX);
        execute(CollectionTable.createTableSql(schema, table, pk));
        UUID uuid = UUID.randomUUID();
        update("INSERT INTO tusk_catalog.collections (db, name, table_name, uuid, options) VALUES (?, ?, ?, ?, ?::json)",
                db, name, table, uuid, options.toJson(JSON));
        BsonDocument spec = new BsonDocument("v", new org.bson.BsonInt32(2))
                .append("key", new BsonDocument("_id", new org.bson.BsonInt32(1)))
                .append("name", new org.bson.BsonString(CollectionTable.ID_INDEX));
        if (options.isDocument("clusteredIndex")) { // listed under the name it was given, as MongoDB lists a clustered index
            spec = options.getDocument("clusteredIndex").clone().append("clustered", org.bson.BsonBoolean.TRUE);
        }
        update("INSERT INTO tusk_catalog.indexes (db, collection, name, pg_name, spec) VALUES (?, ?, ?, ?, ?::json)",
                db, name, CollectionTable.ID_INDEX, pk, spec.toJson(JSON));
        CollectionInfo info = new CollectionInfo(db, name, schema, table, uuid, options);
        if (info.capped()) {
            makeCapped(info);
        }
        return info;
    }

    /** Adds a capped collection's `_seq` column, its triggers and its usage row (counting the rows already there). */
    void makeCapped(CollectionInfo info) throws SQLException {
        execute(CollectionTable.cappedSql(info.schemaName(), info.tableName(), seqIndexName(info.tableName())));
        update("INSERT INTO tusk_catalog.capped_usage (uuid, documents, bytes) SELECT ?, count(*), coalesce(sum(octet_length(doc)), 0) FROM "
                + qualified(info.schemaName(), info.tableName()), info.uuid());
    }

    static String seqIndexName(String table) {
        return IdentifierMapper.indexName(table, CollectionTable.SEQ_INDEX);
    }

    /**
     * A view's row. It has no table; its table_name is {@code $view$<name>}, unique in the database
     * and never a real table's (table names never contain {@code $}), so the catalog's constraints hold.
     */
    CollectionInfo insertView(String db, String name, String schema, BsonDocument options) throws SQLException {
        String table = "$view$" + name;
        UUID uuid = UUID.randomUUID();
        update("INSERT INTO tusk_catalog.collections (db, name, table_name, uuid, options) VALUES (?, ?, ?, ?, ?::json)",
                db, name, table, uuid, options.toJson(JSON));
        return new CollectionInfo(db, name, schema, table, uuid, options);
    }

    void dropTable(CollectionInfo info) throws SQLException {
        if (info.isView()) {
            update("DELETE FROM tusk_catalog.collections WHERE db = ? AND name = ?", info.db(), info.name());
            return;
        }
        for (IndexInfo index : indexInfos(info.db(), info.name())) {
            if (index.storage().isPresent()) {
                execute("DROP TABLE IF EXISTS " + qualified(info.schemaName(), index.storage().get()));
            }
        }
        execute("DROP TABLE IF EXISTS " + qualified(info.schemaName(), info.tableName()));
        update("DELETE FROM tusk_catalog.collections WHERE db = ? AND name = ?", info.db(), info.name());
    }

    void dropSchema(String db, String schema) throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
        update("DELETE FROM tusk_catalog.databases WHERE name = ?", db);
    }

    List<IndexRow> indexes(String db, String collection) throws SQLException {
        List<IndexRow> rows = new ArrayList<>();
        try (ResultSet rs = query("SELECT name, pg_name FROM tusk_catalog.indexes WHERE db = ? AND collection = ? ORDER BY name",
                db, collection)) {
            while (rs.next()) {
                rows.add(new IndexRow(rs.getString(1), rs.getString(2)));
            }
        }
        return rows;
    }

    long sizeBytes(String db) throws SQLException {
        try (ResultSet rs = query("""
                SELECT coalesce(sum(pg_total_relation_size(to_regclass(format('%I.%I', d.schema_name, c.table_name)))), 0)
                FROM tusk_catalog.collections c JOIN tusk_catalog.databases d ON d.name = c.db WHERE c.db = ?""", db)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The side table's (k, _key) b-trees: two key columns, not unique (the `_key` one has one column). */
    List<String> nonUniqueKeyIndexes(String schema, String table) throws SQLException {
        return strings("""
                SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND i.indnkeyatts = 2 AND NOT i.indisunique""",
                schema, table);
    }

    void execute(String ddl) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(ddl);
        }
    }

    int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(sql, params)) {
            return ps.executeUpdate();
        }
    }

    private List<CollectionInfo> collections(String sql, Object... params) throws SQLException {
        List<CollectionInfo> found = new ArrayList<>();
        try (ResultSet rs = query(sql, params)) {
            while (rs.next()) {
                found.add(new CollectionInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, UUID.class), BsonDocument.parse(rs.getString(6)), rs.getInt(7) >= 2));
            }
        }
        return found;
    }

    private List<String> strings(String sql, Object... params) throws SQLException {
        List<String> found = new ArrayList<>();
        try (ResultSet rs = query(sql, params)) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    /** The result set closes its statement (closeOnCompletion). */
    private ResultSet query(String sql, Object... params) throws SQLException {
        PreparedStatement ps = prepare(sql, params);
        ps.closeOnCompletion();
        return ps.executeQuery();
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}
