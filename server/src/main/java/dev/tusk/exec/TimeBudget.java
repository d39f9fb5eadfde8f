package dev.tusk.exec;

import dev.tusk.error.ErrorCode;

/**
 * maxTimeMS: the processing time an operation (a command, or a cursor over all its batches) may
 * use. Only time spent working counts, not the time a cursor waits between getMores. Each SQL
 * statement gets the remaining budget as its statement_timeout.
 */
public final class TimeBudget {
    private static final TimeBudget UNLIMITED = new TimeBudget(Long.MAX_VALUE);
    private long remainingNanos;

    private TimeBudget(long remainingNanos) {
        this.remainingNanos = remainingNanos;
    }

    public static TimeBudget unlimited() {
        return UNLIMITED;
    }

    /** maxTimeMS 0 means no limit, as in MongoDB. */
    public static TimeBudget ofMillis(long maxTimeMs) {
        return maxTimeMs <= 0 ? UNLIMITED : new TimeBudget(maxTimeMs * 1_000_000L);
    }

    public boolean isLimited() {
        return this != UNLIMITED;
    }

    /** The milliseconds left (at least 1); throws 50 MaxTimeMSExpired when none are. */
    public synchronized long remainingMillis() {
        if (remainingNanos <= 0) {
            throw expired();
        }
        return Math.max(1, remainingNanos / 1_000_000L);
    }

    /** Charges the time since {@code startNanos} to the budget. */
    public synchronized void charge(long startNanos) {
        if (isLimited()) {
            remainingNanos -= System.nanoTime() - startNanos;
        }
    }

    public static RuntimeException expired() {
        return ErrorCode.MAX_TIME_MS_EXPIRED.error("operation exceeded time limit");
    }
}
