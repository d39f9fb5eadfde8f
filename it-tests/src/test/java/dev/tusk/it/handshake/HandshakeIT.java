package dev.tusk.it.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import dev.tusk.it.support.TuskTestServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The handshake and server commands, through the Java driver, as a 7.0 replica-set primary. */
class HandshakeIT {
    private final MongoDatabase admin = TuskTestServer.client().getDatabase("admin");

    @Test
    void helloPresentsAReplicaSetPrimary() {
        Document hello = admin.runCommand(new Document("hello", 1).append("helloOk", true));
        assertEquals(true, hello.getBoolean("isWritablePrimary"));
        assertEquals("rs0", hello.getString("setName"));
        assertEquals(21, hello.getInteger("maxWireVersion"));
        assertEquals(0, hello.getInteger("minWireVersion"));
        assertEquals(16 * 1024 * 1024, hello.getInteger("maxBsonObjectSize"));
        assertEquals(48_000_000, hello.getInteger("maxMessageSizeBytes"));
        assertEquals(100_000, hello.getInteger("maxWriteBatchSize"));
        assertEquals(30, hello.getInteger("logicalSessionTimeoutMinutes"));
        assertEquals(true, hello.getBoolean("helloOk"));
        assertEquals(hello.getString("me"), hello.getString("primary"));
        assertEquals(hello.getString("me"), hello.getList("hosts", String.class).get(0));
        assertTrue(hello.get("topologyVersion", Document.class).containsKey("processId"));
        assertTrue(hello.containsKey("lastWrite"));
        assertTrue(hello.containsKey("localTime"));
        assertTrue(hello.containsKey("connectionId"));
        assertTrue(hello.containsKey("$clusterTime") || hello.containsKey("operationTime"));
    }

    @Test
    void helloOkAcceptsNumbersAndRefusesOtherTypes() {
        assertEquals(true, admin.runCommand(new Document("hello", 1).append("helloOk", 1)).getBoolean("helloOk"));
        assertTrue(!admin.runCommand(new Document("hello", 1).append("helloOk", 0)).containsKey("helloOk"));
        com.mongodb.MongoCommandException e = org.junit.jupiter.api.Assertions.assertThrows(com.mongodb.MongoCommandException.class,
                () -> admin.runCommand(new Document("hello", 1).append("helloOk", "yes")));
        assertEquals(14, e.getErrorCode());
        assertEquals("BSON field 'hello.helloOk' is the wrong type 'string', expected type 'bool'", e.getErrorMessage());
        com.mongodb.MongoCommandException status = org.junit.jupiter.api.Assertions.assertThrows(com.mongodb.MongoCommandException.class,
                () -> admin.runCommand(new Document("connectionStatus", 1).append("showPrivileges", "yes")));
        assertEquals(14, status.getErrorCode());
    }

    @Test
    void legacyIsMasterUsesTheOldFieldName() {
        Document reply = admin.runCommand(new Document("isMaster", 1));
        assertEquals(true, reply.getBoolean("ismaster"));
        assertFalse(reply.containsKey("isWritablePrimary"));
    }

    @Test
    void buildInfoReportsA70Version() {
        Document info = admin.runCommand(new Document("buildInfo", 1));
        assertTrue(info.getString("version").startsWith("7.0."));
        assertEquals(7, info.getList("versionArray", Integer.class).get(0));
    }

    @Test
    void serverCommandsAnswer() {
        assertEquals(1.0, admin.runCommand(new Document("ping", 1)).getDouble("ok"));
        Document fcv = admin.runCommand(new Document("getParameter", 1).append("featureCompatibilityVersion", 1));
        assertEquals("7.0", fcv.get("featureCompatibilityVersion", Document.class).getString("version"));
        assertTrue(admin.runCommand(new Document("getCmdLineOpts", 1)).containsKey("parsed"));
        assertTrue(admin.runCommand(new Document("hostInfo", 1)).get("system", Document.class).containsKey("numCores"));
        assertTrue(admin.runCommand(new Document("whatsmyuri", 1)).getString("you").contains(":"));
        assertTrue(admin.runCommand(new Document("connectionStatus", 1)).containsKey("authInfo"));
        assertEquals(0, admin.runCommand(new Document("getLog", "startupWarnings")).getList("log", Object.class).size());
        assertEquals(1.0, admin.runCommand(new Document("endSessions", java.util.List.of())).getDouble("ok"));
        Document commands = admin.runCommand(new Document("listCommands", 1)).get("commands", Document.class);
        assertTrue(commands.containsKey("find") && commands.containsKey("insert") && commands.containsKey("hello"));
    }

    @Test
    void serverStatusCountsRealWork() {
        Document before = admin.runCommand(new Document("serverStatus", 1));
        TuskTestServer.client().getDatabase("handshake_it").getCollection("c").insertOne(new Document("x", 1));
        Document after = admin.runCommand(new Document("serverStatus", 1));
        long inserts = after.get("opcounters", Document.class).getLong("insert")
                - before.get("opcounters", Document.class).getLong("insert");
        assertTrue(inserts >= 1);
        assertTrue(after.get("connections", Document.class).getInteger("current") >= 1);
        assertTrue(after.getDouble("uptime") >= 0);
        assertEquals("rs0", after.get("repl", Document.class).getString("setName"));
    }

    @Test
    void replSetGetStatusShowsOnePrimary() {
        Document status = admin.runCommand(new Document("replSetGetStatus", 1));
        assertEquals("rs0", status.getString("set"));
        assertEquals(1, status.getInteger("myState"));
        Document member = status.getList("members", Document.class).get(0);
        assertEquals("PRIMARY", member.getString("stateStr"));
    }

    @Test
    void unknownCommandIsCommandNotFound() {
        MongoCommandException e = assertThrows(MongoCommandException.class,
                () -> admin.runCommand(new Document("noSuchThing", 1)));
        assertEquals(59, e.getErrorCode());
        assertEquals("CommandNotFound", e.getErrorCodeName());
        assertEquals("no such command: 'noSuchThing'", e.getErrorMessage());
    }
}
