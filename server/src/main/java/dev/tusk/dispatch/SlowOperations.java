package dev.tusk.dispatch;

import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profiler's level-0 settings, server-wide as MongoDB's: operations slower than {@code slowms} are logged as
 * "Slow query" (a {@code sampleRate} share of them). Awaitable hellos wait by design and are left out.
 */
public final class SlowOperations {
    private static final Logger log = LoggerFactory.getLogger("dev.tusk.slow");
    private static final Set<String> WAITING_BY_DESIGN = Set.of("hello", "isMaster", "ismaster");

    private volatile int slowMillis = 100;
    private volatile double sampleRate = 1.0;

    public int slowMillis() {
        return slowMillis;
    }

    public double sampleRate() {
        return sampleRate;
    }

    public void set(int slowMillis, double sampleRate) {
        this.slowMillis = slowMillis;
        this.sampleRate = sampleRate;
    }

    void finished(String command, String ns, long micros) {
        if (micros / 1000 <= slowMillis || WAITING_BY_DESIGN.contains(command)) {
            return;
        }
        if (sampleRate < 1.0 && ThreadLocalRandom.current().nextDouble() >= sampleRate) {
            return;
        }
        log.info("Slow query: {\"ns\": \"{}\", \"command\": \"{}\", \"durationMillis\": {}}", ns, command, micros / 1000);
    }
}
