package dev.tusk.it.indexes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ExplainVerbosity;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.tusk.it.support.TuskTestServer;
import dev.tusk.launch.TuskConfig;
import dev.tusk.launch.TuskServer;
import dev.tusk.pg.EmbeddedPostgres;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** TTL indexes expire documents (monitor shortened to 1 s here); collMod changes hidden and expireAfterSeconds. */
class TtlAndCollModIT {

    @Test
    void ttlIndexDeletesExpiredDocuments() throws Exception {
        TuskConfig config = TuskConfig.defaults().withPort(0).withPostgresUrl(EmbeddedPostgres.testJdbcUrl()).withTtlMonitorSeconds(1);
        try (TuskServer server = TuskServer.start(config);
                MongoClient client = TuskTestServer.newClient("mongodb://127.0.0.1:" + server.port() + "/?directConnection=true")) {
            MongoCollection<Document> c = client.getDatabase("ttl_it").getCollection("sessions");
            c.drop();
            long now = System.currentTimeMillis();
            c.insertMany(List.of(
                    new Document("_id", "old").append("at", new Date(now - 3_600_000)),
                    new Document("_id", "oldInArray").append("at", List.of(new Date(now + 3_600_000), new Date(now - 3_600_000))),
                    new Document("_id", "fresh").append("at", new Date(now + 3_600_000)),
                    new Document("_id", "notADate").append("at", "yesterday"),
                    new Document("_id", "missing")));
            c.createIndex(Indexes.ascending("at"), new IndexOptions().expireAfter(60L, TimeUnit.SECONDS));
            long deadline = System.currentTimeMillis() + 20_000;
            while (c.countDocuments() > 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            List<Object> left = c.find().map(d -> d.get("_id")).into(new java.util.ArrayList<>());
            left.sort(null);
            assertEquals(List.of("fresh", "missing", "notADate"), left);
            Document ttl = c.listIndexes().into(new java.util.ArrayList<>()).get(1);
            assertEquals(60L, ((Number) ttl.get("expireAfterSeconds")).longValue());
        }
    }

    @Test
    void aClusteredCollectionExpiresDocumentsByTheirIdDate() throws Exception {
        TuskConfig config = TuskConfig.defaults().withPort(0).withPostgresUrl(EmbeddedPostgres.testJdbcUrl()).withTtlMonitorSeconds(1);
        try (TuskServer server = TuskServer.start(config);
                MongoClient client = TuskTestServer.newClient("mongodb://127.0.0.1:" + server.port() + "/?directConnection=true")) {
            com.mongodb.client.MongoDatabase db = client.getDatabase("ttl_clustered_it");
            db.drop();
            db.createCollection("events", new com.mongodb.client.model.CreateCollectionOptions()
                    .clusteredIndexOptions(new com.mongodb.client.model.ClusteredIndexOptions(new Document("_id", 1), true))
                    .expireAfter(3_600L, TimeUnit.SECONDS));
            assertEquals(3_600L, db.listCollections().first().get("options", Document.class).getLong("expireAfterSeconds"));
            MongoCollection<Document> c = db.getCollection("events");
            long now = System.currentTimeMillis();
            c.insertMany(List.of(new Document("_id", new Date(now - 7_200_000)).append("n", "old"),
                    new Document("_id", new Date(now - 60_000)).append("n", "recent"),
                    new Document("_id", "not a date").append("n", "kept")));
            long deadline = System.currentTimeMillis() + 20_000;
            while (c.countDocuments() > 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(List.of("kept", "recent"), c.find().map(d -> d.getString("n")).into(new java.util.ArrayList<>()));
            db.runCommand(new Document("collMod", "events").append("expireAfterSeconds", 30));
            while (c.countDocuments() > 1 && System.currentTimeMillis() < deadline + 20_000) {
                Thread.sleep(200);
            }
            assertEquals(List.of("kept"), c.find().map(d -> d.getString("n")).into(new java.util.ArrayList<>()), "collMod shortened the expiry");
            db.runCommand(new Document("collMod", "events").append("expireAfterSeconds", "off"));
            assertFalse(db.listCollections().first().get("options", Document.class).containsKey("expireAfterSeconds"));
            assertEquals(72, assertThrows(MongoCommandException.class, () -> db.runCommand(new Document("create", "plain")
                    .append("expireAfterSeconds", 60))).getErrorCode(), "only clustered collections expire by _id");
            assertEquals(72, assertThrows(MongoCommandException.class, () -> db.runCommand(new Document("collMod", "events")
                    .append("expireAfterSeconds", -1))).getErrorCode());
            assertEquals(72, assertThrows(MongoCommandException.class, () -> db.runCommand(new Document("collMod", "events")
                    .append("expireAfterSeconds", "never"))).getErrorCode());
        }
    }

    @Test
    void collModHidesIndexesAndChangesExpiry() {
        MongoCollection<Document> c = TuskTestServer.client().getDatabase("collmod_it").getCollection("c");
        c.drop();
        for (int i = 0; i < 50; i++) {
            c.insertOne(new Document("_id", i).append("a", i).append("at", new Date()));
        }
        c.createIndex(Indexes.ascending("a"));
        c.createIndex(Indexes.ascending("at"), new IndexOptions().expireAfter(3600L, TimeUnit.SECONDS));
        Document hide = TuskTestServer.client().getDatabase("collmod_it").runCommand(new Document("collMod", "c")
                .append("index", new Document("keyPattern", new Document("a", 1)).append("hidden", true)));
        assertEquals(false, hide.getBoolean("hidden_old"));
        assertEquals(true, hide.getBoolean("hidden_new"));
        assertEquals(true, c.listIndexes().into(new java.util.ArrayList<>()).get(1).getBoolean("hidden"));
        Document plan = c.find(Filters.eq("a", 7)).explain(ExplainVerbosity.QUERY_PLANNER);
        String winning = plan.get("queryPlanner", Document.class).get("winningPlan", Document.class).toJson();
        assertTrue(winning.contains("COLLSCAN") && !winning.contains("a_1"), winning);
        assertEquals(1, c.countDocuments(Filters.eq("a", 7)));
        com.mongodb.MongoQueryException hinted = assertThrows(com.mongodb.MongoQueryException.class,
                () -> c.find(Filters.eq("a", 7)).hintString("a_1").first());
        assertEquals(2, hinted.getErrorCode(), "a hidden index cannot be hinted");
        Document expiry = TuskTestServer.client().getDatabase("collmod_it").runCommand(new Document("collMod", "c")
                .append("index", new Document("name", "at_1").append("expireAfterSeconds", 10)));
        assertEquals(10L, ((Number) expiry.get("expireAfterSeconds_new")).longValue());
        MongoCommandException missing = assertThrows(MongoCommandException.class, () ->
                TuskTestServer.client().getDatabase("collmod_it").runCommand(new Document("collMod", "c")
                        .append("index", new Document("name", "nope").append("hidden", true))));
        assertEquals(27, missing.getErrorCode());
        assertTrue(c.listIndexes().into(new java.util.ArrayList<>()).stream().anyMatch(d -> d.getString("name").equals("at_1")));
    }
}
