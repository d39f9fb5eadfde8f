package dev.tusk.exec;

import dev.tusk.index.KeyRange;
import java.util.Optional;

/**
 * find's options about indexes: the index `hint` names, returnKey (results are index keys instead of
 * documents) and min/max as a range of the hinted index's keys (which needs an index hint).
 */
public record FindOptions(Optional<Hint> hint, boolean returnKey, Optional<KeyRange> bounds) {
    public static final FindOptions NONE = new FindOptions(Optional.empty(), false, Optional.empty());

    public FindOptions {
        if (bounds.isPresent() && (hint.isEmpty() || hint.get() instanceof Hint.Natural)) {
            throw new IllegalArgumentException("min/max need an index hint");
        }
    }

    /** What `hint` names. */
    public sealed interface Hint {
        /** {@code {$natural: ±1}}: a collection scan. */
        record Natural() implements Hint {}

        /** {@code _id_}: the table's primary key. */
        record IdIndex() implements Hint {}

        /** A secondary index (a side table). */
        record Secondary(SecondaryIndex index) implements Hint {}
    }
}
