package dev.tusk.it.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.mongodb.MongoClientSettings;
import com.mongodb.ServerApi;
import com.mongodb.ServerApiVersion;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.tusk.it.support.TuskTestServer;
import dev.tusk.launch.TuskConfig;
import dev.tusk.launch.TuskServer;
import dev.tusk.pg.EmbeddedPostgres;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Compression, the stable API, replica-set discovery and --standalone, through the driver. */
class ClientOptionsIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zstd", "snappy", "zlib"})
    void crudWorksOverEachCompressor(String compressor) {
        try (MongoClient client = TuskTestServer.newClient(TuskTestServer.uri() + "?directConnection=true&compressors=" + compressor)) {
            MongoCollection<Document> c = client.getDatabase("options_it").getCollection("compressed_" + compressor);
            c.drop();
            String big = "x".repeat(100_000);
            c.insertOne(new Document("_id", 1).append("big", big));
            assertEquals(big, c.find().first().getString("big"));
        }
    }

    @Test
    void stableApiVersionOneIsAccepted() {
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(TuskTestServer.uri() + "?directConnection=true"))
                .serverApi(ServerApi.builder().version(ServerApiVersion.V1).build()).build())) {
            client.getDatabase("options_it").getCollection("api").insertOne(new Document("a", 1));
            assertEquals(1, client.getDatabase("options_it").getCollection("api").countDocuments());
        }
    }

    @Test
    void replicaSetDiscoveryFindsThePrimary() {
        try (MongoClient client = TuskTestServer.newClient(TuskTestServer.uri() + "?replicaSet=rs0")) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertEquals("rs0", hello.getString("setName"));
        }
    }

    @Test
    void standalonePresentsNoReplicaSet() {
        TuskConfig config = TuskConfig.defaults().withPort(0).withPostgresUrl(EmbeddedPostgres.testJdbcUrl()).standalone();
        try (TuskServer standalone = TuskServer.start(config);
                MongoClient client = TuskTestServer.newClient("mongodb://127.0.0.1:" + standalone.port() + "/")) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertFalse(hello.containsKey("setName"));
            assertEquals(true, hello.getBoolean("isWritablePrimary"));
            assertEquals(List.of(), client.getDatabase("options_it_standalone").listCollectionNames().into(new java.util.ArrayList<>()));
        }
    }
}
