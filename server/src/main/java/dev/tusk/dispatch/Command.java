package dev.tusk.dispatch;

import org.bson.BsonDocument;

/** One MongoDB command (or a tight family sharing one implementation). Registered in {@link CommandRegistry}. */
public interface Command {
    /** The canonical command name, as listed by listCommands. */
    String name();

    /** Other names the command answers to (e.g. isMaster for hello). */
    default java.util.List<String> aliases() {
        return java.util.List.of();
    }

    /** One line for listCommands. */
    String help();

    /** Writes go through retryable-write bookkeeping and count as write operations. */
    default boolean isWrite() {
        return false;
    }

    /** Commands that write take a writeConcern (validated, then met or answered with a writeConcernError). */
    default boolean acceptsWriteConcern() {
        return isWrite();
    }

    /** Runs the command; errors are thrown as MongoServerException and turned into replies by the dispatcher. */
    BsonDocument execute(CommandRequest request, CommandContext cx);
}
