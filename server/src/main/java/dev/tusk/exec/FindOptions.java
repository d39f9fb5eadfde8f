package dev.tusk.exec;

import dev.tusk.index.KeyRange;
import java.util.Optional;

/**
 * find's options about indexes: the index `hint` names, returnKey (results are index keys instead of
 * documents) and min/max as a range of the hinted index's keys (which needs an index hint); for
 * `distinct`, the key whose values the read is for (an index on it may give fewer documents).
 */
public record FindOptions(Optional<Hint> hint, boolean returnKey, Optional<KeyRange> bounds, Optional<String> distinctKey) {
    public static final FindOptions NONE = new FindOptions(Optional.empty(), false, Optional.empty());

    public FindOptions(Optional<Hint> hint, boolean returnKey, Optional<KeyRange> bounds) {
        this(hint, returnKey, bounds, Optional.empty());
    }

    /**
     * The read of a `distinct` on the key; none on a capped collection, whose values are first seen in
     * natural order rather than in the `_key` order an index's one-document-per-key read follows.
     */
    public static FindOptions distinct(dev.tusk.catalog.CollectionInfo c, String key) {
        return c.capped() ? NONE : new FindOptions(Optional.empty(), false, Optional.empty(), Optional.of(key));
    }

    public FindOptions {
        if (bounds.isPresent() && (hint.isEmpty() || hint.get() instanceof Hint.Natural)) {
            throw new IllegalArgumentException("min/max need an index hint");
        }
    }

    /** The options of a find command: min/max become a key range of the hinted index, checked in the order of MongoDB's planner. */
    public static FindOptions of(Optional<Hint> hint, boolean returnKey, org.bson.BsonDocument min, org.bson.BsonDocument max) {
        dev.tusk.index.MinMaxBounds.checkSameFields(min, max);
        if (min.isEmpty() && max.isEmpty()) {
            return new FindOptions(hint, returnKey, Optional.empty());
        }
        if (hint.isPresent() && hint.get() instanceof Hint.Natural) {
            throw dev.tusk.error.ErrorCode.NO_QUERY_EXECUTION_PLANS.error("min and max are incompatible with $natural");
        }
        org.bson.BsonDocument keyPattern = switch (hint.orElseThrow(() -> dev.tusk.error.ErrorCode.LOCATION_51173.error(
                "When using min()/max() a hint of which index to use must be provided"))) {
            case Hint.Secondary s when !s.index().keys().valueOrdered() -> throw dev.tusk.error.ErrorCode.NOT_IMPLEMENTED.error(
                    "min/max on hashed and wildcard indexes are not supported by Tusk yet");
            case Hint.Secondary s -> s.index().info().key();
            case Hint.IdIndex i -> IndexPlanner.idPattern();
            case Hint.Natural n -> throw new IllegalStateException("checked above");
        };
        return new FindOptions(hint, returnKey, Optional.of(dev.tusk.index.MinMaxBounds.of(keyPattern, min, max)));
    }

    /** What `hint` names. */
    public sealed interface Hint {
        /** {@code {$natural: ±1}}: a collection scan; backward ({@code -1}) matters on capped collections, whose natural order is insertion order. */
        record Natural(boolean reverse) implements Hint {}

        /** {@code _id_}: the table's primary key. */
        record IdIndex() implements Hint {}

        /** A secondary index (a side table). */
        record Secondary(SecondaryIndex index) implements Hint {}
    }
}
