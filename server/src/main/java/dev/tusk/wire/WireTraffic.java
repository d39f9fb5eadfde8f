package dev.tusk.wire;

import java.util.concurrent.atomic.LongAdder;

/** What serverStatus reports under {@code network}: messages and bytes in and out on every connection since the start. */
public final class WireTraffic {
    private static final LongAdder BYTES_IN = new LongAdder();
    private static final LongAdder BYTES_OUT = new LongAdder();
    private static final LongAdder REQUESTS = new LongAdder();

    private WireTraffic() {}

    static void received(int bytes) {
        BYTES_IN.add(bytes);
        REQUESTS.increment();
    }

    static void sent(int bytes) {
        BYTES_OUT.add(bytes);
    }

    public static long bytesIn() {
        return BYTES_IN.sum();
    }

    public static long bytesOut() {
        return BYTES_OUT.sum();
    }

    public static long requests() {
        return REQUESTS.sum();
    }
}
