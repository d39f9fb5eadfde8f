package dev.tusk.dispatch;

import java.util.Set;

/**
 * MongoDB's NotPrimaryError and ShutdownError categories: replies with these codes carry the
 * server's topologyVersion, which lets a driver ignore an error older than what it already knows.
 */
final class StateChangeErrors {
    private static final Set<Integer> CODES = Set.of(91, 189, 10058, 10107, 11600, 11602, 13435, 13436);

    private StateChangeErrors() {}

    static boolean contains(int code) {
        return CODES.contains(code);
    }
}
