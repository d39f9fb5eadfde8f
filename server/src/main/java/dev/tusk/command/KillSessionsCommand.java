package dev.tusk.command;

import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import java.util.HashSet;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * killSessions, killAllSessions and killAllSessionsByPattern: end the sessions, kill their running operations (as
 * killOp) and close their cursors. Tusk has no users, so every session is the unauthenticated user's: killAllSessions
 * with any user list, and a pattern without an {@code lsid}, mean all sessions.
 */
final class KillSessionsCommand extends NamedCommand {
    KillSessionsCommand(String name) {
        super(name);
    }

    @Override
    public String help() {
        return "end logical sessions and kill their operations and cursors";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        BsonValue list = request.commandValue();
        if (!list.isArray()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s' is the wrong type '%s', expected type 'array'", name(),
                    dev.tusk.bson.BsonText.typeName(list));
        }
        Set<BsonValue> ids = new HashSet<>();
        boolean all = !name().equals("killSessions");
        for (BsonValue entry : list.asArray()) {
            if (!entry.isDocument()) {
                throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s' must hold objects", name());
            }
            BsonDocument d = entry.asDocument();
            BsonDocument lsid = name().equals("killSessions") ? d : d.isDocument("lsid") ? d.getDocument("lsid") : null;
            if (lsid != null && lsid.containsKey("id")) {
                ids.add(lsid.get("id"));
            } else if (name().equals("killSessions")) {
                throw ErrorCode.FAILED_TO_PARSE.error("BSON field 'LogicalSessionFromClient.id' is missing but a required field");
            }
        }
        if (name().equals("killAllSessionsByPattern") && !list.asArray().isEmpty()) {
            all = list.asArray().stream().anyMatch(p -> !p.asDocument().isDocument("lsid"));
        }
        cx.operations().killSessions(ids, all, cx.store());
        cx.cursors().killSessions(ids, all);
        if (all) {
            cx.sessions().endAll();
        } else {
            ids.forEach(cx.sessions()::end);
        }
        return Replies.ok();
    }
}
