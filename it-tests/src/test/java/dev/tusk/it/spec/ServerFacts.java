package dev.tusk.it.spec;

import com.mongodb.client.MongoClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/** What runOnRequirements are checked against: the target's version, topology and parameters. */
final class ServerFacts {
    private final MongoClient internal;
    private final String version;
    private final String topology;
    private final Map<String, BsonValue> parameters = new ConcurrentHashMap<>();

    ServerFacts(MongoClient internal) {
        this.internal = internal;
        BsonDocument admin = new BsonDocument("buildInfo", new BsonInt32(1));
        this.version = internal.getDatabase("admin").runCommand(admin, BsonDocument.class).getString("version").getValue();
        BsonDocument hello = internal.getDatabase("admin").runCommand(new BsonDocument("hello", new BsonInt32(1)), BsonDocument.class);
        if (hello.containsKey("setName")) {
            topology = "replicaset";
        } else if (hello.containsKey("msg") && "isdbgrid".equals(hello.get("msg").asString().getValue())) {
            topology = "sharded";
        } else if (hello.containsKey("serviceId")) {
            topology = "load-balanced";
        } else {
            topology = "single";
        }
    }

    String version() {
        return version;
    }

    String topology() {
        return topology;
    }

    /** The parameter's value from getParameter, or null when the server does not report it. */
    BsonValue parameter(String name) {
        BsonValue v = parameters.computeIfAbsent(name, n -> {
            try {
                BsonDocument reply = internal.getDatabase("admin").runCommand(
                        new BsonDocument("getParameter", new BsonInt32(1)).append(n, new BsonInt32(1)), BsonDocument.class);
                return reply.containsKey(n) ? reply.get(n) : MISSING;
            } catch (RuntimeException e) {
                return MISSING;
            }
        });
        return v == MISSING ? null : v;
    }

    private static final BsonValue MISSING = new BsonDocument("$$missing", new BsonInt32(1));
}
