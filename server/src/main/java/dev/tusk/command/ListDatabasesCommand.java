package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

/** listDatabases: the databases that hold at least one collection, with their sizes in PostgreSQL. */
final class ListDatabasesCommand implements Command {
    @Override
    public String name() {
        return "listDatabases";
    }

    @Override
    public String help() {
        return "list databases on this server";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("filter", "nameOnly", "authorizedDatabases"));
        Optional<FilterNode> filter = args.document("filter").map(FilterParser::parse);
        boolean nameOnly = args.bool("nameOnly", false);
        BsonArray databases = new BsonArray();
        long total = 0;
        for (String db : cx.catalog().databases()) {
            BsonDocument entry = new BsonDocument("name", new BsonString(db));
            if (!nameOnly) {
                long size = cx.catalog().databaseSizeBytes(db);
                total += size;
                entry.append("sizeOnDisk", new BsonInt64(size)).append("empty", BsonBoolean.valueOf(size == 0));
            }
            if (filter.isEmpty() || FilterEvaluator.matches(filter.get(), entry)) {
                databases.add(entry);
            }
        }
        BsonDocument reply = new BsonDocument("databases", databases);
        if (!nameOnly) {
            reply.append("totalSize", new BsonInt64(total)).append("totalSizeMb", new BsonInt64(total >> 20));
        }
        return Replies.ok(reply);
    }
}
