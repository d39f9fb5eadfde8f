package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import org.bson.*;

/** getCmdLineOpts: the options Tusk was started with */
final class GetCmdLineOptsCommand implements Command {
    @Override
    public String name() {
        return "getCmdLineOpts";
    }

    @Override
    public String help() {
        return "the options Tusk was started with";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        var config = cx.config();
        BsonDocument net = new BsonDocument("bindIp", new BsonString(config.bind()))
                .append("port", new BsonInt32(config.port()));
        BsonDocument parsed = new BsonDocument("net", net);
        config.replicaSetName().ifPresent(rs -> parsed.append("replication", new BsonDocument("replSet", new BsonString(rs))));
        parsed.append("storage", new BsonDocument("dbPath", new BsonString(config.dataDir().toAbsolutePath().toString())));
        BsonArray argv = new BsonArray();
        argv.add(new BsonString("tusk"));
        return Replies.ok(new BsonDocument("argv", argv).append("parsed", parsed));
    }
}
