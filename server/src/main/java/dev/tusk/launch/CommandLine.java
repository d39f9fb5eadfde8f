package dev.tusk.launch;

import java.nio.file.Path;
import java.util.Optional;

/** Parses `tusk start` flags into a {@link TuskConfig}. */
public final class CommandLine {
    public static final String USAGE = """
            Usage: tusk start [options]

              --port N               port to listen on (default 27017; 0 = any free port)
              --bind HOST            address to listen on (default 127.0.0.1)
              --data-dir DIR         where the embedded PostgreSQL keeps its data (default ./.tusk)
              --postgres-url URL     use this PostgreSQL instead of an embedded one
                                     (jdbc:postgresql://host:port/db?user=...; env TUSK_POSTGRES_URL)
              --replica-set NAME     replica set name presented to clients (default rs0)
              --standalone           present as a standalone server instead of a replica set primary
              --advertise HOST:PORT  address reported to clients in hello (default bind:port)
              --pool-size N          PostgreSQL connections (default 20)
              --ttl-monitor-seconds N  how often TTL indexes delete expired documents (default 60)
              --enable-test-commands answer test-only commands (configureFailPoint), as mongod's enableTestCommands
              --log-level LEVEL      error, warn, info, debug or trace (default info)
              --help                 this text
            """;

    private CommandLine() {}

    /** Thrown for --help and for bad flags; the message is what to print. */
    public static final class UsageException extends Exception {
        private final boolean help;

        UsageException(String message, boolean help) {
            super(message);
            this.help = help;
        }

        public boolean isHelp() {
            return help;
        }
    }

    public static TuskConfig parse(String[] args, java.util.Map<String, String> env) throws UsageException {
        TuskConfig d = TuskConfig.defaults();
        int port = d.port();
        String bind = d.bind();
        Path dataDir = d.dataDir();
        Optional<String> pgUrl = Optional.ofNullable(env.get("TUSK_POSTGRES_URL")).filter(s -> !s.isBlank());
        String logLevel = d.logLevel();
        Optional<String> rs = d.replicaSetName();
        Optional<String> advertise = Optional.empty();
        int poolSize = d.poolSize();
        int ttlSeconds = d.ttlMonitorSeconds();
        boolean testCommands = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String flag = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            java.util.function.Supplier<String> value;
            final int at = i;
            if (a.contains("=")) {
                String v = a.substring(a.indexOf('=') + 1);
                value = () -> v;
            } else {
                value = () -> at + 1 < args.length ? args[at + 1] : null;
            }
            boolean consumesNext = !a.contains("=");
            switch (flag) {
                case "--help", "-h" -> throw new UsageException(USAGE, true);
                case "--standalone" -> {
                    rs = Optional.empty();
                    consumesNext = false;
                }
                case "--enable-test-commands" -> {
                    testCommands = true;
                    consumesNext = false;
                }
                case "--port" -> port = parseInt(flag, need(flag, value.get()), 0, 65535);
                case "--bind" -> bind = need(flag, value.get());
                case "--data-dir" -> dataDir = Path.of(need(flag, value.get()));
                case "--postgres-url" -> pgUrl = Optional.of(need(flag, value.get()));
                case "--replica-set" -> rs = Optional.of(need(flag, value.get()));
                case "--advertise" -> advertise = Optional.of(need(flag, value.get()));
                case "--pool-size" -> poolSize = parseInt(flag, need(flag, value.get()), 2, 1000);
                case "--ttl-monitor-seconds" -> ttlSeconds = parseInt(flag, need(flag, value.get()), 1, 86_400);
                case "--log-level" -> logLevel = need(flag, value.get()).toLowerCase(java.util.Locale.ROOT);
                default -> throw new UsageException("unknown option: " + a + "\n\n" + USAGE, false);
            }
            if (consumesNext) {
                i++;
            }
        }
        if (!java.util.Set.of("error", "warn", "info", "debug", "trace").contains(logLevel)) {
            throw new UsageException("--log-level must be one of error, warn, info, debug, trace", false);
        }
        return new TuskConfig(port, bind, dataDir, pgUrl, logLevel, rs, advertise, poolSize, ttlSeconds, testCommands);
    }

    private static String need(String flag, String v) throws UsageException {
        if (v == null || v.isEmpty()) {
            throw new UsageException(flag + " needs a value", false);
        }
        return v;
    }

    private static int parseInt(String flag, String v, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new UsageException(flag + " must be between " + min + " and " + max, false);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a number: " + v, false);
        }
    }
}
