package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import java.util.Set;
import org.bson.BsonDocument;

/** dropDatabase: every collection of the database. */
final class DropDatabaseCommand implements Command {
    @Override
    public String name() {
        return "dropDatabase";
    }

    @Override
    public String help() {
        return "drop the current database";
    }

    @Override
    public boolean acceptsWriteConcern() {
        return true;
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        new CommandArgs(request, Set.of());
        cx.catalog().dropDatabase(request.database());
        dev.tusk.exec.CollectionUsage.droppedDatabase(request.database());
        return Replies.ok();
    }
}
