package dev.tusk.it.spec;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ServerApi;
import com.mongodb.ServerApiVersion;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** A client entity: a MongoClient on the target URI plus the events it observes. */
record ClientEntity(String id, MongoClient client, EventLog log) implements AutoCloseable {
    private static final long HEARTBEAT_MS = 50;

    static ClientEntity create(BsonDocument spec, String baseUri) {
        Set<String> known = Set.of("id", "uriOptions", "useMultipleMongoses", "observeEvents",
                "ignoreCommandMonitoringEvents", "observeSensitiveCommands", "serverApi");
        for (String k : spec.keySet()) {
            if (!known.contains(k)) {
                throw new RunnerException("unsupported client option " + k);
            }
        }
        String uri = withOptions(baseUri, spec.getDocument("uriOptions", new BsonDocument()));
        Set<String> observe = strings(spec.get("observeEvents"));
        Set<String> ignore = strings(spec.get("ignoreCommandMonitoringEvents"));
        boolean sensitive = spec.getBoolean("observeSensitiveCommands", org.bson.BsonBoolean.FALSE).getValue();
        EventLog log = new EventLog(observe, ignore, sensitive);
        MongoClientSettings.Builder b = MongoClientSettings.builder()
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.readTimeout(30, TimeUnit.SECONDS).connectTimeout(5, TimeUnit.SECONDS));
        if (!spec.getDocument("uriOptions", new BsonDocument()).containsKey("heartbeatFrequencyMS")) {
            // The unified format lets runners shorten the heartbeat so that a server marked Unknown after a
            // fail point's state-change error is rediscovered within server selection's timeout (the
            // driver otherwise waits for its monitor's next awaited hello, 10 s by default).
            b.applyToServerSettings(s -> s.heartbeatFrequency(HEARTBEAT_MS, TimeUnit.MILLISECONDS)
                    .minHeartbeatFrequency(HEARTBEAT_MS, TimeUnit.MILLISECONDS));
        }
        b.applyConnectionString(new ConnectionString(uri))
                .addCommandListener(log)
                .applyToConnectionPoolSettings(p -> p.addConnectionPoolListener(log));
        if (spec.containsKey("serverApi")) {
            BsonDocument api = spec.getDocument("serverApi");
            ServerApi.Builder sa = ServerApi.builder().version(ServerApiVersion.findByValue(api.getString("version").getValue()));
            if (api.containsKey("strict")) {
                sa.strict(api.getBoolean("strict").getValue());
            }
            if (api.containsKey("deprecationErrors")) {
                sa.deprecationErrors(api.getBoolean("deprecationErrors").getValue());
            }
            b.serverApi(sa.build());
        }
        return new ClientEntity(spec.getString("id").getValue(), MongoClients.create(b.build()), log);
    }

    static String withOptions(String baseUri, BsonDocument options) {
        StringBuilder sb = new StringBuilder(baseUri);
        boolean hasQuery = baseUri.contains("?");
        if (!hasQuery && !options.isEmpty() && baseUri.indexOf('/', "mongodb://".length()) < 0) {
            sb.append('/');
        }
        for (var e : options.entrySet()) {
            sb.append(hasQuery ? '&' : '?');
            hasQuery = true;
            BsonValue v = e.getValue();
            String text = v.isString() ? v.asString().getValue()
                    : v.isBoolean() ? String.valueOf(v.asBoolean().getValue())
                    : v.isNumber() ? String.valueOf(v.asNumber().longValue())
                    : v.toString();
            sb.append(e.getKey()).append('=').append(text);
        }
        return sb.toString();
    }

    private static Set<String> strings(BsonValue v) {
        Set<String> out = new HashSet<>();
        if (v != null) {
            v.asArray().forEach(x -> out.add(x.asString().getValue()));
        }
        return out;
    }

    @Override
    public void close() {
        log.disable();
        client.close();
    }
}
