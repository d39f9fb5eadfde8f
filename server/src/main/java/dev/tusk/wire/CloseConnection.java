package dev.tusk.wire;

/**
 * Thrown by a CommandExecutor to have the wire layer close the connection without a reply (as
 * MongoDB's failCommand fail point with closeConnection does, to simulate a network error).
 */
public final class CloseConnection extends RuntimeException {
    public CloseConnection() {
        super("connection closed on purpose", null, false, false);
    }
}
