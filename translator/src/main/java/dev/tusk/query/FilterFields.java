package dev.tusk.query;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The top-level fields a filter reads, where its nodes say (an $expr, a $jsonSchema or a $text may read any). */
public final class FilterFields {
    private FilterFields() {}

    public static Optional<Set<String>> topLevel(FilterNode node) {
        Set<String> out = new LinkedHashSet<>();
        return collect(node, out) ? Optional.of(out) : Optional.empty();
    }

    private static boolean collect(FilterNode node, Set<String> out) {
        return switch (node) {
            case FilterNode.And a -> a.children().stream().allMatch(c -> collect(c, out));
            case FilterNode.Or o -> o.children().stream().allMatch(c -> collect(c, out));
            case FilterNode.Nor n -> n.children().stream().allMatch(c -> collect(c, out));
            case FilterNode.Not n -> collect(n.child(), out);
            case FilterNode.Collated c -> collect(c.comparison(), out);
            case FilterNode.AlwaysTrue t -> true;
            case FilterNode.AlwaysFalse f -> true;
            case FilterNode.ExprMatch e -> false;
            case FilterNode.SchemaMatch s -> false;
            case FilterNode.Text t -> false;
            default -> {
                Optional<dev.tusk.bson.FieldPath> path = leafPath(node);
                path.ifPresent(p -> out.add(p.parts().get(0)));
                yield path.isPresent();
            }
        };
    }

    /** The path a leaf test reads (through $not and a collation); empty for logical nodes and those reading no one path. */
    public static Optional<dev.tusk.bson.FieldPath> leafPath(FilterNode node) {
        return switch (node) {
            case FilterNode.Compare c -> Optional.of(c.path());
            case FilterNode.In in -> Optional.of(in.path());
            case FilterNode.Exists e -> Optional.of(e.path());
            case FilterNode.TypeIs t -> Optional.of(t.path());
            case FilterNode.Size s -> Optional.of(s.path());
            case FilterNode.ElemMatchObject m -> Optional.of(m.path());
            case FilterNode.ElemMatchValue m -> Optional.of(m.path());
            case FilterNode.RegexMatch r -> Optional.of(r.path());
            case FilterNode.Mod m -> Optional.of(m.path());
            case FilterNode.Bits b -> Optional.of(b.path());
            case FilterNode.Geo g -> Optional.of(g.path());
            case FilterNode.Not n -> leafPath(n.child());
            case FilterNode.Collated c -> leafPath(c.comparison());
            default -> Optional.empty();
        };
    }
}
