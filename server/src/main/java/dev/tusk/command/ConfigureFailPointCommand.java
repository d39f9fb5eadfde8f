package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import java.util.Set;
import org.bson.BsonDocument;

/** configureFailPoint (test command, only with --enable-test-commands): the fail points in {@link dev.tusk.dispatch.FailPoints}. */
final class ConfigureFailPointCommand implements Command {
    @Override
    public String name() {
        return "configureFailPoint";
    }

    @Override
    public String help() {
        return "configure a fail point (failCommand) for client tests";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("mode", "data"));
        request.requireAdminDatabase();
        String name = request.commandValue().isString() ? request.commandValue().asString().getValue() : "";
        if (!dev.tusk.dispatch.FailPoints.NAMES.contains(name)) {
            throw ErrorCode.NOT_IMPLEMENTED.error("fail point %s is not supported by Tusk", name);
        }
        cx.failPoints().configure(name, args.value("mode").orElseThrow(() -> ErrorCode.FAILED_TO_PARSE.error("missing mode")),
                args.document("data").orElse(new BsonDocument()));
        return Replies.ok(new BsonDocument("count", new org.bson.BsonInt32(0)));
    }
}
