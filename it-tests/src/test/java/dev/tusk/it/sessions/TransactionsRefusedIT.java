package dev.tusk.it.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.tusk.it.support.TuskTestServer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Until transactions are supported, nothing done "inside" one may be applied: the driver's transaction API gets 238. */
class TransactionsRefusedIT {
    private final MongoDatabase db = TuskTestServer.client().getDatabase("transactions_refused_it");
    private MongoCollection<Document> items;

    @BeforeEach
    void fresh() {
        items = db.getCollection("items");
        items.drop();
        items.insertOne(new Document("_id", 0));
    }

    @Test
    void writesInATransactionAreRefusedAndNotApplied() {
        try (ClientSession session = TuskTestServer.client().startSession()) {
            session.startTransaction();
            MongoCommandException e = assertThrows(MongoCommandException.class, () -> items.insertOne(session, new Document("_id", 1)));
            assertEquals(238, e.getErrorCode());
            assertTrue(e.getErrorMessage().contains("transactions are not supported"), e.getErrorMessage());
            session.abortTransaction();
        }
        assertEquals(1, items.countDocuments(), "the refused insert left nothing behind");
    }

    @Test
    void withTransactionFailsWithoutWriting() {
        try (ClientSession session = TuskTestServer.client().startSession()) {
            MongoCommandException e = assertThrows(MongoCommandException.class, () -> session.withTransaction(() -> {
                items.insertOne(session, new Document("_id", 2));
                items.deleteOne(session, new Document("_id", 0));
                return null;
            }));
            assertEquals(238, e.getErrorCode());
        }
        assertEquals(1, items.countDocuments(new Document("_id", 0)));
        assertEquals(0, items.countDocuments(new Document("_id", 2)));
    }

    @Test
    void commitAndAbortAnswerNotImplemented() {
        for (String command : new String[] {"commitTransaction", "abortTransaction"}) {
            MongoCommandException e = assertThrows(MongoCommandException.class,
                    () -> TuskTestServer.client().getDatabase("admin").runCommand(new Document(command, 1)));
            assertEquals(238, e.getErrorCode(), command);
        }
    }
}
