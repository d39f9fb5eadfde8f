package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/** startSession: a new logical session id, known to the session cache from now on (30 idle minutes). */
final class StartSessionCommand implements Command {
    @Override
    public String name() {
        return "startSession";
    }

    @Override
    public String help() {
        return "start a logical session";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        BsonDocument lsid = new BsonDocument("id", new BsonBinary(UUID.randomUUID()));
        cx.sessions().touch(lsid);
        return Replies.ok(new BsonDocument("id", lsid).append("timeoutMinutes", new BsonInt32(30)));
    }
}
