package dev.tusk.bench;

/**
 * One side's figures for one workload.
 *
 * @param ops      operations counted (documents for the load; its latencies are per batch)
 * @param errors   operations that threw (not counted in ops)
 * @param nanos    measured wall time
 */
record SideResult(Side side, long ops, long errors, long nanos, LatencyRecorder latency) {

    double opsPerSecond() {
        return nanos == 0 ? 0 : ops * 1e9 / nanos;
    }

    double p50Millis() {
        return latency.percentileNanos(0.50) / 1e6;
    }

    double p99Millis() {
        return latency.percentileNanos(0.99) / 1e6;
    }

    double meanMillis() {
        return latency.meanNanos() / 1e6;
    }

    double maxMillis() {
        return latency.maxNanos() / 1e6;
    }
}
