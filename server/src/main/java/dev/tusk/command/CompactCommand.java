package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt64;

/**
 * compact: PostgreSQL's VACUUM of the collection's table and side tables, which like MongoDB 7.0's compact lets reads
 * and writes go on, makes dead rows' space reusable and gives the operating system what it can (empty pages at the
 * end of a file); {@code bytesFreed} is how much the files shrank.
 */
final class CompactCommand implements Command {
    @Override
    public String name() {
        return "compact";
    }

    @Override
    public String help() {
        return "make a collection's free space reusable (PostgreSQL's VACUUM)";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("force", "freeSpaceTargetMB"));
        CollectionInfo c = CollectionMaintenance.collection(cx, request.database(), args.collection(), args.namespace());
        long freed = cx.store().maintain("VACUUM", CollectionMaintenance.tables(cx, c));
        return Replies.ok(new BsonDocument("bytesFreed", new BsonInt64(freed)));
    }
}
