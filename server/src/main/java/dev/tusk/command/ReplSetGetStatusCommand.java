package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import org.bson.*;

/** replSetGetStatus: the state of the (one-member) replica set */
final class ReplSetGetStatusCommand implements Command {
    @Override
    public String name() {
        return "replSetGetStatus";
    }

    @Override
    public String help() {
        return "the state of the (one-member) replica set";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        var topology = cx.topology();
        if (!topology.isReplicaSet()) {
            throw dev.tusk.error.ErrorCode.NO_REPLICATION_ENABLED.error("not running with --replSet");
        }
        BsonTimestamp t = cx.clock().now();
        BsonDocument opTime = new BsonDocument("ts", t).append("t", new BsonInt64(1));
        BsonDateTime now = new BsonDateTime(System.currentTimeMillis());
        BsonDocument member = new BsonDocument("_id", new BsonInt32(0))
                .append("name", new BsonString(topology.me()))
                .append("health", new BsonDouble(1))
                .append("state", new BsonInt32(1))
                .append("stateStr", new BsonString("PRIMARY"))
                .append("uptime", new BsonInt64(cx.stats().uptimeMillis() / 1000))
                .append("optime", opTime)
                .append("optimeDate", new BsonDateTime(t.getTime() * 1000L))
                .append("syncSourceHost", new BsonString(""))
                .append("syncSourceId", new BsonInt32(-1))
                .append("infoMessage", new BsonString(""))
                .append("electionTime", t)
                .append("electionDate", new BsonDateTime(cx.stats().started().toEpochMilli()))
                .append("configVersion", new BsonInt32(1))
                .append("configTerm", new BsonInt64(1))
                .append("self", BsonBoolean.TRUE)
                .append("lastHeartbeatMessage", new BsonString(""));
        return Replies.ok(new BsonDocument("set", new BsonString(topology.replicaSetName().get()))
                .append("date", now)
                .append("myState", new BsonInt32(1))
                .append("term", new BsonInt64(1))
                .append("heartbeatIntervalMillis", new BsonInt64(2000))
                .append("majorityVoteCount", new BsonInt32(1))
                .append("writeMajorityCount", new BsonInt32(1))
                .append("votingMembersCount", new BsonInt32(1))
                .append("writableVotingMembersCount", new BsonInt32(1))
                .append("optimes", new BsonDocument("lastCommittedOpTime", opTime).append("appliedOpTime", opTime).append("durableOpTime", opTime))
                .append("members", new BsonArray(java.util.List.of(member))));
    }
}
