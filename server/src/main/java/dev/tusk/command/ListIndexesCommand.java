package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;

/** listIndexes: the indexes of a collection, `_id_` first, then in creation order. */
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
        var info = cx.catalog().collection(request.database(), collection)
                .orElseThrow(() -> ErrorCode.NAMESPACE_NOT_FOUND.error("ns does not exist: %s", args.namespace()))
                .requireCollection();
        List<BsonDocument> specs = cx.catalog().indexes(info).stream()
                .filter(dev.tusk.catalog.IndexInfo::ready) // MongoDB lists an index once its build is done
                .map(dev.tusk.catalog.IndexInfo::spec).toList();
        return Cursors.firstBatchReply(cx, args.namespace(), new dev.tusk.cursor.ListSource(specs), Cursors.batchSize(args));
    }
}
