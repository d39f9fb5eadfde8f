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
            case FilterNode.Compare c -> add(out, c.path());
            case FilterNode.In in -> add(out, in.path());
            case FilterNode.Exists e -> add(out, e.path());
            case FilterNode.TypeIs t -> add(out, t.path());
            case FilterNode.Size s -> add(out, s.path());
            case FilterNode.ElemMatchObject m -> add(out, m.path());
            case FilterNode.ElemMatchValue m -> add(out, m.path());
            case FilterNode.RegexMatch r -> add(out, r.path());
            case FilterNode.Mod m -> add(out, m.path());
            case FilterNode.Bits b -> add(out, b.path());
            case FilterNode.Geo g -> add(out, g.path());
            case FilterNode.AlwaysTrue t -> true;
            case FilterNode.AlwaysFalse f -> true;
            case FilterNode.ExprMatch e -> false;
            case FilterNode.SchemaMatch s -> false;
            case FilterNode.Text t -> false;
        };
    }

    private static boolean add(Set<String> out, dev.tusk.bson.FieldPath path) {
        out.add(path.parts().get(0));
        return true;
    }
}
