package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import org.bson.*;

/** serverStatus: uptime, connections and operation counters */
final class ServerStatusCommand implements Command {
    @Override
    public String name() {
        return "serverStatus";
    }

    @Override
    public String help() {
        return "uptime, connections and operation counters";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        var stats = cx.stats();
        long uptimeMs = stats.uptimeMillis();
        BsonDocument reply = new BsonDocument("host", new BsonString(cx.topology().me()))
                .append("version", new BsonString(ServerInfo.VERSION))
                .append("process", new BsonString("tusk"))
                .append("pid", new BsonInt64(ProcessHandle.current().pid()))
                .append("uptime", new BsonDouble(uptimeMs / 1000.0))
                .append("uptimeMillis", new BsonInt64(uptimeMs))
                .append("uptimeEstimate", new BsonInt64(uptimeMs / 1000))
                .append("localTime", new BsonDateTime(System.currentTimeMillis()))
                .append("connections", new BsonDocument("current", new BsonInt32((int) stats.currentConnections()))
                        .append("available", new BsonInt32(Math.max(0, 1_000_000 - (int) stats.currentConnections())))
                        .append("totalCreated", new BsonInt32((int) stats.totalConnections())))
                .append("opcounters", stats.opcounters())
                .append("network", new BsonDocument("bytesIn", new BsonInt64(dev.tusk.wire.WireTraffic.bytesIn()))
                        .append("bytesOut", new BsonInt64(dev.tusk.wire.WireTraffic.bytesOut()))
                        .append("physicalBytesIn", new BsonInt64(dev.tusk.wire.WireTraffic.bytesIn()))
                        .append("physicalBytesOut", new BsonInt64(dev.tusk.wire.WireTraffic.bytesOut()))
                        .append("numRequests", new BsonInt64(dev.tusk.wire.WireTraffic.requests())))
                .append("metrics", new BsonDocument("cursor", new BsonDocument("open",
                        new BsonDocument("total", new BsonInt64(cx.cursors().size())))));
        var topology = cx.topology();
        topology.replicaSetName().ifPresent(rs -> reply.append("repl", new BsonDocument("setName", new BsonString(rs))
                .append("isWritablePrimary", BsonBoolean.TRUE)
                .append("secondary", BsonBoolean.FALSE)
                .append("hosts", new BsonArray(java.util.List.of(new BsonString(topology.me()))))
                .append("primary", new BsonString(topology.me()))
                .append("me", new BsonString(topology.me()))));
        var patches = cx.store().patchCounts();
        // Tusk's own section: how updates by _id ran (one statement in PostgreSQL, or declined there and run in Java)
        reply.append("tusk", new BsonDocument("updatesById", new BsonDocument("inOneStatement", new BsonInt64(patches.applied().sum()))
                .append("declinedByPostgres", new BsonInt64(patches.declined().sum())))
                .append("aggregateGroups", stats.groupPushdowns()));
        Runtime rt = Runtime.getRuntime();
        reply.append("mem", new BsonDocument("bits", new BsonInt32(64))
                .append("resident", new BsonInt32((int) ((rt.totalMemory() - rt.freeMemory()) >> 20)))
                .append("virtual", new BsonInt32((int) (rt.totalMemory() >> 20)))
                .append("supported", BsonBoolean.TRUE));
        return Replies.ok(reply);
    }
}
