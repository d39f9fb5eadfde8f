package dev.tusk.it.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.MongoClient;
import dev.tusk.it.support.TuskTestServer;
import dev.tusk.launch.TuskConfig;
import dev.tusk.launch.TuskServer;
import dev.tusk.pg.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** validate, profile, replSetGetConfig, getDefaultRWConcern and the log verbosity parameter through the driver. */
class AdminCommandsIT {
    private final MongoDatabase db = TuskTestServer.client().getDatabase("admin_commands_it");
    private final MongoDatabase admin = TuskTestServer.client().getDatabase("admin");
    private MongoCollection<Document> items;

    @BeforeEach
    void fresh() {
        items = db.getCollection("items");
        items.drop();
        items.insertMany(List.of(new Document("_id", 1).append("a", 1).append("tags", List.of("x", "y")),
                new Document("_id", 2).append("a", 2), new Document("_id", 3).append("a", 2.5)));
        items.createIndex(Indexes.ascending("a"));
        items.createIndex(Indexes.ascending("tags"));
    }

    @Test
    void validateFindsNothingWrongInWhatTuskWrote() {
        Document v = validate();
        assertEquals(true, v.getBoolean("valid"));
        assertEquals("admin_commands_it.items", v.getString("ns"));
        assertEquals(3L, v.get("nrecords", Number.class).longValue());
        assertEquals(3, v.getInteger("nIndexes"));
        Document keys = v.get("keysPerIndex", Document.class);
        assertEquals(3L, keys.get("a_1", Number.class).longValue());
        // x, y and the whole array (Tusk's side table keeps it for whole-array equality), null for the two without
        assertEquals(5L, keys.get("tags_1", Number.class).longValue());
        assertEquals(List.of(), v.getList("errors", Object.class));
    }

    @Test
    void validateReportsWhatSqlChangedBehindTuskBack() throws SQLException {
        String table = table();
        String tagsSide = sideTable("tags_1");
        try (Connection c = TuskTestServer.server().dataSource().getConnection(); var st = c.createStatement()) {
            st.execute("UPDATE " + table + " SET q = jsonb_set(q, '{a}', '7') WHERE q->>'_id' = '2'");
            String one = "(SELECT _key FROM " + table + " WHERE q->>'_id' = '1')";
            st.execute("DELETE FROM " + tagsSide + " WHERE _key = " + one + " AND k = (SELECT k FROM " + tagsSide
                    + " WHERE _key = " + one + " ORDER BY k LIMIT 1)");
            st.execute("INSERT INTO " + sideTable("a_1") + " (k, _key) VALUES ('\\x01'::bytea, '\\xff'::bytea)");
        }
        Document v = validate();
        assertEquals(false, v.getBoolean("valid"));
        assertEquals(1L, v.get("nInvalidDocuments", Number.class).longValue(), "the query form of _id 2");
        assertEquals(List.of(new Document("indexName", "tags_1").append("idKey", new Document("_id", 1))),
                v.getList("missingIndexEntries", Document.class));
        assertEquals(1L, v.getList("extraIndexEntries", Document.class).get(0).get("entries", Number.class).longValue());
        Document details = v.get("indexDetails", Document.class);
        assertFalse(details.get("a_1", Document.class).getBoolean("valid"));
        assertFalse(details.get("tags_1", Document.class).getBoolean("valid"));
        assertEquals(3, v.getList("errors", String.class).size(), v.toJson());
    }

    @Test
    void validateRefusesViewsAndMissingCollections() {
        MongoCommandException missing = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("validate", "nothing_here")));
        assertEquals(26, missing.getErrorCode());
        db.createView("items_view", "items", List.of());
        MongoCommandException view = assertThrows(MongoCommandException.class, () -> db.runCommand(new Document("validate", "items_view")));
        assertEquals(166, view.getErrorCode());
        db.getCollection("items_view").drop();
    }

    @Test
    void profileLevelZeroKeepsSlowmsAndRefusesTheOtherLevels() {
        Document before = db.runCommand(new Document("profile", -1));
        assertEquals(0, before.getInteger("was"));
        int slowms = before.getInteger("slowms");
        try {
            Document set = db.runCommand(new Document("profile", 0).append("slowms", 250).append("sampleRate", 0.5));
            assertEquals(slowms, set.getInteger("slowms"), "the reply holds the previous settings");
            Document now = db.runCommand(new Document("profile", -1));
            assertEquals(250, now.getInteger("slowms"));
            assertEquals(0.5, now.getDouble("sampleRate"));
            MongoCommandException level = assertThrows(MongoCommandException.class, () -> db.runCommand(new Document("profile", 2)));
            assertEquals(238, level.getErrorCode());
            MongoCommandException rate = assertThrows(MongoCommandException.class,
                    () -> db.runCommand(new Document("profile", 0).append("sampleRate", 2)));
            assertEquals(2, rate.getErrorCode());
        } finally {
            db.runCommand(new Document("profile", 0).append("slowms", slowms).append("sampleRate", 1.0));
        }
    }

    @Test
    void replicaSetConfigurationAndDefaults() {
        Document config = admin.runCommand(new Document("replSetGetConfig", 1)).get("config", Document.class);
        assertEquals("rs0", config.getString("_id"));
        List<Document> members = config.getList("members", Document.class);
        assertEquals(1, members.size());
        assertEquals(TuskTestServer.server().connectionString(), "mongodb://" + members.get(0).getString("host") + "/");
        Document defaults = admin.runCommand(new Document("getDefaultRWConcern", 1));
        assertEquals(new Document("level", "local"), defaults.get("defaultReadConcern"));
        // the test cluster commits without waiting for the disk: a write without a writeConcern gets w: 1's promise
        assertEquals(1, defaults.get("defaultWriteConcern", Document.class).getInteger("w"));
        Document verbosity = admin.runCommand(new Document("getParameter", 1).append("logComponentVerbosity", 1))
                .get("logComponentVerbosity", Document.class);
        assertEquals(0, verbosity.getInteger("verbosity"));
        assertTrue(verbosity.containsKey("query"));
    }

    @Test
    void compactVacuumsTheCollectionsTables() throws SQLException {
        String table = table();
        Document reply = db.runCommand(new Document("compact", "items"));
        assertTrue(reply.get("bytesFreed", Number.class).longValue() >= 0);
        // last_vacuum is set by a VACUUM someone ran, never by autovacuum
        assertEquals("true", single("SELECT (last_vacuum IS NOT NULL)::text FROM pg_stat_user_tables WHERE relid = '" + table + "'::regclass"));
        assertEquals(3, items.countDocuments());
        MongoCommandException missing = assertThrows(MongoCommandException.class, () -> db.runCommand(new Document("compact", "nope")));
        assertEquals(26, missing.getErrorCode());
    }

    @Test
    void reIndexOnlyOnAStandaloneAndMapReduceIsNotImplemented() {
        MongoCommandException rs = assertThrows(MongoCommandException.class, () -> db.runCommand(new Document("reIndex", "items")));
        assertEquals(20, rs.getErrorCode());
        assertEquals("reIndex is only allowed on a standalone mongod instance", rs.getErrorMessage());
        TuskConfig config = TuskConfig.defaults().withPort(0).withPostgresUrl(EmbeddedPostgres.testJdbcUrl()).standalone();
        try (TuskServer standalone = TuskServer.start(config);
                MongoClient client = TuskTestServer.newClient("mongodb://127.0.0.1:" + standalone.port() + "/")) {
            Document reply = client.getDatabase("admin_commands_it").runCommand(new Document("reIndex", "items"));
            assertEquals(3, reply.getInteger("nIndexes"));
            assertEquals(List.of("_id_", "a_1", "tags_1"), reply.getList("indexes", Document.class).stream().map(i -> i.getString("name")).toList());
            assertEquals(2, client.getDatabase("admin_commands_it").getCollection("items").countDocuments(new Document("a", new Document("$gte", 2))));
        }
        MongoCommandException mr = assertThrows(MongoCommandException.class, () -> db.runCommand(new Document("mapReduce", "items")
                .append("map", "function() { emit(this.a, 1); }").append("reduce", "function(k, v) { return 1; }")
                .append("out", new Document("inline", 1))));
        assertEquals(238, mr.getErrorCode());
    }

    @Test
    void topCountsTheOperationsPerCollectionAsMongotopReadsThem() {
        items.find(new Document("a", 1)).first();
        items.updateOne(new Document("_id", 1), new Document("$set", new Document("b", 1)));
        Document totals = admin.runCommand(new Document("top", 1)).get("totals", Document.class);
        assertEquals("all times in microseconds", totals.getString("note"));
        Document mine = totals.get("admin_commands_it.items", Document.class);
        for (String field : List.of("total", "readLock", "writeLock", "queries", "insert", "update")) {
            assertTrue(mine.get(field, Document.class).get("count", Number.class).longValue() >= 1, field + " in " + mine.toJson());
        }
        assertEquals(0L, mine.get("remove", Document.class).get("count", Number.class).longValue());
        MongoCommandException elsewhere = assertThrows(MongoCommandException.class, () -> db.runCommand(new Document("top", 1)));
        assertEquals(13, elsewhere.getErrorCode());
    }

    @Test
    void dbHashIsTheMd5OfTheDocumentsBytesInIdOrder() throws Exception {
        items.updateOne(new Document("_id", 2), new Document("$set", new Document("z", List.of(1, 2))));
        java.security.MessageDigest expected = java.security.MessageDigest.getInstance("MD5");
        for (org.bson.RawBsonDocument d : db.getCollection("items", org.bson.RawBsonDocument.class).find().sort(new Document("_id", 1))) {
            expected.update(d.getByteBuffer().array(), 0, d.getByteBuffer().remaining());
        }
        String itemsHash = java.util.HexFormat.of().formatHex(expected.digest());
        Document reply = db.runCommand(new Document("dbHash", 1).append("collections", List.of("items")));
        assertEquals(itemsHash, reply.get("collections", Document.class).getString("items"));
        String overall = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(itemsHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals(overall, reply.getString("md5"));
        assertEquals(List.of(), reply.getList("capped", Object.class));
        assertTrue(reply.get("uuids", Document.class).containsKey("items"));
        MongoCommandException bad = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("dbHash", 1).append("collections", List.of(1))));
        assertEquals(2, bad.getErrorCode());
    }

    @Test
    void setParameterChangesTheLogLevelAndRefusesTheRest() {
        try {
            assertEquals(0, admin.runCommand(new Document("setParameter", 1).append("logLevel", 1)).getInteger("was"));
            assertEquals(1, admin.runCommand(new Document("getParameter", 1).append("logLevel", 1)).getInteger("logLevel"));
        } finally {
            admin.runCommand(new Document("setParameter", 1).append("logLevel", 0));
        }
        MongoCommandException unknown = assertThrows(MongoCommandException.class,
                () -> admin.runCommand(new Document("setParameter", 1).append("noSuchParameter", 1)));
        assertEquals(72, unknown.getErrorCode());
        MongoCommandException elsewhere = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("setParameter", 1).append("logLevel", 0)));
        assertEquals(13, elsewhere.getErrorCode());
        assertEquals(1.0, admin.runCommand(new Document("setFeatureCompatibilityVersion", "7.0").append("confirm", true))
                .get("ok", Number.class).doubleValue());
        MongoCommandException older = assertThrows(MongoCommandException.class,
                () -> admin.runCommand(new Document("setFeatureCompatibilityVersion", "6.0").append("confirm", true)));
        assertEquals(2, older.getErrorCode());
    }

    @Test
    void serverStatusCountsNetworkTrafficAndOpenCursors() {
        Document before = admin.runCommand(new Document("serverStatus", 1)).get("network", Document.class);
        items.find().batchSize(1).iterator().next(); // leaves a cursor open
        Document after = admin.runCommand(new Document("serverStatus", 1));
        Document network = after.get("network", Document.class);
        assertTrue(network.get("numRequests", Number.class).longValue() >= before.get("numRequests", Number.class).longValue() + 2);
        assertTrue(network.get("bytesIn", Number.class).longValue() > before.get("bytesIn", Number.class).longValue());
        assertTrue(network.get("bytesOut", Number.class).longValue() > before.get("bytesOut", Number.class).longValue());
        long open = after.get("metrics", Document.class).get("cursor", Document.class).get("open", Document.class)
                .get("total", Number.class).longValue();
        assertTrue(open >= 1, after.get("metrics", Document.class).toJson());
    }

    private Document validate() {
        return db.runCommand(new Document("validate", "items").append("full", true));
    }

    private static String table() throws SQLException {
        return single("SELECT quote_ident(d.schema_name) || '.' || quote_ident(c.table_name) FROM tusk_catalog.collections c "
                + "JOIN tusk_catalog.databases d ON d.name = c.db WHERE c.db = 'admin_commands_it' AND c.name = 'items'");
    }

    private static String sideTable(String index) throws SQLException {
        return single("SELECT quote_ident(d.schema_name) || '.' || quote_ident(i.pg_name) FROM tusk_catalog.indexes i "
                + "JOIN tusk_catalog.databases d ON d.name = i.db WHERE i.db = 'admin_commands_it' AND i.collection = 'items' "
                + "AND i.name = '" + index + "'");
    }

    private static String single(String sql) throws SQLException {
        try (Connection c = TuskTestServer.server().dataSource().getConnection(); var st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
