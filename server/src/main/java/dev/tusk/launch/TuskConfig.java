package dev.tusk.launch;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything Tusk is started with.
 *
 * @param postgresUrl    an existing PostgreSQL (jdbc:postgresql://...); empty = start an embedded one
 * @param replicaSetName empty = present as a standalone
 * @param advertise      host:port reported in hello's hosts/me/primary; empty = bind:port
 * @param ttlMonitorSeconds how often expired documents of TTL indexes are deleted (MongoDB: 60)
 * @param enableTestCommands answer test-only commands (configureFailPoint), like mongod's enableTestCommands
 */
public record TuskConfig(
        int port,
        String bind,
        Path dataDir,
        Optional<String> postgresUrl,
        String logLevel,
        Optional<String> replicaSetName,
        Optional<String> advertise,
        int poolSize,
        int ttlMonitorSeconds,
        boolean enableTestCommands) {

    public static TuskConfig defaults() {
        return new TuskConfig(27017, "127.0.0.1", Path.of(".tusk"), Optional.empty(), "info",
                Optional.of("rs0"), Optional.empty(), 20, 60, false);
    }

    public TuskConfig withPort(int port) {
        return new TuskConfig(port, bind, dataDir, postgresUrl, logLevel, replicaSetName, advertise, poolSize, ttlMonitorSeconds, enableTestCommands);
    }

    public TuskConfig withPostgresUrl(String url) {
        return new TuskConfig(port, bind, dataDir, Optional.of(url), logLevel, replicaSetName, advertise, poolSize, ttlMonitorSeconds, enableTestCommands);
    }

    public TuskConfig withDataDir(Path dir) {
        return new TuskConfig(port, bind, dir, postgresUrl, logLevel, replicaSetName, advertise, poolSize, ttlMonitorSeconds, enableTestCommands);
    }

    public TuskConfig withTtlMonitorSeconds(int seconds) {
        return new TuskConfig(port, bind, dataDir, postgresUrl, logLevel, replicaSetName, advertise, poolSize, seconds, enableTestCommands);
    }

    public TuskConfig withTestCommands() {
        return new TuskConfig(port, bind, dataDir, postgresUrl, logLevel, replicaSetName, advertise, poolSize, ttlMonitorSeconds, true);
    }

    public TuskConfig standalone() {
        return new TuskConfig(port, bind, dataDir, postgresUrl, logLevel, Optional.empty(), advertise, poolSize, ttlMonitorSeconds, enableTestCommands);
    }
}
