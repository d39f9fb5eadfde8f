package dev.tusk.query;

import dev.tusk.error.ErrorCode;
import dev.tusk.text.BoundText;
import dev.tusk.text.TextSearch;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where {@code $text} may stand in a filter (once, and not under $nor, $elemMatch or $not, as in
 * MongoDB; under $or Tusk does not run it yet), finding it, and binding it to the text index.
 */
public final class TextFilters {
    private TextFilters() {}

    /** The filter, after checking its $text placement. */
    static FilterNode checked(FilterNode filter) {
        int count = count(filter, false);
        if (count > 1) {
            throw ErrorCode.BAD_VALUE.error("Too many text expressions");
        }
        return filter;
    }

    private static int count(FilterNode node, boolean underOr) {
        return switch (node) {
            case FilterNode.Text t -> {
                if (underOr) {
                    throw ErrorCode.NOT_IMPLEMENTED.error("$text inside $or is not supported by Tusk yet");
                }
                yield 1;
            }
            case FilterNode.And a -> a.children().stream().mapToInt(c -> count(c, underOr)).sum();
            case FilterNode.Or o -> o.children().stream().mapToInt(c -> count(c, true)).sum();
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
            default -> node;
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
