package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.catalog.IndexInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import java.util.List;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/**
 * reIndex: as MongoDB 7.0, only on a standalone (20 on a replica set member); there PostgreSQL's REINDEX rebuilds the
 * b-trees of the collection's table and side tables (the side tables' keys are the documents' and stay).
 */
final class ReIndexCommand implements Command {
    @Override
    public String name() {
        return "reIndex";
    }

    @Override
    public String help() {
        return "rebuild a collection's indexes (standalone only)";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of());
        if (cx.topology().isReplicaSet()) {
            throw ErrorCode.ILLEGAL_OPERATION.error("reIndex is only allowed on a standalone mongod instance");
        }
        CollectionInfo c = CollectionMaintenance.collection(cx, request.database(), args.collection(), args.namespace());
        cx.store().maintain("REINDEX TABLE", CollectionMaintenance.tables(cx, c));
        List<IndexInfo> indexes = cx.catalog().indexes(c);
        BsonArray specs = new BsonArray();
        indexes.forEach(i -> specs.add(i.spec()));
        return Replies.ok(new BsonDocument("nIndexesWas", new BsonInt32(indexes.size()))
                .append("nIndexes", new BsonInt32(indexes.size()))
                .append("indexes", specs));
    }
}
