package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/** drop: a collection and its data. Dropping a collection that does not exist succeeds (MongoDB 7.0). */
final class DropCommand implements Command {
    @Override
    public String name() {
        return "drop";
    }

    @Override
    public String help() {
        return "drop a collection";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of());
        String collection = args.collection();
        boolean existed = cx.catalog().dropCollection(request.database(), collection);
        if (!existed) {
            return Replies.ok();
        }
        return Replies.ok(new BsonDocument("nIndexesWas", new BsonInt32(1))
                .append("ns", new BsonString(args.namespace())));
    }
}
