package dev.tusk.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one benchmark run is asked to do.
 *
 * @param docs      documents loaded on each side
 * @param threads   client threads for the multi-threaded workloads
 * @param seconds   measured time of each timed phase, per side
 * @param warmup    unmeasured time before each timed phase, per side
 * @param batchSize documents per insertMany / INSERT batch
 * @param seed      seed of the document generator and of every worker's key sequence
 * @param outDir    where the JSON result file goes
 * @param only      workload ids to run (empty: all); the load always runs
 */
record BenchConfig(int docs, int threads, int seconds, int warmup, int batchSize, long seed, Path outDir,
        java.util.Set<String> only) {

    static final String USAGE = """
            Usage: ./tusk bench [--docs N] [--threads T] [--seconds S] [--warmup W] [--batch B] [--seed X] [--out DIR]
              --docs N      documents loaded on each side (default 100000)
              --threads T   client threads for the multi-threaded workloads (default 8)
              --seconds S   measured seconds per timed phase and side (default 10)
              --warmup W    unmeasured warm-up seconds before each timed phase (default 2)
              --batch B     documents per insertMany / INSERT batch (default 1000)
              --seed X      generator seed (default 42)
              --out DIR     directory of the JSON result file (default bench/results)
              --only IDS    comma-separated workload ids to run after the load (default: all), e.g. point-read-1,update-8
            """;

    BenchConfig {
        if (docs < 1 || threads < 1 || seconds < 1 || warmup < 0 || batchSize < 1) {
            throw new IllegalArgumentException("--docs, --threads, --seconds and --batch must be >= 1, --warmup >= 0");
        }
    }

    static BenchConfig defaults() {
        return new BenchConfig(100_000, 8, 10, 2, 1000, 42, Path.of("bench", "results"), java.util.Set.of());
    }

    Duration measured() {
        return Duration.ofSeconds(seconds);
    }

    Duration warmupTime() {
        return Duration.ofSeconds(warmup);
    }

    /** Thrown for --help (message = usage) and for bad arguments. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean help;

        UsageException(String message, boolean help) {
            super(message);
            this.help = help;
        }

        boolean isHelp() {
            return help;
        }
    }

    static BenchConfig parse(String[] args) throws UsageException {
        BenchConfig c = defaults();
        int docs = c.docs;
        int threads = c.threads;
        int seconds = c.seconds;
        int warmup = c.warmup;
        int batch = c.batchSize;
        long seed = c.seed;
        Path out = c.outDir;
        java.util.Set<String> only = c.only;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new UsageException(USAGE, true);
            }
            String name = a;
            String value;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("missing value for " + a + "\n" + USAGE, false);
            }
            try {
                switch (name) {
                    case "--docs" -> docs = Integer.parseInt(value);
                    case "--threads" -> threads = Integer.parseInt(value);
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--batch" -> batch = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--out" -> out = Path.of(value);
                    case "--only" -> only = java.util.Set.of(value.split(","));
                    default -> throw new UsageException("unknown option " + name + "\n" + USAGE, false);
                }
            } catch (NumberFormatException e) {
                throw new UsageException("not a number for " + name + ": " + value, false);
            }
        }
        try {
            return new BenchConfig(docs, threads, seconds, warmup, batch, seed, out, only);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), false);
        }
    }
}
