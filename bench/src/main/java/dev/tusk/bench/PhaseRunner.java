package dev.tusk.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Runs a timed phase: {@code threads} platform threads call their operation in a closed loop, first
 * for the warm-up (not recorded), then for the measured window. An operation is counted when it
 * starts inside the window; the measured time runs from the window's start to the end of the last
 * counted operation, so slow operations (seconds each) are still timed exactly. Failed operations are
 * counted apart and left out of throughput and latency.
 */
final class PhaseRunner {
    private PhaseRunner() {}

    static SideResult run(Side side, int threads, Duration warmup, Duration measured, IntFunction<Operation> perThread)
            throws InterruptedException {
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long windowEnd = windowStart + measured.toNanos();
        LatencyRecorder[] recorders = new LatencyRecorder[threads];
        long[] lastEnd = new long[threads];
        long[] errors = new long[threads];
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            recorders[id] = new LatencyRecorder();
            Operation op = perThread.apply(id);
            workers.add(Thread.ofPlatform().name("bench-" + side.label() + "-" + id).start(() -> {
                try {
                    long now = System.nanoTime();
                    while (now < windowEnd) {
                        long t0 = now;
                        boolean failed = false;
                        try {
                            op.run();
                        } catch (Exception | AssertionError e) {
                            failed = true;
                            firstError.compareAndSet(null, e);
                        }
                        now = System.nanoTime();
                        if (t0 >= windowStart) {
                            lastEnd[id] = now;
                            if (failed) {
                                errors[id]++;
                            } else {
                                recorders[id].record(now - t0);
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            }));
        }
        done.await();
        LatencyRecorder all = new LatencyRecorder();
        long end = windowStart;
        long errorCount = 0;
        for (int t = 0; t < threads; t++) {
            all.merge(recorders[t]);
            end = Math.max(end, lastEnd[t]);
            errorCount += errors[t];
        }
        if (firstError.get() != null) {
            System.err.printf("  %s: %d failed operations, first: %s%n", side.label(), errorCount, firstError.get());
        }
        return new SideResult(side, all.count(), errorCount, Math.max(1, end - windowStart), all);
    }
}
