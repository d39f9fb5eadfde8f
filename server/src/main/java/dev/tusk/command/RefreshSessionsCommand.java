package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** refreshSessions: marks the listed sessions used now, so they do not expire. */
final class RefreshSessionsCommand implements Command {
    @Override
    public String name() {
        return "refreshSessions";
    }

    @Override
    public String help() {
        return "keep logical sessions alive";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        BsonValue list = request.commandValue();
        if (!list.isArray()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'refreshSessions' is the wrong type '%s', expected type 'array'",
                    dev.tusk.bson.BsonText.typeName(list));
        }
        for (BsonValue lsid : list.asArray()) {
            if (!lsid.isDocument() || !lsid.asDocument().containsKey("id")) {
                throw ErrorCode.FAILED_TO_PARSE.error("BSON field 'LogicalSessionFromClient.id' is missing but a required field");
            }
            cx.sessions().touch(lsid.asDocument());
        }
        return Replies.ok();
    }
}
