package dev.tusk.it.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import dev.tusk.it.support.TuskTestServer;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * configureFailPoint failCommand (enabled in tests by --enable-test-commands) drives the driver's
 * retry logic: retryable errors and closed connections are retried once, others surface.
 */
class FailPointIT {
    private static final MongoClient client = TuskTestServer.newClient(TuskTestServer.uri() + "?replicaSet=rs0");
    private final MongoCollection<Document> c = client.getDatabase("failpoint_it").getCollection("c");

    private static void failCommand(String command, Document data, int times) {
        client.getDatabase("admin").runCommand(new Document("configureFailPoint", "failCommand")
                .append("mode", new Document("times", times))
                .append("data", data.append("failCommands", java.util.List.of(command))));
    }

    @AfterEach
    void off() {
        for (String name : List.of("failCommand", "onPrimaryTransactionalWrite")) {
            client.getDatabase("admin").runCommand(new Document("configureFailPoint", name).append("mode", "off"));
        }
    }

    private static void interruptNextRetryableWrite(Document data) {
        client.getDatabase("admin").runCommand(new Document("configureFailPoint", "onPrimaryTransactionalWrite")
                .append("mode", new Document("times", 1)).append("data", data));
    }

    /** The write commits, the connection closes before the reply: the driver's retry gets the remembered result. */
    @Test
    void writeCommittedBeforeTheConnectionClosedIsNotAppliedTwice() {
        c.drop();
        c.insertOne(new Document("_id", 1).append("n", 0));
        interruptNextRetryableWrite(new Document());
        assertEquals(1, c.updateOne(new Document("_id", 1), new Document("$inc", new Document("n", 1))).getModifiedCount());
        assertEquals(1, c.find().first().getInteger("n"));
    }

    /** failBeforeCommitExceptionCode: the first attempt writes nothing, the retry writes once. */
    @Test
    void writeFailedBeforeCommitIsAppliedByTheRetry() {
        c.drop();
        c.insertOne(new Document("_id", 1).append("n", 0));
        interruptNextRetryableWrite(new Document("failBeforeCommitExceptionCode", 1));
        c.updateOne(new Document("_id", 1), new Document("$inc", new Document("n", 1)));
        assertEquals(1, c.find().first().getInteger("n"));
    }

    @Test
    void retryableWriteErrorIsRetriedAndAppliedOnce() {
        c.drop();
        failCommand("insert", new Document("errorCode", 91), 1);
        c.insertOne(new Document("_id", 1));
        assertEquals(1, c.countDocuments());
    }

    @Test
    void closedConnectionIsRetriedForReads() {
        c.drop();
        c.insertOne(new Document("_id", 1));
        failCommand("find", new Document("closeConnection", true), 1);
        assertEquals(1, c.find().into(new java.util.ArrayList<>()).size());
    }

    /**
     * A retryable writeConcernError: the write ran; the retry returns its remembered result. (The Java
     * driver treats code 91 in a writeConcernError as a shutdown and waits for its monitor's next hello
     * before retrying, ~10 s here; see docs/COMPATIBILITY.md.)
     */
    @Test
    void retryableWriteConcernErrorIsRetried() {
        c.drop();
        c.insertOne(new Document("_id", 1));
        failCommand("delete", new Document("errorLabels", List.of("RetryableWriteError"))
                .append("writeConcernError", new Document("code", 91).append("errmsg", "Replication is being shut down")), 1);
        assertEquals(1, c.deleteOne(new Document("_id", 1)).getDeletedCount());
        assertEquals(0, c.countDocuments());
    }

    @Test
    void nonRetryableErrorSurfacesWithItsCode() {
        failCommand("insert", new Document("errorCode", 2), 1);
        MongoException e = assertThrows(MongoException.class, () -> c.insertOne(new Document("x", 1)));
        assertEquals(2, e.getCode());
        assertFalse(e.hasErrorLabel("RetryableWriteError"));
    }

    @Test
    void retryableCodeCarriesTheLabelWhenRetriesAreExhausted() {
        failCommand("insert", new Document("errorCode", 91), 2);
        MongoException e = assertThrows(MongoException.class, () -> c.insertOne(new Document("x", 1)));
        assertEquals(91, e.getCode());
        assertTrue(e.hasErrorLabel("RetryableWriteError"), e.toString());
    }

    @Test
    void failPointNeedsTheAdminDatabase() {
        MongoCommandException e = assertThrows(MongoCommandException.class, () -> client.getDatabase("failpoint_it")
                .runCommand(new Document("configureFailPoint", "failCommand").append("mode", "off")));
        assertEquals(13, e.getErrorCode());
    }
}
