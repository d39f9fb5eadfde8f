package dev.tusk.query;

import dev.tusk.bson.FieldPath;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The array index the positional {@code $} stands for (in updates and projections): the first
 * element of the array at the path for which the query still matches when the array holds only that
 * element. The query must say something about that array (a condition on the path or below it).
 */
public final class PositionalIndex {
    private PositionalIndex() {}

    public static Optional<Integer> of(FilterNode query, BsonDocument doc, FieldPath arrayPath) {
        if (!mentions(query, arrayPath)) {
            return Optional.empty();
        }
        Optional<BsonValue> value = get(doc, arrayPath, 0);
        if (value.isEmpty() || !(value.get() instanceof BsonArray array)) {
            return Optional.empty();
        }
        for (int i = 0; i < array.size(); i++) {
            BsonDocument probe = replaced(doc, arrayPath, 0, new BsonArray(List.of(array.get(i))));
            if (FilterEvaluator.matches(query, probe)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static Optional<BsonValue> get(BsonDocument doc, FieldPath path, int i) {
        BsonValue v = doc.get(path.get(i));
        if (v == null || i == path.size() - 1) {
            return Optional.ofNullable(v);
        }
        return v instanceof BsonDocument d ? get(d, path, i + 1) : Optional.empty();
    }

    /** A shallow copy of doc with the value at path replaced (documents on the way copied too). */
    private static BsonDocument replaced(BsonDocument doc, FieldPath path, int i, BsonValue value) {
        BsonDocument copy = new BsonDocument();
        for (var e : doc.entrySet()) {
            copy.append(e.getKey(), e.getValue());
        }
        String name = path.get(i);
        copy.put(name, i == path.size() - 1 ? value : replaced(copy.getDocument(name), path, i + 1, value));
        return copy;
    }

    /** True if some condition of the query is on the path or below it. */
    private static boolean mentions(FilterNode query, FieldPath arrayPath) {
        List<FieldPath> paths = new ArrayList<>();
        collectPaths(query, paths);
        return paths.stream().anyMatch(p -> p.isPrefixedBy(arrayPath));
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
