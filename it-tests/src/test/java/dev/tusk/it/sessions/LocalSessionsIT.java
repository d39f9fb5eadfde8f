package dev.tusk.it.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoDatabase;
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
}
