package dev.tusk.command;

import dev.tusk.dispatch.ClientConnection;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.dispatch.Topology;
import dev.tusk.wire.Compressor;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/** hello / isMaster: the handshake, as the primary of a one-member replica set or as a standalone. */
final class HelloCommand implements Command {
    @Override
    public String name() {
        return "hello";
    }

    @Override
    public List<String> aliases() {
        return List.of("isMaster", "ismaster");
    }

    @Override
    public String help() {
        return "Check if this server is primary for a replica set";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        BsonDocument body = request.body();
        awaitIfStreaming(body, cx);
        if (request.connection() instanceof ClientConnection cc && body.isDocument("client")
                && cc.clientMetadata().isEmpty()) {
            cc.setClientMetadata(body.getDocument("client"));
        }
        Topology topology = cx.topology();
        BsonDocument reply = new BsonDocument();
        if (Flags.bool(body, "helloOk", request.name())) {
            reply.append("helloOk", BsonBoolean.TRUE);
        }
        reply.append("topologyVersion", topology.topologyVersion());
        if (topology.isReplicaSet()) {
            reply.append("hosts", new BsonArray(List.of(new BsonString(topology.me()))));
            reply.append("setName", new BsonString(topology.replicaSetName().get()));
            reply.append("setVersion", new BsonInt32(1));
        }
        boolean legacyName = !request.name().equals("hello");
        reply.append(legacyName ? "ismaster" : "isWritablePrimary", BsonBoolean.TRUE);
        if (topology.isReplicaSet()) {
            reply.append("secondary", BsonBoolean.FALSE);
            reply.append("primary", new BsonString(topology.me()));
            reply.append("me", new BsonString(topology.me()));
            reply.append("electionId", new org.bson.BsonObjectId(topology.electionId()));
            BsonTimestamp t = cx.clock().now();
            BsonDocument opTime = new BsonDocument("ts", t).append("t", new BsonInt64(1));
            BsonDateTime writeDate = new BsonDateTime(t.getTime() * 1000L);
            reply.append("lastWrite", new BsonDocument("opTime", opTime)
                    .append("lastWriteDate", writeDate)
                    .append("majorityOpTime", opTime.clone())
                    .append("majorityWriteDate", writeDate));
        }
        reply.append("maxBsonObjectSize", new BsonInt32(ServerInfo.MAX_BSON_OBJECT_SIZE));
        reply.append("maxMessageSizeBytes", new BsonInt32(ServerInfo.MAX_MESSAGE_SIZE_BYTES));
        reply.append("maxWriteBatchSize", new BsonInt32(ServerInfo.MAX_WRITE_BATCH_SIZE));
        reply.append("localTime", new BsonDateTime(System.currentTimeMillis()));
        reply.append("logicalSessionTimeoutMinutes", new BsonInt32(ServerInfo.LOGICAL_SESSION_TIMEOUT_MINUTES));
        reply.append("connectionId", new BsonInt32((int) request.connection().connectionId()));
        reply.append("minWireVersion", new BsonInt32(ServerInfo.MIN_WIRE_VERSION));
        reply.append("maxWireVersion", new BsonInt32(ServerInfo.MAX_WIRE_VERSION));
        reply.append("readOnly", BsonBoolean.FALSE);
        if (body.containsKey("compression")) {
            reply.append("compression", negotiate(body.get("compression"), request));
        }
        return Replies.ok(reply);
    }

    private static BsonArray negotiate(BsonValue requested, CommandRequest request) {
        List<Compressor> agreed = new ArrayList<>();
        if (requested.isArray()) {
            for (BsonValue v : requested.asArray()) {
                if (v.isString()) {
                    Compressor.byName(v.asString().getValue())
                            .filter(c -> c != Compressor.NOOP && !agreed.contains(c))
                            .ifPresent(agreed::add);
                }
            }
        }
        request.connection().setNegotiatedCompressors(agreed);
        BsonArray names = new BsonArray();
        agreed.forEach(c -> names.add(new BsonString(c.wireName())));
        return names;
    }

    /**
     * Streaming monitors (topologyVersion + maxAwaitTimeMS) expect the server to hold the reply until
     * the topology changes or the wait runs out. Tusk's topology never changes while it runs.
     */
    private static void awaitIfStreaming(BsonDocument body, CommandContext cx) {
        Topology topology = cx.topology();
        if (!body.isDocument("topologyVersion") || !body.containsKey("maxAwaitTimeMS")) {
            return;
        }
        BsonValue pid = body.getDocument("topologyVersion").get("processId");
        if (pid == null || !pid.isObjectId() || !pid.asObjectId().getValue().equals(topology.processId())) {
            return;
        }
        BsonValue maxAwait = body.get("maxAwaitTimeMS");
        long waitMs = maxAwait.isNumber() ? Math.min(Math.max(maxAwait.asNumber().longValue(), 0), 60_000) : 0;
        cx.stats().awaitStopping(waitMs);
    }
}
