package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import java.util.Set;
import org.bson.BsonDocument;

/** collStats: a collection's document count and sizes, measured in PostgreSQL (see {@link StatsDocuments}). */
final class CollStatsCommand implements Command {
    @Override
    public String name() {
        return "collStats";
    }

    @Override
    public String help() {
        return "a collection's count and sizes";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("scale", "verbose"));
        long scale = StatsDocuments.scale(args.value("scale"));
        String ns = args.namespace();
        CollectionInfo c = cx.catalog().collection(request.database(), args.collection()).orElseThrow(() ->
                ErrorCode.NAMESPACE_NOT_FOUND.error("Collection [%s] not found.", ns));
        if (c.isView()) {
            throw ErrorCode.COMMAND_NOT_SUPPORTED_ON_VIEW.error("Namespace %s is a view, not a collection", ns);
        }
        return Replies.ok(StatsDocuments.storage(ns, c, StatsDocuments.measure(cx, c), scale));
    }
}
