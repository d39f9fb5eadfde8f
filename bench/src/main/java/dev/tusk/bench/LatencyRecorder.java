package dev.tusk.bench;

/**
 * A log-linear latency histogram in nanoseconds: values below 128 ns are exact, larger ones fall in
 * one of 128 buckets per power of two, so a reported percentile is within 0.8 % of the true sample.
 * Fixed size (58 KiB) whatever the number of samples; not thread-safe: one per worker, then {@link #merge}.
 */
final class LatencyRecorder {
    private static final int SUB_BITS = 7;
    private static final int SUB = 1 << SUB_BITS;

    private final long[] counts = new long[64 << SUB_BITS];
    private long count;
    private long sum;
    private long max;

    void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        count++;
        sum += v;
        max = Math.max(max, v);
    }

    void merge(LatencyRecorder other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    double meanNanos() {
        return count == 0 ? 0 : (double) sum / count;
    }

    long maxNanos() {
        return max;
    }

    /** The value at quantile {@code q} (0..1): the middle of its bucket, never above the maximum. */
    long percentileNanos(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, middle(i));
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
        return ((shift + 1) << SUB_BITS) + (int) ((v >>> shift) - SUB);
    }

    static long middle(int index) {
        if (index < SUB) {
            return index;
        }
        int shift = (index >>> SUB_BITS) - 1;
        long low = (long) ((index & (SUB - 1)) + SUB) << shift;
        return low + ((1L << shift) >>> 1);
    }
}
