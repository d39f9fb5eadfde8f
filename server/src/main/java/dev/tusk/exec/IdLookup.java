package dev.tusk.exec;

import dev.tusk.query.FilterNode;
import dev.tusk.storage.IdKey;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * The commonest query of all, {@code {_id: <scalar>}}: its answer is the one row with that primary
 * key (`_id` keys are equal exactly when MongoDB calls the values equal), so it needs neither the
 * filter's SQL nor a re-check.
 */
public final class IdLookup {
    private static final Set<BsonType> SCALARS = Set.of(BsonType.STRING, BsonType.OBJECT_ID, BsonType.INT32,
            BsonType.INT64, BsonType.DATE_TIME, BsonType.BINARY, BsonType.BOOLEAN, BsonType.TIMESTAMP);

    private IdLookup() {}

    /** The primary key the filter asks for, if it is exactly an equality on `_id` with a plain scalar. */
    public static Optional<byte[]> key(FilterNode filter) {
        FilterNode node = filter;
        while (node instanceof FilterNode.And and && and.children().size() == 1) {
            node = and.children().get(0);
        }
        if (node instanceof FilterNode.Compare cmp && cmp.op() == FilterNode.Op.EQ && cmp.path().size() == 1
                && cmp.path().get(0).equals("_id") && plainScalar(cmp.value())) {
            return Optional.of(IdKey.encode(cmp.value()));
        }
        return Optional.empty();
    }

    private static boolean plainScalar(BsonValue v) {
        return SCALARS.contains(v.getBsonType()) || v.isDouble() && !Double.isNaN(v.asDouble().getValue());
    }
}
