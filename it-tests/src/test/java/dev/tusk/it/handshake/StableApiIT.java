package dev.tusk.it.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.ServerApi;
import com.mongodb.ServerApiVersion;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.tusk.it.support.TuskTestServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Stable API declarations: apiStrict limits a client to API Version 1; bad declarations are errors. */
class StableApiIT {
    private static MongoClient strictClient() {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(TuskTestServer.uri() + "?directConnection=true"))
                .serverApi(ServerApi.builder().version(ServerApiVersion.V1).strict(true).build()).build());
    }

    @Test
    void strictClientRunsVersionOneCommandsOnly() {
        try (MongoClient client = strictClient()) {
            var c = client.getDatabase("stable_api_it").getCollection("c");
            c.drop();
            c.insertOne(new Document("x", 1));
            assertEquals(1, c.countDocuments());
            MongoCommandException e = assertThrows(MongoCommandException.class,
                    () -> c.distinct("x", Integer.class).first());
            assertEquals(323, e.getErrorCode());
            assertTrue(e.getErrorMessage().contains("command distinct is not in API Version 1"), e.getErrorMessage());
        }
    }

    @Test
    void unknownVersionAndStrictWithoutVersionAreRejected() {
        var db = TuskTestServer.client().getDatabase("admin");
        MongoCommandException version = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("ping", 1).append("apiVersion", "2")));
        assertEquals(322, version.getErrorCode());
        MongoCommandException strict = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("ping", 1).append("apiStrict", true)));
        assertEquals(4886600, strict.getErrorCode());
    }
    @Test
    void strictClientCannotUseStagesOutsideVersionOne() {
        try (MongoClient client = strictClient()) {
            var db = client.getDatabase("stable_api_it");
            var c = db.getCollection("c");
            c.drop();
            c.insertOne(new Document("x", 1));
            assertEquals(1, c.aggregate(java.util.List.of(new Document("$facet", new Document("n",
                    java.util.List.of(new Document("$count", "n")))))).into(new java.util.ArrayList<>()).size());
            for (Document stage : java.util.List.of(new Document("$indexStats", new Document()),
                    new Document("$facet", new Document("s", java.util.List.of(new Document("$indexStats", new Document())))),
                    new Document("$unionWith", new Document("coll", "c").append("pipeline",
                            java.util.List.of(new Document("$indexStats", new Document())))))) {
                MongoCommandException e = assertThrows(MongoCommandException.class,
                        () -> c.aggregate(java.util.List.of(stage)).first(), stage::toJson);
                assertEquals(323, e.getErrorCode(), stage::toJson);
                assertTrue(e.getErrorMessage().contains("$indexStats is not allowed with 'apiStrict: true' in API Version 1"),
                        e.getErrorMessage());
            }
            MongoCommandException sessions = assertThrows(MongoCommandException.class, () -> client.getDatabase("admin")
                    .aggregate(java.util.List.of(new Document("$listLocalSessions", new Document()))).first());
            assertEquals(323, sessions.getErrorCode());
            MongoCommandException view = assertThrows(MongoCommandException.class, () -> db.createView("v", "c",
                    java.util.List.of(new Document("$indexStats", new Document()))));
            assertEquals(323, view.getErrorCode());
        }
    }
}
