package dev.tusk.wire;

import java.util.Optional;
import org.bson.BsonDocument;

/**
 * One decoded client request. For OP_MSG, {@code command} is the kind-0 body with every kind-1
 * document sequence appended as an array field of the same name (as MongoDB treats them); the
 * elements of those arrays are read-only {@link org.bson.RawBsonDocument}s holding the client's
 * exact bytes, everything else is a plain mutable BsonDocument. For the legacy OP_QUERY
 * handshake, {@code command} is the query document (unwrapped from {@code $query} if present,
 * with the other {@code $}-fields such as {@code $readPreference} moved in, and {@code $db} taken
 * from the namespace when absent) and {@code legacyNamespace} holds the fullCollectionName.
 * Every document has been fully validated (lengths, types, nesting ≤ 200) before it gets here.
 *
 * @param requestId      the client's requestID, echoed as responseTo
 * @param moreToCome     OP_MSG flag bit 1: the client expects no reply
 * @param exhaustAllowed OP_MSG flag bit 16
 * @param compressor     the compressor the request arrived with (replies use the same), if any
 * @param legacyNamespace present only for OP_QUERY requests, which must be answered with OP_REPLY
 */
public record WireRequest(
        int requestId,
        BsonDocument command,
        boolean moreToCome,
        boolean exhaustAllowed,
        Optional<Compressor> compressor,
        Optional<String> legacyNamespace) {}
