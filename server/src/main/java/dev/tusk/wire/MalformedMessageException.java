package dev.tusk.wire;

/** A message that breaks the wire protocol; the connection that sent it is closed. */
final class MalformedMessageException extends RuntimeException {
    MalformedMessageException(String message) {
        // no stack trace: garbage input is expected and must stay cheap to reject
        super(message, null, false, false);
    }

    MalformedMessageException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause, false, false);
    }
}
