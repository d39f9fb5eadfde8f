package dev.tusk.it.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import dev.tusk.it.support.TuskTestServer;
import dev.tusk.launch.TuskConfig;
import dev.tusk.launch.TuskServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Data written through Tusk survives stopping and starting Tusk together with its embedded PostgreSQL. */
class RestartIT {

    @Test
    void dataSurvivesARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("tusk-restart-it");
        TuskConfig config = TuskConfig.defaults().withPort(0).withDataDir(dataDir);
        try (TuskServer first = TuskServer.start(config);
                MongoClient client = TuskTestServer.newClient("mongodb://127.0.0.1:" + first.port() + "/?directConnection=true")) {
            client.getDatabase("restart").getCollection("c").insertOne(new Document("_id", 1).append("kept", "yes"));
        }
        try (TuskServer second = TuskServer.start(config);
                MongoClient client = TuskTestServer.newClient("mongodb://127.0.0.1:" + second.port() + "/?directConnection=true")) {
            Document back = client.getDatabase("restart").getCollection("c").find().first();
            assertEquals(new Document("_id", 1).append("kept", "yes"), back);
        }
    }
}
