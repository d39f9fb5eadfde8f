package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import org.bson.*;

/** connectionStatus: the users and roles of this connection (none: no authentication yet) */
final class ConnectionStatusCommand implements Command {
    @Override
    public String name() {
        return "connectionStatus";
    }

    @Override
    public String help() {
        return "the users and roles of this connection (none: no authentication yet)";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        BsonDocument authInfo = new BsonDocument("authenticatedUsers", new BsonArray())
                .append("authenticatedUserRoles", new BsonArray());
        if (new dev.tusk.dispatch.CommandArgs(request, java.util.Set.of("showPrivileges")).bool("showPrivileges", false)) {
            authInfo.append("authenticatedUserPrivileges", new BsonArray());
        }
        return Replies.ok(new BsonDocument("authInfo", authInfo));
    }
}
