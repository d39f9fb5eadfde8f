package dev.tusk.query;

import dev.tusk.error.ErrorCode;
import dev.tusk.text.BoundText;
import dev.tusk.text.TextSearch;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where {@code $text} may stand in a filter (once, and not under $nor, $elemMatch or $not, as in
 * MongoDB), finding it, and binding it to the text index.
 */
public final class TextFilters {
    private TextFilters() {}

    /** The filter, after checking its $text placement. */
    static FilterNode checked(FilterNode filter) {
        int count = count(filter);
        if (count > 1) {
            throw ErrorCode.BAD_VALUE.error("Too many text expressions");
        }
        return filter;
    }

    private static int count(FilterNode node) {
        return switch (node) {
            case FilterNode.Text t -> 1;
            case FilterNode.And a -> a.children().stream().mapToInt(TextFilters::count).sum();
            case FilterNode.Or o -> o.children().stream().mapToInt(TextFilters::count).sum();
            case FilterNode.Nor n -> {
                if (contains(n)) {
                    throw ErrorCode.BAD_VALUE.error("text expression not allowed in nor");
                }
                yield 0;
            }
            case FilterNode.ElemMatchObject m -> {
                if (contains(m.query())) {
                    throw ErrorCode.BAD_VALUE.error("text expression not allowed in $elemMatch");
                }
                yield 0;
            }
            default -> 0;
        };
    }

    private static boolean contains(FilterNode node) {
        return find(node).isPresent();
    }

    /** The filter's $text, if it has one. */
    public static Optional<FilterNode.Text> find(FilterNode node) {
        return switch (node) {
            case FilterNode.Text t -> Optional.of(t);
            case FilterNode.And a -> first(a.children());
            case FilterNode.Or o -> first(o.children());
            case FilterNode.Nor n -> first(n.children());
            case FilterNode.ElemMatchObject m -> find(m.query());
            default -> Optional.empty();
        };
    }

    private static Optional<FilterNode.Text> first(List<FilterNode> children) {
        return children.stream().map(TextFilters::find).flatMap(Optional::stream).findFirst();
    }

    /** The filter with its $text bound by {@code binder} (the same filter when it has none). */
    public static FilterNode bind(FilterNode node, Function<TextSearch, BoundText> binder) {
        return switch (node) {
            case FilterNode.Text t -> t.bound().isPresent() ? t : new FilterNode.Text(t.search(), Optional.of(binder.apply(t.search())));
            case FilterNode.And a -> new FilterNode.And(a.children().stream().map(c -> bind(c, binder)).toList());
            case FilterNode.Or o -> new FilterNode.Or(o.children().stream().map(c -> bind(c, binder)).toList());
            default -> node;
        };
    }

    /**
     * True when every document the filter matches must match its $text (the $text is the filter or
     * one of its $and terms), so each has a score; false when it stands under an $or.
     */
    public static boolean everyMatchScored(FilterNode node) {
        return switch (node) {
            case FilterNode.Text t -> true;
            case FilterNode.And a -> a.children().stream().anyMatch(TextFilters::everyMatchScored);
            default -> false;
        };
    }

    /**
     * The other clauses of the $ors the $text stands under (empty when it stands under none): MongoDB
     * plans such an $or only when an index serves each of them.
     */
    public static List<FilterNode> orSiblings(FilterNode node) {
        return switch (node) {
            case FilterNode.And a -> a.children().stream().filter(TextFilters::contains).flatMap(c -> orSiblings(c).stream()).toList();
            case FilterNode.Or o when contains(o) -> o.children().stream().flatMap(c -> contains(c)
                    ? orSiblings(c).stream() : java.util.stream.Stream.of(c)).toList();
            default -> List.of();
        };
    }

    /** The filter with its $text taken out (what remains to check once the search has matched). */
    public static FilterNode withoutText(FilterNode node) {
        return switch (node) {
            case FilterNode.Text t -> new FilterNode.AlwaysTrue();
            case FilterNode.And a -> new FilterNode.And(a.children().stream().map(TextFilters::withoutText).toList());
            default -> node;
        };
    }

    /** The bound $text of a filter, whose score results carry; empty without $text. */
    public static Optional<BoundText> bound(FilterNode node) {
        return find(node).flatMap(FilterNode.Text::bound);
    }
}
