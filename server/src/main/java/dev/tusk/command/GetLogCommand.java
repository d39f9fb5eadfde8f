package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import org.bson.*;

/** getLog: recent log lines: startupWarnings, global, or * for the names */
final class GetLogCommand implements Command {
    @Override
    public String name() {
        return "getLog";
    }

    @Override
    public String help() {
        return "recent log lines: startupWarnings, global, or * for the names";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        BsonValue which = request.commandValue();
        if (!which.isString()) {
            throw dev.tusk.error.ErrorCode.TYPE_MISMATCH.error("Argument to getLog must be of type String; found %s of type %s",
                    which, dev.tusk.bson.BsonText.typeName(which));
        }
        String name = which.asString().getValue();
        return switch (name) {
            case "*" -> Replies.ok(new BsonDocument("names", new BsonArray(java.util.List.of(new BsonString("global"), new BsonString("startupWarnings")))));
            case "global", "startupWarnings" -> Replies.ok(new BsonDocument("totalLinesWritten", new BsonInt32(0)).append("log", new BsonArray()));
            default -> throw dev.tusk.error.ErrorCode.OPERATION_FAILED.error("No log named '%s'", name);
        };
    }
}
