package dev.tusk.it.crud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.tusk.launch.TuskConfig;
import dev.tusk.it.support.TuskTestServer;
import dev.tusk.launch.TuskServer;
import dev.tusk.pg.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** writeConcern through the driver: what one PostgreSQL presented as a one-member replica set can promise. */
class WriteConcernIT {
    private final MongoDatabase db = TuskTestServer.client().getDatabase("write_concern_it");
    private MongoCollection<Document> items;

    @BeforeEach
    void fresh() {
        items = db.getCollection("items");
        items.drop();
        items.insertOne(new Document("_id", 1).append("n", 0));
    }

    @Test
    void unacknowledgedFindAndModifyAnswersOnlyOkAndStillWrites() {
        // the Java driver's findOneAnd* helpers never send w: 0 (they ask for the document), so the command goes as it is
        Document reply = db.runCommand(new Document("findAndModify", "items").append("query", new Document("_id", 1))
                .append("update", new Document("$inc", new Document("n", 1))).append("writeConcern", new Document("w", 0)));
        assertEquals(new Document("ok", 1.0), without(reply, "$clusterTime", "operationTime"));
        assertEquals(1, items.find().first().getInteger("n"));
        Document removed = db.runCommand(new Document("findAndModify", "items").append("query", new Document("_id", 1))
                .append("remove", true).append("writeConcern", new Document("w", 0).append("j", false)));
        assertEquals(new Document("ok", 1.0), without(removed, "$clusterTime", "operationTime"));
        assertEquals(0, items.countDocuments());
    }

    @Test
    void moreMembersThanTheSetHasIsAWriteConcernErrorAfterTheWrite() {
        MongoWriteConcernException e = assertThrows(MongoWriteConcernException.class,
                () -> items.withWriteConcern(new WriteConcern(2)).insertOne(new Document("_id", 2)));
        assertEquals(100, e.getWriteConcernError().getCode());
        assertEquals("UnsatisfiableWriteConcern", e.getWriteConcernError().getCodeName());
        assertEquals("Not enough data-bearing nodes", e.getWriteConcernError().getMessage());
        assertEquals(2, e.getWriteConcernError().getDetails().getDocument("writeConcern").getInt32("w").getValue());
        assertEquals(2, items.countDocuments(), "the write itself is applied, as on MongoDB");
    }

    @Test
    void anUnknownTagModeIsAWriteConcernErrorAfterTheWrite() {
        MongoWriteConcernException e = assertThrows(MongoWriteConcernException.class,
                () -> items.withWriteConcern(new WriteConcern("dc2")).updateOne(Filters.eq("_id", 1), Updates.set("n", 5)));
        assertEquals(79, e.getWriteConcernError().getCode());
        assertEquals("No write concern mode named 'dc2' found in replica set configuration", e.getWriteConcernError().getMessage());
        assertEquals(5, items.find().first().getInteger("n"));
    }

    @Test
    void ddlCommandsReportTheirWriteConcernErrorToo() {
        Document reply = db.runCommand(new Document("createIndexes", "items")
                .append("indexes", List.of(new Document("key", new Document("n", 1)).append("name", "n_1")))
                .append("writeConcern", new Document("w", 3)));
        assertEquals(1.0, reply.get("ok", Number.class).doubleValue());
        assertEquals(100, reply.get("writeConcernError", Document.class).getInteger("code"));
        assertTrue(items.listIndexes().into(new java.util.ArrayList<>()).stream().anyMatch(i -> i.getString("name").equals("n_1")));
    }

    @Test
    void majorityAndOneAreMetByTheCommit() {
        items.withWriteConcern(WriteConcern.MAJORITY).insertOne(new Document("_id", 2));
        Document reply = db.runCommand(new Document("insert", "items").append("documents", List.of(new Document("_id", 3)))
                .append("writeConcern", new Document("w", 1).append("wtimeout", 100)));
        assertFalse(reply.containsKey("writeConcernError"));
        assertEquals(3, items.countDocuments());
    }

    @Test
    void malformedWriteConcernsAreRefusedBeforeWriting() {
        assertParseError(new Document("w", -1), 9, "w has to be a non-negative number and not greater than 50; found: -1");
        assertParseError(new Document("w", 51), 9, "w has to be a non-negative number and not greater than 50; found: 51");
        assertParseError(new Document("w", true), 9, "w has to be a number, string, or object");
        assertParseError(new Document("j", true).append("fsync", true), 9, "fsync and j options cannot be used together");
        assertEquals(1, items.countDocuments());
    }

    @Test
    void journaledWritesAreRefusedWherePostgresqlDoesNotFsync() {
        // the test cluster runs with fsync = off, as MongoDB without a journal refuses j: true
        MongoCommandException e = assertThrows(MongoCommandException.class,
                () -> items.withWriteConcern(WriteConcern.JOURNALED).insertOne(new Document("_id", 2)));
        assertEquals(2, e.getErrorCode());
        assertEquals("cannot use 'j' option when a host does not have journaling enabled", e.getErrorMessage());
        assertEquals(1, items.countDocuments());
    }

    @Test
    void aStandaloneRefusesWhatOnlyAReplicaSetCanDo() {
        TuskConfig config = TuskConfig.defaults().withPort(0).withPostgresUrl(EmbeddedPostgres.testJdbcUrl()).standalone();
        try (TuskServer standalone = TuskServer.start(config);
                MongoClient client = TuskTestServer.newClient("mongodb://127.0.0.1:" + standalone.port() + "/")) {
            MongoCollection<Document> c = client.getDatabase("write_concern_it").getCollection("standalone");
            MongoCommandException two = assertThrows(MongoCommandException.class,
                    () -> c.withWriteConcern(new WriteConcern(2)).insertOne(new Document("_id", 1)));
            assertEquals(2, two.getErrorCode());
            assertEquals("cannot use 'w' > 1 when a host is not replicated", two.getErrorMessage());
            MongoCommandException tag = assertThrows(MongoCommandException.class,
                    () -> c.withWriteConcern(new WriteConcern("dc2")).insertOne(new Document("_id", 1)));
            assertEquals("cannot use non-majority 'w' mode dc2 when a host is not a member of a replica set", tag.getErrorMessage());
            assertEquals(0, c.countDocuments());
            c.withWriteConcern(WriteConcern.MAJORITY).insertOne(new Document("_id", 1));
            assertEquals(1, c.countDocuments());
        }
    }

    @Test
    void journaledWritesAreOnDiskWhenTheReplyArrivesAfterAnAsynchronousCommit() throws Exception {
        // fsync on but commits asynchronous, and the WAL writer nearly asleep: only Tusk's flush puts the write on disk
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().temporary().setting("fsync", "on")
                .setting("synchronous_commit", "off").setting("wal_writer_delay", "10s").setting("autovacuum", "off").start();
                TuskServer tusk = TuskServer.start(TuskConfig.defaults().withPort(0).withPostgresUrl(pg.jdbcUrl()));
                MongoClient client = TuskTestServer.newClient("mongodb://127.0.0.1:" + tusk.port() + "/?directConnection=true")) {
            MongoCollection<Document> c = client.getDatabase("write_concern_it").getCollection("journaled");
            c.insertOne(new Document("_id", 0)); // creates the collection
            for (int i = 1; i <= 5; i++) {
                c.withWriteConcern(WriteConcern.JOURNALED).insertOne(new Document("_id", i).append("pad", "x".repeat(100)));
                assertTrue(walFlushedToTheEnd(pg.jdbcUrl()), "WAL flushed after the journaled insert " + i);
            }
            c.withWriteConcern(WriteConcern.MAJORITY).insertOne(new Document("_id", 6).append("pad", "y".repeat(100)));
            assertTrue(walFlushedToTheEnd(pg.jdbcUrl()), "majority implies the journal, as writeConcernMajorityJournalDefault");
            assertEquals(7, c.countDocuments());
        }
    }

    private static boolean walFlushedToTheEnd(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_current_wal_flush_lsn() >= pg_current_wal_insert_lsn()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private void assertParseError(Document writeConcern, int code, String message) {
        MongoCommandException e = assertThrows(MongoCommandException.class, () -> db.runCommand(new Document("insert", "items")
                .append("documents", List.of(new Document("_id", 9))).append("writeConcern", writeConcern)));
        assertEquals(code, e.getErrorCode(), writeConcern.toJson());
        assertEquals(message, e.getErrorMessage());
    }

    private static Document without(Document d, String... keys) {
        Document copy = new Document(d);
        for (String k : keys) {
            copy.remove(k);
        }
        return copy;
    }
}
