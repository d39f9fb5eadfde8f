package dev.tusk.it.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.tusk.it.support.TuskTestServer;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * $currentOp and currentOp show an operation while it runs (here an update waiting for a row lock
 * the test holds in PostgreSQL), and killOp interrupts it: 11601, and the update is not applied.
 */
class CurrentOpIT {
    private static final MongoDatabase admin = TuskTestServer.client().getDatabase("admin");
    private static final MongoDatabase db = TuskTestServer.client().getDatabase("current_op_it");

    @Test
    void aRunningOperationIsListedAndKillOpInterruptsIt() throws Exception {
        MongoCollection<Document> c = db.getCollection("c");
        c.drop();
        c.insertOne(new Document("_id", 1).append("n", 0));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection sql = TuskTestServer.server().dataSource().getConnection()) {
            sql.setAutoCommit(false);
            sql.createStatement().execute("SELECT 1 FROM current_op_it.c FOR UPDATE");
            Future<?> update = pool.submit(() -> c.updateOne(Filters.eq("_id", 1), Updates.inc("n", 1)));
            Document op = waitForUpdate();
            assertEquals(true, op.getBoolean("active"));
            assertEquals("c", op.get("command", Document.class).getString("update"));
            assertTrue(op.containsKey("opid") && op.containsKey("client") && op.containsKey("microsecs_running"), op.toJson());
            List<Document> inprog = admin.runCommand(new Document("currentOp", 1).append("ns", "current_op_it.c"))
                    .getList("inprog", Document.class);
            assertEquals(List.of(op.get("opid")), inprog.stream().map(d -> d.get("opid")).toList());
            Document killed = admin.runCommand(new Document("killOp", 1).append("op", op.get("opid")));
            assertEquals("attempting to kill op", killed.getString("info"));
            ExecutionException e = assertThrows(ExecutionException.class, update::get);
            assertEquals(11601, ((MongoException) e.getCause()).getCode(), e.getCause().toString());
            sql.rollback();
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, c.find().first().getInteger("n"), "the killed update was not applied");
        assertEquals(73, assertThrows(MongoException.class,
                () -> db.aggregate(List.of(new Document("$currentOp", new Document()))).first()).getCode());
        List<Document> idle = admin.aggregate(List.of(new Document("$currentOp", new Document("idleConnections", true)),
                new Document("$match", new Document("active", false)))).into(new ArrayList<>());
        assertTrue(idle.stream().allMatch(d -> d.getString("desc").startsWith("conn")), idle.toString());
    }

    private static Document waitForUpdate() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<Document> ops = admin.aggregate(List.of(new Document("$currentOp", new Document()),
                    new Document("$match", new Document("ns", "current_op_it.c").append("op", "update")))).into(new ArrayList<>());
            if (!ops.isEmpty()) {
                return ops.get(0);
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the update never showed in $currentOp");
    }
}
