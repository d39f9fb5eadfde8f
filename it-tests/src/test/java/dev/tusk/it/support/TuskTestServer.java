package dev.tusk.it.support;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.tusk.launch.TuskConfig;
import dev.tusk.launch.TuskServer;
import dev.tusk.pg.EmbeddedPostgres;
import java.util.concurrent.TimeUnit;

/**
 * One Tusk per test JVM, started in-process on a free port over a real PostgreSQL (a temporary
 * embedded cluster, or TUSK_TEST_POSTGRES_URL). Test classes isolate themselves by database name.
 */
public final class TuskTestServer {
    private static TuskServer server;
    private static MongoClient client;

    private TuskTestServer() {}

    public static synchronized TuskServer server() {
        if (server == null) {
            server = TuskServer.start(TuskConfig.defaults().withPort(0).withPostgresUrl(EmbeddedPostgres.testJdbcUrl())
                    .withTestCommands());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (client != null) {
                    client.close();
                }
                server.close();
            }));
        }
        return server;
    }

    public static String uri() {
        return "mongodb://127.0.0.1:" + server().port() + "/";
    }

    /** A shared client (directConnection, short timeouts so a broken server fails fast). */
    public static synchronized MongoClient client() {
        if (client == null) {
            client = newClient(uri() + "?directConnection=true");
        }
        return client;
    }

    public static MongoClient newClient(String connectionString) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.readTimeout(60, TimeUnit.SECONDS))
                .build());
    }
}
