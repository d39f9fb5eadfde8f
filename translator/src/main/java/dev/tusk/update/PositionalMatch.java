package dev.tusk.update;

import dev.tusk.bson.BsonCopy;
import dev.tusk.bson.FieldPath;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The array index the positional {@code $} stands for: the first element of the array at the given
 * path for which the query still matches when the array holds only that element. The query must
 * say something about that array (a condition on the path or below it), else there is no match.
 */
final class PositionalMatch {
    private PositionalMatch() {}

    static Optional<Integer> index(FilterNode query, BsonDocument doc, FieldPath arrayPath) {
        if (!mentions(query, arrayPath)) {
            return Optional.empty();
        }
        Optional<BsonValue> value = DocumentPaths.get(doc, arrayPath);
        if (value.isEmpty() || !(value.get() instanceof BsonArray array)) {
            return Optional.empty();
        }
        for (int i = 0; i < array.size(); i++) {
            BsonDocument probe = BsonCopy.document(doc);
            DocumentPaths.set(probe, arrayPath, new BsonArray(List.of(array.get(i))));
            if (FilterEvaluator.matches(query, probe)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** True if some condition of the query is on the path or below it. */
    private static boolean mentions(FilterNode query, FieldPath arrayPath) {
        List<FieldPath> paths = new ArrayList<>();
        collectPaths(query, paths);
        return paths.stream().anyMatch(p -> p.isPrefixedBy(arrayPath) || p.equals(arrayPath));
    }

    /** Walks the filter tree's records generically, so new node types need no change here. */
    private static void collectPaths(Object node, List<FieldPath> out) {
        if (node instanceof FieldPath p) {
            out.add(p);
        } else if (node instanceof Collection<?> c) {
            c.forEach(e -> collectPaths(e, out));
        } else if (node instanceof Optional<?> o) {
            o.ifPresent(e -> collectPaths(e, out));
        } else if (node instanceof Record r && node instanceof FilterNode) {
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                try {
                    collectPaths(rc.getAccessor().invoke(r), out);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
