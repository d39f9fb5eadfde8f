package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * killOp: interrupts an operation $currentOp lists (its PostgreSQL statements are cancelled, it
 * ends with 11601 Interrupted). Admin database only; an unknown opid is not an error, as in MongoDB.
 */
final class KillOpCommand implements Command {
    @Override
    public String name() {
        return "killOp";
    }

    @Override
    public String help() {
        return "interrupt an operation in progress";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        request.requireAdminDatabase();
        BsonValue op = request.body().get("op");
        if (op == null) {
            throw ErrorCode.FAILED_TO_PARSE.error("Did not provide \"op\" field");
        }
        if (!op.isNumber()) {
            throw ErrorCode.TYPE_MISMATCH.error("\"op\" field was of unsupported type %s",
                    op.getBsonType().name().toLowerCase(java.util.Locale.ROOT));
        }
        cx.operations().kill(op.asNumber().intValue(), cx.store());
        return Replies.ok(new BsonDocument("info", new BsonString("attempting to kill op")));
    }
}
