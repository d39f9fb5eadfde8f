package dev.tusk.it.spec;

import java.util.Set;

/**
 * The outcome of one case, with what it exercised (operations, commands, operators) for the
 * compatibility report.
 */
record CaseResult(String id, String area, Status status, String message, Set<String> operations,
        Set<String> commands, Set<String> operators) {

    enum Status {
        PASSED, EXPECTED_FAILURE, FAILED, NOW_PASSES, SKIPPED;

        /** Whether the server did what the case asked (a listed case that now passes counts). */
        boolean works() {
            return this == PASSED || this == NOW_PASSES;
        }
    }
}
