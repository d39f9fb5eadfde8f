package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** killCursors: closes open cursors by id. */
final class KillCursorsCommand implements Command {
    @Override
    public String name() {
        return "killCursors";
    }

    @Override
    public String help() {
        return "kill a list of cursor ids";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("cursors"));
        args.collection();
        BsonArray ids = args.array("cursors").orElseThrow(() ->
                ErrorCode.FAILED_TO_PARSE.error("BSON field 'killCursors.cursors' is missing but a required field"));
        BsonArray killed = new BsonArray();
        BsonArray notFound = new BsonArray();
        for (BsonValue id : ids) {
            if (!id.isInt64()) {
                throw ErrorCode.TYPE_MISMATCH.error("BSON field 'killCursors.cursors' is the wrong type '%s', expected type 'long'",
                        dev.tusk.bson.BsonText.typeName(id));
            }
            (cx.cursors().kill(id.asInt64().getValue()) ? killed : notFound).add(id);
        }
        return Replies.ok(new BsonDocument("cursorsKilled", killed)
                .append("cursorsNotFound", notFound)
                .append("cursorsAlive", new BsonArray())
                .append("cursorsUnknown", new BsonArray()));
    }
}
