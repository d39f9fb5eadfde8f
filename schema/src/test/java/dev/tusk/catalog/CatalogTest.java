package dev.tusk.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.naming.IdentifierMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private static TestDatabase database;
    private static Catalog catalog;

    @BeforeAll
    static void setUp() throws SQLException {
        database = new TestDatabase();
        catalog = new Catalog(database.dataSource());
        catalog.migrate();
    }

    @AfterAll
    static void tearDown() throws SQLException {
        database.close();
    }

    @Test
    void migrateIsIdempotent() throws SQLException {
        catalog.migrate();
        new Catalog(database.dataSource()).migrate();
        assertEquals("1", query("SELECT count(*) FROM tusk_catalog.flyway_schema_history WHERE version = '1' AND success"));
    }

    @Test
    void createListDrop() throws SQLException {
        CollectionInfo info = catalog.createCollection("app", "users", new BsonDocument(), true);
        assertEquals("app", info.schemaName());
        assertEquals("users", info.tableName());
        sql("INSERT INTO app.users (_key, doc, q) VALUES ('\\x01', '\\x00', '{}')");
        assertEquals(info, catalog.collection("app", "users").orElseThrow());
        assertEquals(info, new Catalog(database.dataSource()).collection("app", "users").orElseThrow(), "from the database");
        assertEquals(List.of(info), catalog.collections("app"));
        assertTrue(catalog.databases().contains("app"));
        assertTrue(catalog.databaseSizeBytes("app") > 0);

        MongoServerException exists = assertThrows(MongoServerException.class,
                () -> catalog.createCollection("app", "users", new BsonDocument(), true));
        assertEquals(ErrorCode.NAMESPACE_EXISTS, exists.code());
        assertEquals("Collection app.users already exists.", exists.getMessage());
        assertEquals(info.uuid(), catalog.createCollection("app", "users", new BsonDocument(), false).uuid());

        assertTrue(catalog.dropCollection("app", "users"));
        assertFalse(catalog.dropCollection("app", "users"));
        assertTrue(catalog.collection("app", "users").isEmpty());
        assertFalse(catalog.databases().contains("app"), "a database without collections is not listed");
        assertEquals("0", query("SELECT count(*) FROM pg_tables WHERE schemaname = 'app' AND tablename = 'users'"));
    }

    @Test
    void optionsKeepTheirTypesAndFieldOrder() {
        BsonDocument options = BsonDocument.parse("""
                {validator: {b: {$gt: {$numberLong: "5"}}, a: {$type: "string"}}, validationLevel: "strict",
                 capped: false, size: {$numberDecimal: "1.50"}}""");
        catalog.createCollection("opts", "c", options, true);
        BsonDocument stored = new Catalog(database.dataSource()).collection("opts", "c").orElseThrow().options();
        assertEquals(options, stored);
        assertEquals(List.copyOf(options.getDocument("validator").keySet()),
                List.copyOf(stored.getDocument("validator").keySet()));
    }

    @Test
    void namesThatDifferOnlyInCaseGetTheirOwnTables() throws SQLException {
        CollectionInfo lower = catalog.createCollection("cases", "users", new BsonDocument(), true);
        CollectionInfo upper = catalog.createCollection("cases", "Users", new BsonDocument(), true);
        assertNotEquals(lower.tableName(), upper.tableName());
        sql("INSERT INTO " + IdentifierMapper.qualified(upper.schemaName(), upper.tableName())
                + " (_key, doc, q) VALUES ('\\x01', '\\x00', '{}')");
        assertEquals("0", query("SELECT count(*) FROM cases.users"));
    }

    @Test
    void longNamesSharingTheirFirst63BytesAreSeparateTables() throws SQLException {
        String prefix = "c".repeat(63);
        CollectionInfo a = catalog.createCollection("long", prefix + "_a", new BsonDocument(), true);
        CollectionInfo b = catalog.createCollection("long", prefix + "_b", new BsonDocument(), true);
        assertNotEquals(a.tableName(), b.tableName());
        sql("INSERT INTO " + IdentifierMapper.qualified(a.schemaName(), a.tableName()) + " VALUES ('\\x01', '\\x00', '{}')");
        assertEquals("1", query("SELECT count(*) FROM " + IdentifierMapper.qualified(a.schemaName(), a.tableName())));
        assertEquals("0", query("SELECT count(*) FROM " + IdentifierMapper.qualified(b.schemaName(), b.tableName())));
        String db = "d".repeat(63);
        CollectionInfo longDb = catalog.createCollection(db, prefix, new BsonDocument(), true);
        assertEquals(db, longDb.schemaName());
    }

    @Test
    void reservedNamesAreNotUsedAsIdentifiers() {
        CollectionInfo info = catalog.createCollection("public", "select", new BsonDocument(), true);
        assertNotEquals("public", info.schemaName());
        assertNotEquals("select", info.tableName());
        CollectionInfo catalogLike = catalog.createCollection("tusk_catalog", "databases", new BsonDocument(), true);
        assertNotEquals(IdentifierMapper.CATALOG_SCHEMA, catalogLike.schemaName());
    }

    @Test
    void databaseNamesDifferingInCaseAreRefused() {
        catalog.createCollection("Shop", "x", new BsonDocument(), true);
        MongoServerException e = assertThrows(MongoServerException.class,
                () -> catalog.createCollection("shop", "y", new BsonDocument(), true));
        assertEquals(ErrorCode.DATABASE_DIFFER_CASE, e.code());
        assertEquals("db already exists with different case already have: [Shop] trying to create [shop]", e.getMessage());
    }

    @Test
    void invalidNamesAreRefusedWithMongoCodes() {
        MongoServerException dollar = assertThrows(MongoServerException.class,
                () -> catalog.createCollection("app", "a$b", new BsonDocument(), true));
        assertEquals(ErrorCode.INVALID_NAMESPACE, dollar.code());
        MongoServerException dot = assertThrows(MongoServerException.class,
                () -> catalog.createCollection("a.b", "c", new BsonDocument(), true));
        assertEquals(ErrorCode.INVALID_NAMESPACE, dot.code());
        assertFalse(catalog.databases().contains("a.b"));
    }

    @Test
    void renameWithinAndAcrossDatabases() throws SQLException {
        CollectionInfo source = catalog.createCollection("ren", "src", new BsonDocument(), true);
        sql("INSERT INTO ren.src VALUES ('\\x01', '\\x00', '{}')");
        catalog.renameCollection("ren", "src", "ren", "dst", false);
        assertTrue(catalog.collection("ren", "src").isEmpty());
        CollectionInfo renamed = catalog.collection("ren", "dst").orElseThrow();
        assertEquals(source.uuid(), renamed.uuid());
        assertEquals("1", query("SELECT count(*) FROM ren.dst"));
        assertEquals("dst$_id_", query("SELECT pg_name FROM tusk_catalog.indexes WHERE db = 'ren' AND collection = 'dst'"));
        assertEquals("1", query("SELECT count(*) FROM pg_indexes WHERE schemaname = 'ren' AND indexname = 'dst$_id_'"));

        // the target database already has a table called "dst": the moved one must not clash with it
        catalog.createCollection("ren2", "dst", new BsonDocument(), true);
        catalog.renameCollection("ren", "dst", "ren2", "Moved", false);
        CollectionInfo moved = catalog.collection("ren2", "Moved").orElseThrow();
        assertEquals("ren2", moved.schemaName());
        assertEquals("1", query("SELECT count(*) FROM " + IdentifierMapper.qualified("ren2", moved.tableName())));
        assertEquals("0", query("SELECT count(*) FROM pg_tables WHERE schemaname = 'ren'"));
        assertEquals(Set.of("Moved", "dst"), catalog.collections("ren2").stream().map(CollectionInfo::name)
                .collect(Collectors.toSet()));
        assertEquals(IdentifierMapper.indexName(moved.tableName(), "_id_"),
                query("SELECT indexname FROM pg_indexes WHERE schemaname = 'ren2' AND tablename = '" + moved.tableName() + "'"));
    }

    @Test
    void renameErrors() throws SQLException {
        MongoServerException missing = assertThrows(MongoServerException.class,
                () -> catalog.renameCollection("rerr", "nope", "rerr", "x", false));
        assertEquals(ErrorCode.NAMESPACE_NOT_FOUND, missing.code());
        assertEquals("Source collection rerr.nope does not exist", missing.getMessage());

        catalog.createCollection("rerr", "a", new BsonDocument(), true);
        CollectionInfo b = catalog.createCollection("rerr", "b", new BsonDocument(), true);
        MongoServerException exists = assertThrows(MongoServerException.class,
                () -> catalog.renameCollection("rerr", "a", "rerr", "b", false));
        assertEquals(ErrorCode.NAMESPACE_EXISTS, exists.code());
        assertEquals("target namespace exists", exists.getMessage());

        catalog.renameCollection("rerr", "a", "rerr", "b", true);
        assertNotEquals(b.uuid(), catalog.collection("rerr", "b").orElseThrow().uuid());
        assertEquals(List.of("b"), catalog.collections("rerr").stream().map(CollectionInfo::name).toList());
        assertEquals("1", query("SELECT count(*) FROM pg_tables WHERE schemaname = 'rerr'"));
    }

    @Test
    void dropDatabaseRemovesEverything() throws SQLException {
        catalog.createCollection("gone", "a", new BsonDocument(), true);
        catalog.createCollection("gone", "b", new BsonDocument(), true);
        assertTrue(catalog.dropDatabase("gone"));
        assertFalse(catalog.dropDatabase("gone"));
        assertFalse(catalog.databases().contains("gone"));
        assertTrue(catalog.collection("gone", "a").isEmpty());
        assertEquals("0", query("SELECT count(*) FROM pg_namespace WHERE nspname = 'gone'"));
        assertEquals("0", query("SELECT count(*) FROM tusk_catalog.indexes WHERE db = 'gone'"));
        catalog.createCollection("gone", "a", new BsonDocument(), true);
    }

    @Test
    void concurrentCreatorsOfOneCollectionAllSucceed() throws Exception {
        List<CollectionInfo> results = race(8, () -> catalog.createCollection("race", "c", new BsonDocument(), false));
        assertEquals(1, results.stream().map(CollectionInfo::uuid).distinct().count());
        assertEquals("1", query("SELECT count(*) FROM pg_tables WHERE schemaname = 'race'"));
    }

    @Test
    void concurrentStrictCreatorsGetOneSuccess() throws Exception {
        List<Object> results = race(8, () -> {
            try {
                return catalog.createCollection("race2", "c", new BsonDocument(), true);
            } catch (MongoServerException e) {
                return e.code();
            }
        });
        assertEquals(1, results.stream().filter(r -> r instanceof CollectionInfo).count());
        assertEquals(7, results.stream().filter(r -> r == ErrorCode.NAMESPACE_EXISTS).count());
    }

    @Test
    void concurrentCreatorsOfManyCollections() throws Exception {
        List<CollectionInfo> results = race(8, () -> {
            List<CollectionInfo> mine = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                mine.add(catalog.createCollection("many", "c" + i, new BsonDocument(), false));
            }
            return mine;
        }).stream().flatMap(List::stream).toList();
        assertEquals(10, results.stream().map(CollectionInfo::uuid).distinct().count());
        assertEquals(10, catalog.collections("many").size());
    }

    private static <T> List<T> race(int threads, java.util.concurrent.Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String query(String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
