package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/** drop: a collection and its data, or a view. Dropping a collection that does not exist succeeds (MongoDB 7.0). */
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
    public boolean acceptsWriteConcern() {
        return true;
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of());
        String collection = args.collection();
        boolean view = cx.catalog().collection(request.database(), collection).filter(c -> c.isView()).isPresent();
        boolean existed = cx.catalog().dropCollection(request.database(), collection);
        dev.tusk.exec.CollectionUsage.dropped(args.namespace());
        if (!existed || view) {
            return Replies.ok();
        }
        return Replies.ok(new BsonDocument("nIndexesWas", new BsonInt32(1))
                .append("ns", new BsonString(args.namespace())));
    }
}
