package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.dispatch.Topology;
import dev.tusk.error.ErrorCode;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;

/** replSetGetConfig (rs.conf()): the one-member replica set's configuration; no write concern tag modes. */
final class ReplSetGetConfigCommand implements Command {
    @Override
    public String name() {
        return "replSetGetConfig";
    }

    @Override
    public String help() {
        return "the configuration of the (one-member) replica set";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        Topology topology = cx.topology();
        if (!topology.isReplicaSet()) {
            throw ErrorCode.NO_REPLICATION_ENABLED.error("not running with --replSet");
        }
        BsonDocument member = new BsonDocument("_id", new BsonInt32(0))
                .append("host", new BsonString(topology.me()))
                .append("arbiterOnly", BsonBoolean.FALSE)
                .append("buildIndexes", BsonBoolean.TRUE)
                .append("hidden", BsonBoolean.FALSE)
                .append("priority", new BsonInt32(1))
                .append("tags", new BsonDocument())
                .append("secondaryDelaySecs", new BsonInt64(0))
                .append("votes", new BsonInt32(1));
        BsonDocument settings = new BsonDocument("chainingAllowed", BsonBoolean.TRUE)
                .append("heartbeatIntervalMillis", new BsonInt32(2000))
                .append("heartbeatTimeoutSecs", new BsonInt32(10))
                .append("electionTimeoutMillis", new BsonInt32(10000))
                .append("catchUpTimeoutMillis", new BsonInt32(-1))
                .append("catchUpTakeoverDelayMillis", new BsonInt32(30000))
                .append("getLastErrorModes", new BsonDocument())
                .append("getLastErrorDefaults", new BsonDocument("w", new BsonInt32(1)).append("wtimeout", new BsonInt32(0)))
                .append("replicaSetId", new BsonObjectId(topology.electionId()));
        BsonDocument config = new BsonDocument("_id", new BsonString(topology.replicaSetName().get()))
                .append("version", new BsonInt32(1))
                .append("term", new BsonInt64(1))
                .append("members", new BsonArray(java.util.List.of(member)))
                .append("protocolVersion", new BsonInt64(1))
                .append("writeConcernMajorityJournalDefault", BsonBoolean.TRUE)
                .append("settings", settings);
        return Replies.ok(new BsonDocument("config", config));
    }
}
