package dev.tusk.update;

import dev.tusk.bson.FieldPath;
import java.util.List;
import org.bson.BsonDocument;

/** One parsed {@code {path: argument}} of an update operator, ready to apply to documents. */
interface FieldUpdate {
    /** Where it applies: orders the updates and detects conflicts. */
    FieldPath path();

    /** Further paths it touches ($rename's source), for conflict detection. */
    default List<FieldPath> otherPaths() {
        return List.of();
    }

    /** Applies the update to doc in place. */
    void apply(BsonDocument doc, UpdateContext cx);
}
