package dev.tusk.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The printed tables: one per workload as it finishes, and a summary at the end. */
final class Report {
    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    void workload(WorkloadResult r) {
        out.println();
        out.printf(Locale.ROOT, "== %s ==%n", r.title());
        out.printf(Locale.ROOT, "   tusk:  %s%n   limit: %s%n", r.tuskOp(), r.limitOp());
        out.printf(Locale.ROOT, "   %-6s %12s %10s %10s %10s %9s%n", "side", r.unit() + "/s", "p50 ms", "p99 ms", "max ms",
                r.unit().equals("docs") ? "batches" : "ops");
        for (SideResult s : List.of(r.tusk(), r.limit())) {
            out.printf(Locale.ROOT, "   %-6s %12s %10s %10s %10s %9d%s%n", s.side().label(), number(s.opsPerSecond()),
                    number(s.p50Millis()), number(s.p99Millis()), number(s.maxMillis()), s.latency().count(),
                    s.errors() > 0 ? "  (" + s.errors() + " errors)" : "");
        }
        out.printf(Locale.ROOT, "   tusk/limit: throughput %s, p50 %s, p99 %s%n", ratio(r.throughputRatio()),
                ratio(r.p50Ratio()), ratio(r.p99Ratio()));
        out.printf(Locale.ROOT, "   check: %s — %s%n", r.verification().status(), r.verification().detail());
    }

    void summary(List<WorkloadResult> results) {
        out.println();
        out.println("== summary (throughput ratio = tusk/limit, latency ratios = tusk/limit) ==");
        out.printf(Locale.ROOT, "%-48s %12s %12s %9s %9s %9s %s%n", "workload", "tusk/s", "limit/s", "thr ratio",
                "p50 ratio", "p99 ratio", "check");
        for (WorkloadResult r : results) {
            out.printf(Locale.ROOT, "%-48s %12s %12s %9s %9s %9s %s%n", r.title(), number(r.tusk().opsPerSecond()),
                    number(r.limit().opsPerSecond()), ratio(r.throughputRatio()), ratio(r.p50Ratio()),
                    ratio(r.p99Ratio()), r.verification().status());
        }
    }

    /** Three significant digits, without exponent. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String ratio(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return (v >= 0.01 ? number(v) : String.format(Locale.ROOT, "%.4f", v)) + "x";
    }
}
