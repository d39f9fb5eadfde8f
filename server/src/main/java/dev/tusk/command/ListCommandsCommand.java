package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import org.bson.*;

/** listCommands: every command Tusk answers, with a line of help each */
final class ListCommandsCommand implements Command {
    @Override
    public String name() {
        return "listCommands";
    }

    @Override
    public String help() {
        return "every command Tusk answers, with a line of help each";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        BsonDocument commands = new BsonDocument();
        cx.commands().byName().forEach((name, command) -> commands.append(name, new BsonDocument("help", new BsonString(command.help()))
                .append("requiresAuth", BsonBoolean.FALSE)
                .append("secondaryOk", BsonBoolean.TRUE)
                .append("adminOnly", BsonBoolean.FALSE)
                .append("apiVersions", new BsonArray())
                .append("deprecatedApiVersions", new BsonArray())));
        return Replies.ok(new BsonDocument("commands", commands));
    }
}
