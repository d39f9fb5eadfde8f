package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/** listIndexes: the indexes of a collection (today: the `_id` index every collection has). */
final class ListIndexesCommand implements Command {
    @Override
    public String name() {
        return "listIndexes";
    }

    @Override
    public String help() {
        return "list indexes for a collection";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("cursor"));
        String collection = args.collection();
        if (cx.catalog().collection(request.database(), collection).isEmpty()) {
            throw ErrorCode.NAMESPACE_NOT_FOUND.error("ns does not exist: %s", args.namespace());
        }
        BsonDocument idIndex = new BsonDocument("v", new BsonInt32(2))
                .append("key", new BsonDocument("_id", new BsonInt32(1)))
                .append("name", new BsonString("_id_"));
        return Cursors.firstBatchReply(cx, args.namespace(), new dev.tusk.cursor.ListSource(List.of(idIndex)),
                Cursors.batchSize(args));
    }
}
