package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.UuidRepresentation;

/** listCollections: the collections of a database, as a cursor. */
final class ListCollectionsCommand implements Command {
    @Override
    public String name() {
        return "listCollections";
    }

    @Override
    public String help() {
        return "list collections for this db";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("filter", "nameOnly", "authorizedCollections", "cursor"));
        Optional<FilterNode> filter = args.document("filter").map(FilterParser::parse);
        boolean nameOnly = args.bool("nameOnly", false);
        args.bool("authorizedCollections", false);
        List<BsonDocument> out = new ArrayList<>();
        for (CollectionInfo c : cx.catalog().collections(request.database())) {
            BsonDocument full = describe(c);
            if (filter.isPresent() && !FilterEvaluator.matches(filter.get(), full)) {
                continue;
            }
            out.add(nameOnly ? new BsonDocument("name", full.get("name")).append("type", full.get("type")) : full);
        }
        return Cursors.firstBatchReply(cx, request.database() + ".$cmd.listCollections",
                new dev.tusk.cursor.ListSource(out), Cursors.batchSize(args));
    }

    static BsonDocument describe(CollectionInfo c) {
        if (c.isView()) {
            return new BsonDocument("name", new BsonString(c.name()))
                    .append("type", new BsonString("view"))
                    .append("options", c.options())
                    .append("info", new BsonDocument("readOnly", BsonBoolean.TRUE));
        }
        BsonDocument out = new BsonDocument("name", new BsonString(c.name()))
                .append("type", new BsonString("collection"))
                .append("options", c.options())
                .append("info", new BsonDocument("readOnly", BsonBoolean.FALSE)
                        .append("uuid", new BsonBinary(c.uuid(), UuidRepresentation.STANDARD)));
        if (!c.options().containsKey("clusteredIndex")) { // a clustered collection has no separate _id index
            out.append("idIndex", new BsonDocument("v", new BsonInt32(2))
                    .append("key", new BsonDocument("_id", new BsonInt32(1)))
                    .append("name", new BsonString("_id_")));
        }
        return out;
    }
}
