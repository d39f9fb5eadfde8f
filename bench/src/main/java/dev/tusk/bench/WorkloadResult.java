package dev.tusk.bench;

/** Both sides' figures for one workload and the check that they did the same work. */
record WorkloadResult(String id, String title, String tuskOp, String limitOp, int threads, String unit,
        SideResult tusk, SideResult limit, Verification verification) {

    /** Tusk's throughput as a fraction of the limit's (1.0 = as fast as hand-written SQL). */
    double throughputRatio() {
        return ratio(tusk.opsPerSecond(), limit.opsPerSecond());
    }

    /** How many times the limit's median latency Tusk takes. */
    double p50Ratio() {
        return ratio(tusk.p50Millis(), limit.p50Millis());
    }

    double p99Ratio() {
        return ratio(tusk.p99Millis(), limit.p99Millis());
    }

    private static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }
}
