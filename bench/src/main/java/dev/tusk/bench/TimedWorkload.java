package dev.tusk.bench;

import java.util.SplittableRandom;

/** A workload measured by {@link PhaseRunner}: each worker gets its own operation and random sequence. */
abstract class TimedWorkload implements Workload {
    private final String id;
    private final int threads;

    TimedWorkload(String id, int threads) {
        this.id = id;
        this.threads = threads;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int threads() {
        return threads;
    }

    /** "1 thread" / "8 threads", for titles. */
    String threadsLabel() {
        return threads + (threads == 1 ? " thread" : " threads");
    }

    /** The operation worker {@code rnd} drives; both sides get the same random sequence per thread. */
    abstract Operation operation(Side side, Targets targets, SplittableRandom rnd);

    @Override
    public SideResult run(Side side, Targets targets) throws InterruptedException {
        BenchConfig c = targets.config;
        long base = c.seed() * 31 + id.hashCode();
        return PhaseRunner.run(side, threads, c.warmupTime(), c.measured(),
                t -> operation(side, targets, new SplittableRandom(base * 1_000_003L + t)));
    }

    static String randomKey(Targets targets, SplittableRandom rnd) {
        return DocumentGenerator.key(rnd.nextInt(targets.config.docs()));
    }
}
