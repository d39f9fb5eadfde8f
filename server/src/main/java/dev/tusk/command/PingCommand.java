package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import org.bson.*;

/** ping: a way to check that the server is alive */
final class PingCommand implements Command {
    @Override
    public String name() {
        return "ping";
    }

    @Override
    public String help() {
        return "a way to check that the server is alive";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        return Replies.ok();
    }
}
