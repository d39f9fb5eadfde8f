package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.exec.CollectionStats;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

/** dbStats: a database's collections, views, documents and sizes, summed over its collections' PostgreSQL figures. */
final class DbStatsCommand implements Command {
    @Override
    public String name() {
        return "dbStats";
    }

    @Override
    public String help() {
        return "a database's counts and sizes";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("scale", "freeStorage"));
        long scale = StatsDocuments.scale(args.value("scale"));
        long collections = 0;
        long views = 0;
        long objects = 0;
        long dataSize = 0;
        long storageSize = 0;
        long indexes = 0;
        long indexSize = 0;
        for (CollectionInfo c : cx.catalog().collections(request.database())) {
            if (c.isView()) {
                views++;
                continue;
            }
            CollectionStats s = StatsDocuments.measure(cx, c);
            collections++;
            objects += s.count();
            dataSize += s.dataSize();
            storageSize += s.storageSize();
            indexes += s.indexSizes().size();
            indexSize += s.totalIndexSize();
        }
        return Replies.ok(new BsonDocument("db", new BsonString(request.database()))
                .append("collections", new BsonInt64(collections))
                .append("views", new BsonInt64(views))
                .append("objects", new BsonInt64(objects))
                .append("avgObjSize", new BsonDouble(objects == 0 ? 0 : (double) dataSize / objects))
                .append("dataSize", new BsonDouble((double) dataSize / scale))
                .append("storageSize", new BsonDouble((double) storageSize / scale))
                .append("indexes", new BsonInt64(indexes))
                .append("indexSize", new BsonDouble((double) indexSize / scale))
                .append("totalSize", new BsonDouble((double) (storageSize + indexSize) / scale))
                .append("scaleFactor", new BsonInt32((int) scale)));
    }
}
