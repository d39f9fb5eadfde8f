package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import org.bson.*;

/** whatsmyuri: the client's own address as the server sees it */
final class WhatsMyUriCommand implements Command {
    @Override
    public String name() {
        return "whatsmyuri";
    }

    @Override
    public String help() {
        return "the client's own address as the server sees it";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        return Replies.ok(new BsonDocument("you", new BsonString(request.connection().remoteAddress())));
    }
}
