package dev.tusk.index;

import dev.tusk.bson.FieldPath;
import dev.tusk.query.FilterNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * Which keys of a wildcard index can hold a filter's matches: the conditions on one path the index
 * covers (equality and $in preferred over ranges), as the ranges a single-field index on that path
 * would scan, each behind the path's prefix. Only comparisons with scalars other than null qualify,
 * as on MongoDB: a wildcard index holds no key for a missing path, nor whole documents or arrays.
 */
public final class WildcardBounds {
    private WildcardBounds() {}

    public static Optional<List<KeyRange>> of(FilterNode filter, WildcardKeys index, boolean multikey) {
        Optional<FieldPath> path = path(filter, index);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        List<FilterNode> usable = new ArrayList<>();
        for (FilterNode n : IndexBounds.conjuncts(filter)) {
            if (usable(n) && pathOf(n).equals(path.get())) {
                usable.add(n);
            }
        }
        IndexKeys single = new IndexKeys(new BsonDocument(path.get().dotted(), new BsonInt32(1)), false, Optional.empty());
        byte[] prefix = WildcardKeys.pathPrefix(path.get());
        return IndexBounds.of(new FilterNode.And(usable), single, false, multikey)
                .map(ranges -> ranges.stream().map(r -> prefixed(prefix, r)).toList());
    }

    /** The path whose conditions the index serves: the first covered one with an equality or $in, else with a range. */
    public static Optional<FieldPath> path(FilterNode filter, WildcardKeys index) {
        FieldPath ranged = null;
        for (FilterNode n : IndexBounds.conjuncts(filter)) {
            if (!usable(n) || !index.covers(pathOf(n))) {
                continue;
            }
            if (n instanceof FilterNode.In || n instanceof FilterNode.Compare c && c.op() == FilterNode.Op.EQ) {
                return Optional.of(pathOf(n));
            }
            if (ranged == null) {
                ranged = pathOf(n);
            }
        }
        return Optional.ofNullable(ranged);
    }

    /** The key pattern explain shows for a read through the index on a path, as MongoDB does. */
    public static BsonDocument shownKeyPattern(FieldPath path) {
        return new BsonDocument("$_path", new BsonInt32(1)).append(path.dotted(), new BsonInt32(1));
    }

    private static boolean usable(FilterNode n) {
        return switch (n) {
            case FilterNode.Compare c -> scalar(c.value());
            case FilterNode.In in -> in.regexes().isEmpty() && !in.values().isEmpty() && in.values().stream().allMatch(WildcardBounds::scalar);
            default -> false;
        };
    }

    private static FieldPath pathOf(FilterNode n) {
        return n instanceof FilterNode.Compare c ? c.path() : ((FilterNode.In) n).path();
    }

    private static boolean scalar(BsonValue v) {
        BsonType t = v.getBsonType();
        return t != BsonType.NULL && t != BsonType.UNDEFINED && t != BsonType.ARRAY && t != BsonType.DOCUMENT
                && t != BsonType.REGULAR_EXPRESSION && t != BsonType.MIN_KEY && t != BsonType.MAX_KEY;
    }

    private static KeyRange prefixed(byte[] prefix, KeyRange r) {
        return new KeyRange(concat(prefix, r.from()), concat(prefix, r.to()), r.single());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
