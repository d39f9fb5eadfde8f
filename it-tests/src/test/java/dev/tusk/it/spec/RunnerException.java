package dev.tusk.it.spec;

/**
 * A problem of the runner, not of the server: an operation, argument or option it does not
 * implement, or a reference to an unknown entity. Never matched against expectError.
 */
final class RunnerException extends RuntimeException {
    RunnerException(String message) {
        super(message);
    }
}
