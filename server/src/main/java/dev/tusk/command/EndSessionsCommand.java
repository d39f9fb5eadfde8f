package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import org.bson.*;

/** endSessions: ends logical sessions (server-side session state is released) */
final class EndSessionsCommand implements Command {
    @Override
    public String name() {
        return "endSessions";
    }

    @Override
    public String help() {
        return "ends logical sessions (server-side session state is released)";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        BsonValue sessions = request.body().get("endSessions");
        if (sessions != null && sessions.isArray()) {
            for (BsonValue lsid : sessions.asArray()) {
                if (lsid.isDocument() && lsid.asDocument().containsKey("id")) {
                    cx.sessions().end(lsid.asDocument().get("id"));
                }
            }
        }
        return Replies.ok();
    }
}
