package dev.tusk.catalog;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.naming.IdentifierMapper;
import dev.tusk.naming.NameRules;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.bson.BsonDocument;
import org.flywaydb.core.Flyway;

/**
 * Which MongoDB databases and collections exist and where their data lives. Every change (schema,
 * table and catalog rows) is one transaction, serialised per database by an advisory lock, so
 * concurrent creators of one collection see each other instead of failing. Lookups are cached;
 * the cache forgets what this catalog's own DDL changes.
 */
public final class Catalog {
    /** How many views a read may pass through before reaching a collection (MongoDB's limit). */
    public static final int MAX_VIEW_DEPTH = 20;

    private final DataSource dataSource;
    private final Map<String, CollectionInfo> cache = new ConcurrentHashMap<>();
    private final Map<String, List<IndexInfo>> indexCache = new ConcurrentHashMap<>();

    public Catalog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates or upgrades the catalog schema ({@code tusk_catalog}, Flyway history included). Idempotent. */
    public void migrate() {
        Flyway.configure(Catalog.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(IdentifierMapper.CATALOG_SCHEMA)
                .defaultSchema(IdentifierMapper.CATALOG_SCHEMA)
                .table("flyway_schema_history")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        cache.clear();
        indexCache.clear();
    }

    /** The collection's indexes, `_id_` first, then in creation order. */
    public List<IndexInfo> indexes(CollectionInfo c) {
        List<IndexInfo> cached = indexCache.get(key(c.db(), c.name()));
        if (cached != null) {
            return cached;
        }
        List<IndexInfo> found = List.copyOf(read(store -> store.indexInfos(c.db(), c.name())));
        indexCache.put(key(c.db(), c.name()), found);
        return found;
    }

    /** Fills a new index inside the transaction that creates it; returns whether it came out multikey. */
    @FunctionalInterface
    public interface IndexFiller {
        boolean fill(Connection connection, IndexInfo index) throws SQLException;
    }

    /**
     * Creates a secondary index (its side table and catalog row) named spec.name and fills it, all in
     * one transaction, so no reader ever sees a half-built index. The caller validated the spec.
     * 85 IndexOptionsConflict if the name is taken.
     */
    public IndexInfo createIndex(CollectionInfo c, BsonDocument spec, IndexFiller filler) {
        String name = spec.getString("name").getValue();
        try {
            return transaction(store -> {
                IndexInfo created = createEmpty(store, c, spec, true);
                if (filler.fill(store.connection(), created)) {
                    store.markMultikey(c.db(), c.name(), name);
                    return new IndexInfo(name, spec, created.storage(), true);
                }
                return created;
            });
        } finally {
            indexCache.remove(key(c.db(), c.name()));
        }
    }

    /**
     * Starts building an index while writes go on: its empty side table and a catalog row that is not
     * ready (writers maintain it, queries ignore it) are committed at once; the builder fills it and
     * calls {@link #finishIndexBuild}, or drops it if the build fails.
     */
    public IndexInfo startIndexBuild(CollectionInfo c, BsonDocument spec) {
        try {
            return transaction(store -> createEmpty(store, c, spec, false));
        } finally {
            indexCache.remove(key(c.db(), c.name()));
        }
    }

    /** Makes a built index ready for queries (and multikey if its build found arrays). */
    public void finishIndexBuild(CollectionInfo c, String name, boolean multikey) {
        try {
            transaction(store -> {
                store.markReady(c.db(), c.name(), name, multikey);
                return null;
            });
        } finally {
            indexCache.remove(key(c.db(), c.name()));
        }
    }

    private static IndexInfo createEmpty(CatalogStore store, CollectionInfo c, BsonDocument spec, boolean ready) throws SQLException {
        String name = spec.getString("name").getValue();
        store.lockDatabases(c.db());
        if (store.indexInfos(c.db(), c.name()).stream().anyMatch(i -> i.name().equals(name))) {
            throw ErrorCode.INDEX_OPTIONS_CONFLICT.error("An index with name '" + name + "' already exists");
        }
        String storage = IdentifierMapper.indexName(c.tableName(), name);
        // The side table's own indexes get names no rename can ever make collide.
        String suffix = UUID.randomUUID().toString();
        boolean unique = new IndexInfo(name, spec, Optional.of(storage), false).unique();
        store.execute(dev.tusk.storage.IndexTable.createTableSql(c.schemaName(), storage));
        store.execute(dev.tusk.storage.IndexTable.createKeyIndexSql(c.schemaName(), storage,
                IdentifierMapper.indexName(c.tableName(), name + "\0k\0" + suffix), unique));
        store.execute(dev.tusk.storage.IndexTable.createDocIndexSql(c.schemaName(), storage,
                IdentifierMapper.indexName(c.tableName(), name + "\0d\0" + suffix)));
        store.insertIndex(c.db(), c.name(), name, storage, spec, ready);
        return new IndexInfo(name, spec, Optional.of(storage), false, ready);
    }

    /** Drops a secondary index (its side table and catalog row); false if there is no such index. */
    public boolean dropIndex(CollectionInfo c, String name) {
        try {
            return transaction(store -> {
                store.lockDatabases(c.db());
                Optional<IndexInfo> index = store.indexInfos(c.db(), c.name()).stream()
                        .filter(i -> i.name().equals(name) && !i.isIdIndex()).findFirst();
                if (index.isEmpty()) {
                    return false;
                }
                store.execute("DROP TABLE IF EXISTS " + IdentifierMapper.qualified(c.schemaName(), index.get().storage().get()));
                store.deleteIndex(c.db(), c.name(), name);
                return true;
            });
        } finally {
            indexCache.remove(key(c.db(), c.name()));
        }
    }

    /** Records (in its own committed transaction) that an index is multikey; idempotent. */
    public void markMultikey(CollectionInfo c, String name) {
        try {
            transaction(store -> {
                store.markMultikey(c.db(), c.name(), name);
                return null;
            });
        } finally {
            indexCache.remove(key(c.db(), c.name()));
        }
    }

    /** Replaces a collection's options (collMod: validator, validationLevel, validationAction). */
    public CollectionInfo updateOptions(CollectionInfo c, BsonDocument options) {
        try {
            transaction(store -> {
                store.updateCollectionOptions(c.db(), c.name(), options);
                return null;
            });
        } finally {
            cache.remove(key(c.db(), c.name()));
        }
        return collection(c.db(), c.name()).orElseThrow();
    }

    /**
     * Makes an existing collection capped (convertToCapped): its rows are numbered in their current
     * physical order and its options become {@code options}; the caller then trims it to its limits.
     */
    public CollectionInfo convertToCapped(CollectionInfo c, BsonDocument options) {
        try {
            transaction(store -> {
                store.lockDatabases(c.db());
                store.updateCollectionOptions(c.db(), c.name(), options);
                store.makeCapped(new CollectionInfo(c.db(), c.name(), c.schemaName(), c.tableName(), c.uuid(), options, c.typedNumbers()));
                return null;
            });
        } finally {
            cache.remove(key(c.db(), c.name()));
        }
        return collection(c.db(), c.name()).orElseThrow();
    }

    /** Records that a collection's query form has plain numbers (it holds rows copied from a collection older than V7). */
    public CollectionInfo markPlainNumbers(CollectionInfo c) {
        return setQueryFormat(c, 1);
    }

    /** Records that every row of a collection has a query form with typed numbers. */
    public CollectionInfo markTypedNumbers(CollectionInfo c) {
        return setQueryFormat(c, 2);
    }

    private CollectionInfo setQueryFormat(CollectionInfo c, int format) {
        try {
            transaction(store -> store.update("UPDATE tusk_catalog.collections SET q_format = ? WHERE db = ? AND name = ?",
                    format, c.db(), c.name()));
        } finally {
            cache.remove(key(c.db(), c.name()));
        }
        return collection(c.db(), c.name()).orElseThrow();
    }

    /** Replaces the stored spec of an index (collMod: hidden, expireAfterSeconds). */
    public void updateIndexSpec(CollectionInfo c, String name, BsonDocument spec) {
        try {
            transaction(store -> {
                store.updateIndexSpec(c.db(), c.name(), name, spec);
                return null;
            });
        } finally {
            indexCache.remove(key(c.db(), c.name()));
        }
    }

    /**
     * Makes a secondary index unique (collMod's conversion): its side table's (k, _key) b-tree is replaced by
     * {@code UNIQUE (k) INCLUDE (_key)}, and its spec becomes {@code spec}, in one transaction; the build waits for
     * writers in flight and holds new ones back until the commit. 359 CannotConvertIndexToUnique (nothing changed)
     * if two documents share a key.
     */
    public void makeIndexUnique(CollectionInfo c, IndexInfo index, BsonDocument spec) {
        try {
            transaction(store -> {
                store.lockDatabases(c.db());
                String storage = index.storage().orElseThrow();
                List<String> old = store.nonUniqueKeyIndexes(c.schemaName(), storage);
                try {
                    store.execute(dev.tusk.storage.IndexTable.createKeyIndexSql(c.schemaName(), storage,
                            IdentifierMapper.indexName(c.tableName(), index.name() + "\0k\0" + UUID.randomUUID()), true));
                } catch (SQLException e) {
                    if ("23505".equals(e.getSQLState())) {
                        throw ErrorCode.CANNOT_CONVERT_INDEX_TO_UNIQUE.error(
                                "Cannot convert the index to unique. Please resolve conflicting documents before running collMod again.");
                    }
                    throw e;
                }
                for (String name : old) {
                    store.execute("DROP INDEX " + IdentifierMapper.qualified(c.schemaName(), name));
                }
                store.updateIndexSpec(c.db(), c.name(), index.name(), spec);
                return null;
            });
        } finally {
            indexCache.remove(key(c.db(), c.name()));
        }
    }

    public Optional<CollectionInfo> collection(String db, String coll) {
        CollectionInfo cached = cache.get(key(db, coll));
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<CollectionInfo> found = read(store -> store.collection(db, coll));
        found.ifPresent(info -> cache.put(key(db, coll), info));
        return found;
    }

    /**
     * Creates {@code db.coll} (and its database) unless it exists. An existing collection is
     * returned as it is when {@code failIfExists} is false, else 48 NamespaceExists.
     */
    public CollectionInfo createCollection(String db, String coll, BsonDocument options, boolean failIfExists) {
        NameRules.validateCollectionName(db, coll);
        CollectionInfo info = transaction(store -> {
            store.lockDatabases(db);
            Optional<CollectionInfo> existing = store.collection(db, coll);
            if (existing.isPresent()) {
                if (failIfExists) {
                    throw ErrorCode.NAMESPACE_EXISTS.error("Collection " + db + "." + coll + " already exists.");
                }
                return existing.get().requireCollection();
            }
            store.checkDatabaseCase(db);
            String schema = store.ensureDatabase(db);
            return store.createTable(db, coll, schema, store.freeTableName(db, schema, coll), options);
        });
        cache.put(key(db, coll), info);
        return info;
    }

    /**
     * Records the view {@code db.name} (options {viewOn, pipeline}, already validated): a catalog row
     * without a table. 48 NamespaceExists if the name is taken; the viewOn chain must end within
     * {@link #MAX_VIEW_DEPTH} views and never come back to this one.
     */
    public CollectionInfo createView(String db, String name, BsonDocument options) {
        NameRules.validateCollectionName(db, name);
        CollectionInfo info = transaction(store -> {
            store.lockDatabases(db);
            if (store.collection(db, name).isPresent()) {
                throw ErrorCode.NAMESPACE_EXISTS.error("Collection " + db + "." + name + " already exists.");
            }
            checkViewChain(store, db, name, options.getString(CollectionInfo.VIEW_ON).getValue());
            store.checkDatabaseCase(db);
            return store.insertView(db, name, store.ensureDatabase(db), options);
        });
        cache.put(key(db, name), info);
        return info;
    }

    /** Replaces a view's viewOn and pipeline (collMod), with the same chain checks as {@link #createView}. */
    public CollectionInfo updateView(CollectionInfo view, BsonDocument options) {
        try {
            transaction(store -> {
                store.lockDatabases(view.db());
                checkViewChain(store, view.db(), view.name(), options.getString(CollectionInfo.VIEW_ON).getValue());
                store.updateCollectionOptions(view.db(), view.name(), options);
                return null;
            });
        } finally {
            cache.remove(key(view.db(), view.name()));
        }
        return collection(view.db(), view.name()).orElseThrow();
    }

    /** 165 ViewDepthLimitExceeded: a viewOn chain longer than {@link #MAX_VIEW_DEPTH}. */
    public static MongoServerException viewDepthExceeded() {
        return ErrorCode.VIEW_DEPTH_LIMIT_EXCEEDED.error("View depth too deep or view cycle detected. Maximum depth is " + MAX_VIEW_DEPTH);
    }

    private static void checkViewChain(CatalogStore store, String db, String name, String viewOn) throws SQLException {
        List<String> chain = new java.util.ArrayList<>(List.of(db + "." + name));
        String next = viewOn;
        while (true) {
            chain.add(db + "." + next);
            if (next.equals(name)) {
                throw ErrorCode.GRAPH_CONTAINS_CYCLE.error("View cycle detected: [" + String.join(" => ", chain) + "]");
            }
            Optional<CollectionInfo> on = store.collection(db, next);
            if (on.isEmpty() || !on.get().isView()) {
                return;
            }
            if (chain.size() > MAX_VIEW_DEPTH) {
                throw viewDepthExceeded();
            }
            next = on.get().viewOn();
        }
    }

    /** Drops {@code db.coll}; false when it did not exist. */
    public boolean dropCollection(String db, String coll) {
        try {
            return transaction(store -> {
                store.lockDatabases(db);
                Optional<CollectionInfo> existing = store.collection(db, coll);
                if (existing.isEmpty()) {
                    return false;
                }
                store.dropTable(existing.get());
                return true;
            });
        } finally {
            cache.remove(key(db, coll));
            indexCache.remove(key(db, coll));
        }
    }

    /** Drops the database's schema with all its tables; false when the database did not exist. */
    public boolean dropDatabase(String db) {
        try {
            return transaction(store -> {
                store.lockDatabases(db);
                Optional<String> schema = store.schemaOf(db);
                if (schema.isEmpty()) {
                    return false;
                }
                boolean hadCollections = !store.collections(db).isEmpty();
                store.dropSchema(db, schema.get());
                return hadCollections;
            });
        } finally {
            cache.keySet().removeIf(k -> k.startsWith(db + "\0"));
            indexCache.keySet().removeIf(k -> k.startsWith(db + "\0"));
        }
    }

    /** Databases that have at least one collection, in binary name order (as MongoDB lists them). */
    public List<String> databases() {
        return read(CatalogStore::databasesWithCollections);
    }

    /** Collections whose query form has untyped numbers (created before migration V7), in every database. */
    public List<CollectionInfo> untypedCollections() {
        return read(CatalogStore::untypedCollections);
    }

    public List<CollectionInfo> collections(String db) {
        return read(store -> store.collections(db));
    }

    /** Total on-disk size (tables, indexes, TOAST) of the database's collections. */
    public long databaseSizeBytes(String db) {
        return read(store -> store.sizeBytes(db));
    }

    /**
     * Renames {@code db.from} to {@code toDb.to}, moving the table to the target database's schema
     * if needed. 26 NamespaceNotFound without a source, 48 NamespaceExists when the target exists
     * and {@code dropTarget} is false (with it, the target is dropped first).
     */
    public void renameCollection(String db, String from, String toDb, String to, boolean dropTarget) {
        NameRules.validateCollectionName(toDb, to);
        try {
            transaction(store -> {
                store.lockDatabases(db, toDb);
                CollectionInfo source = store.collection(db, from).orElseThrow(() -> ErrorCode.NAMESPACE_NOT_FOUND
                        .error("Source collection " + db + "." + from + " does not exist")).requireCollection();
                if (db.equals(toDb) && from.equals(to)) {
                    throw ErrorCode.ILLEGAL_OPERATION.error("Can't rename a collection to itself");
                }
                Optional<CollectionInfo> target = store.collection(toDb, to);
                if (target.isPresent()) {
                    if (!dropTarget) {
                        throw ErrorCode.NAMESPACE_EXISTS.error("target namespace exists");
                    }
                    store.dropTable(target.get());
                }
                if (!db.equals(toDb)) {
                    store.checkDatabaseCase(toDb);
                }
                move(store, source, toDb, to);
                return null;
            });
        } finally {
            cache.remove(key(db, from));
            cache.remove(key(toDb, to));
            indexCache.remove(key(db, from));
            indexCache.remove(key(toDb, to));
        }
    }

    /**
     * Table and indexes first take names unique everywhere (so neither schema can clash), then
     * change schema if needed, then take their final names, which are free in the target schema.
     */
    private static void move(CatalogStore store, CollectionInfo source, String toDb, String to) throws SQLException {
        String schema = store.ensureDatabase(toDb);
        String table = store.freeTableName(toDb, schema, to);
        List<CatalogStore.IndexRow> indexes = store.indexes(source.db(), source.name());
        String tmp = "tusk$tmp$" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        store.execute("ALTER TABLE " + IdentifierMapper.qualified(source.schemaName(), source.tableName())
                + " RENAME TO " + IdentifierMapper.quote(tmp));
        for (int i = 0; i < indexes.size(); i++) {
            store.execute("ALTER INDEX " + IdentifierMapper.qualified(source.schemaName(), indexes.get(i).pgName())
                    + " RENAME TO " + IdentifierMapper.quote(tmp + "$" + i));
            store.update("UPDATE tusk_catalog.indexes SET pg_name = ? WHERE db = ? AND collection = ? AND name = ?",
                    tmp + "$" + i, source.db(), source.name(), indexes.get(i).name());
        }
        if (source.capped()) {
            store.execute("ALTER INDEX " + IdentifierMapper.qualified(source.schemaName(), CatalogStore.seqIndexName(source.tableName()))
                    + " RENAME TO " + IdentifierMapper.quote(tmp + "$seq"));
        }
        if (!schema.equals(source.schemaName())) {
            store.execute("ALTER TABLE " + IdentifierMapper.qualified(source.schemaName(), tmp)
                    + " SET SCHEMA " + IdentifierMapper.quote(schema));
            for (int i = 0; i < indexes.size(); i++) {
                if (!indexes.get(i).name().equals(dev.tusk.storage.CollectionTable.ID_INDEX)) {
                    store.execute("ALTER TABLE " + IdentifierMapper.qualified(source.schemaName(), tmp + "$" + i)
                            + " SET SCHEMA " + IdentifierMapper.quote(schema));
                }
            }
        }
        store.execute("ALTER TABLE " + IdentifierMapper.qualified(schema, tmp) + " RENAME TO " + IdentifierMapper.quote(table));
        if (source.capped()) { // a capped table's `_seq` index is not in the catalog: it follows the table's name here
            store.execute("ALTER INDEX " + IdentifierMapper.qualified(schema, tmp + "$seq")
                    + " RENAME TO " + IdentifierMapper.quote(CatalogStore.seqIndexName(table)));
        }
        UUID uuid = source.db().equals(toDb) ? source.uuid() : UUID.randomUUID();
        store.update("UPDATE tusk_catalog.collections SET db = ?, name = ?, table_name = ?, uuid = ? WHERE db = ? AND name = ?",
                toDb, to, table, uuid, source.db(), source.name());
        for (int i = 0; i < indexes.size(); i++) {
            String pgName = IdentifierMapper.indexName(table, indexes.get(i).name());
            store.execute("ALTER INDEX " + IdentifierMapper.qualified(schema, tmp + "$" + i)
                    + " RENAME TO " + IdentifierMapper.quote(pgName));
            store.update("UPDATE tusk_catalog.indexes SET pg_name = ? WHERE db = ? AND collection = ? AND name = ?",
                    pgName, toDb, to, indexes.get(i).name());
        }
    }

    private static String key(String db, String coll) {
        return db + "\0" + coll;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(CatalogStore store) throws SQLException;
    }

    private <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(new CatalogStore(c));
        } catch (SQLException e) {
            throw sqlError(e);
        }
    }

    private <T> T transaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(new CatalogStore(c));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw sqlError(e);
        }
    }

    private static MongoServerException sqlError(SQLException e) {
        return ErrorCode.INTERNAL_ERROR.error("catalog: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")")
                .withCause(e);
    }
}
