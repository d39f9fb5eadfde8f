package dev.tusk.dispatch;

import java.util.Optional;
import org.bson.types.ObjectId;

/**
 * How Tusk presents itself: the primary of a one-member replica set (default) or a standalone.
 *
 * @param replicaSetName empty when standalone
 * @param me             the advertised host:port
 */
public record Topology(Optional<String> replicaSetName, String me, ObjectId processId, ObjectId electionId) {
    public boolean isReplicaSet() {
        return replicaSetName.isPresent();
    }

    /** What hello reports and state-change errors carry, so drivers can tell stale errors apart. */
    public org.bson.BsonDocument topologyVersion() {
        return new org.bson.BsonDocument("processId", new org.bson.BsonObjectId(processId))
                .append("counter", new org.bson.BsonInt64(0));
    }
}
