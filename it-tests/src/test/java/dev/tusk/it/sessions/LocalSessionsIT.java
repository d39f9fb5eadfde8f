package dev.tusk.it.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import dev.tusk.it.support.RawWireClient;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** $listLocalSessions lists the sessions commands came with, in MongoDB's shape, until endSessions ends them. */
class LocalSessionsIT {
    private static final MongoDatabase db = TuskTestServer.client().getDatabase("local_sessions_it");

    @Test
    void sessionsAreListedUntilEnded() {
        List<Document> stage = List.of(new Document("$listLocalSessions", new Document()));
        try (ClientSession session = TuskTestServer.client().startSession()) {
            db.getCollection("c").find(session).first();
            BsonDocument id = session.getServerSession().getIdentifier();
            List<BsonDocument> listed = db.aggregate(stage, BsonDocument.class).into(new ArrayList<>());
            BsonDocument mine = listed.stream().filter(s -> s.getDocument("_id").get("id").equals(id.get("id"))).findFirst()
                    .orElseThrow(() -> new AssertionError("session " + id + " not in " + listed));
            assertEquals(32, mine.getDocument("_id").getBinary("uid").getData().length, "uid is a SHA-256");
            assertTrue(mine.isDateTime("lastUse"));
            db.runCommand(new Document("endSessions", List.of(new Document("id", id.get("id")))));
            List<BsonDocument> after = db.aggregate(stage, BsonDocument.class).into(new ArrayList<>());
            assertFalse(after.stream().anyMatch(s -> s.getDocument("_id").get("id").equals(id.get("id"))), after.toString());
        }
        List<Document> out = db.aggregate(List.of(new Document("$listLocalSessions", new Document("allUsers", true)),
                new Document("$limit", 1), new Document("$project", new Document("_id", 0).append("dummy", "x")))).into(new ArrayList<>());
        assertEquals(List.of(new Document("dummy", "x")), out, "the aggregate's own implicit session is listed");
    }

    @Test
    void startRefreshAndKillSessions() {
        BsonDocument started = db.runCommand(new Document("startSession", 1), BsonDocument.class);
        BsonDocument lsid = started.getDocument("id");
        assertEquals(30, started.getInt32("timeoutMinutes").getValue());
        db.runCommand(new Document("refreshSessions", List.of(lsid)));
        assertTrue(listed().contains(lsid.get("id")));
        db.runCommand(new Document("killSessions", List.of(lsid)));
        assertFalse(listed().contains(lsid.get("id")));
    }

    @Test
    void killingASessionClosesItsCursors() {
        MongoCollection<Document> c = db.getCollection("cursors");
        c.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            docs.add(new Document("_id", i));
        }
        c.insertMany(docs);
        for (String kill : List.of("killSessions", "killAllSessions")) {
            try (ClientSession session = TuskTestServer.client().startSession()) {
                MongoCursor<Document> cursor = c.find(session).batchSize(2).iterator();
                cursor.next();
                BsonDocument id = session.getServerSession().getIdentifier();
                db.runCommand(new Document(kill, kill.equals("killSessions") ? List.of(id) : List.of()));
                MongoCommandException gone = assertThrows(MongoCommandException.class, () -> {
                    while (cursor.hasNext()) {
                        cursor.next();
                    }
                });
                assertEquals(43, gone.getErrorCode(), kill);
            }
        }
        MongoCursor<Document> other = c.find().batchSize(2).iterator();
        db.runCommand(new Document("killSessions", List.of(new Document("id", new org.bson.BsonBinary(java.util.UUID.randomUUID())))));
        int n = 0;
        while (other.hasNext()) {
            other.next();
            n++;
        }
        assertEquals(20, n, "a cursor of another session stays");
    }

    @Test
    void aCursorIsContinuedOnlyInItsOwnSession() {
        MongoCollection<Document> c = db.getCollection("own_session");
        c.drop();
        c.insertMany(List.of(new Document("_id", 1), new Document("_id", 2), new Document("_id", 3)));
        try (ClientSession a = TuskTestServer.client().startSession(); ClientSession b = TuskTestServer.client().startSession()) {
            Document first = db.runCommand(a, new Document("find", "own_session").append("batchSize", 1));
            long id = first.get("cursor", Document.class).getLong("id");
            MongoCommandException other = assertThrows(MongoCommandException.class,
                    () -> db.runCommand(b, new Document("getMore", id).append("collection", "own_session")));
            assertEquals(50738, other.getErrorCode());
            assertTrue(other.getErrorMessage().startsWith("Cannot run getMore on cursor " + id + ", which was created in session"),
                    other.getErrorMessage());
            Document next = db.runCommand(a, new Document("getMore", id).append("collection", "own_session"));
            assertEquals(2, next.get("cursor", Document.class).getList("nextBatch", Document.class).size(), "the rest, in its own session");
        }
    }

    @Test
    void aCursorOpenedInASessionNeedsItAndOneWithoutRefusesOne() throws Exception {
        MongoCollection<Document> c = db.getCollection("own_session_raw");
        c.drop();
        c.insertMany(List.of(new Document("_id", 1), new Document("_id", 2), new Document("_id", 3)));
        BsonDocument lsid = new BsonDocument("id", new org.bson.BsonBinary(java.util.UUID.randomUUID()));
        try (RawWireClient wire = new RawWireClient(TuskTestServer.server().port())) {
            long inSession = wire.command(find().append("lsid", lsid)).getDocument("cursor").getInt64("id").getValue();
            BsonDocument without = wire.command(getMore(inSession));
            assertEquals(50737, without.getInt32("code").getValue(), without.toJson());
            long noSession = wire.command(find()).getDocument("cursor").getInt64("id").getValue();
            BsonDocument with = wire.command(getMore(noSession).append("lsid", lsid));
            assertEquals(50736, with.getInt32("code").getValue(), with.toJson());
            assertEquals(2, wire.command(getMore(noSession)).getDocument("cursor").getArray("nextBatch").size());
        }
    }

    @Test
    void killAllSessionsByPatternEndsTheSessionsItNames() {
        BsonDocument lsid = db.runCommand(new Document("startSession", 1), BsonDocument.class).getDocument("id");
        db.runCommand(new Document("killAllSessionsByPattern", List.of(new Document("lsid", lsid))));
        assertFalse(listed().contains(lsid.get("id")));
        MongoCommandException notAList = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("killSessions", "x")));
        assertEquals(14, notAList.getErrorCode());
        MongoCommandException noId = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("refreshSessions", List.of(new Document("x", 1)))));
        assertEquals(9, noId.getErrorCode());
    }

    private static BsonDocument find() {
        return new BsonDocument("find", new org.bson.BsonString("own_session_raw")).append("batchSize", new org.bson.BsonInt32(1))
                .append("$db", new org.bson.BsonString("local_sessions_it"));
    }

    private static BsonDocument getMore(long id) {
        return new BsonDocument("getMore", new org.bson.BsonInt64(id)).append("collection", new org.bson.BsonString("own_session_raw"))
                .append("$db", new org.bson.BsonString("local_sessions_it"));
    }

    private static List<org.bson.BsonValue> listed() {
        List<org.bson.BsonValue> ids = new ArrayList<>();
        db.aggregate(List.of(new Document("$listLocalSessions", new Document())), BsonDocument.class)
                .forEach(s -> ids.add(s.getDocument("_id").get("id")));
        return ids;
    }
}
