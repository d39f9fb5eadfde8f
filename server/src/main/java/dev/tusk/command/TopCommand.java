package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.exec.CollectionUsage;
import org.bson.BsonDocument;

/**
 * top (what mongotop polls): per collection, the time and count of the commands run on it since it was created or the
 * server started: all, reads (readLock), writes (writeLock), and finds, getMores, inserts, updates, deletes, others.
 */
final class TopCommand implements Command {
    @Override
    public String name() {
        return "top";
    }

    @Override
    public String help() {
        return "usage by collection: time and count per kind of operation";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        request.requireAdminDatabase();
        return Replies.ok(new BsonDocument("totals", CollectionUsage.top()));
    }
}
