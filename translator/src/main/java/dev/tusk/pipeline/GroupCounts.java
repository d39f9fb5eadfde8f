package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprEvaluator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * A $group (alone, or the one inside $sortByCount) right after the pipeline's $match whose key is a
 * field path or a document of field paths and whose outputs only count: {@code {$sum: <int or long>}}
 * and {@code {$count: {}}}. PostgreSQL can group such a stage's input and count each group; this says
 * what it groups by ({@link #keyPaths}) and makes each group's output document from its count and its
 * first document (smallest `_key`: the first the $group sees of a collection read in `_key` order),
 * whose own key value (with its BSON type) becomes the `_id`, as in the $group stage itself.
 *
 * @param single whether the key is one path (missing and null are one group) rather than a document of paths
 * @param after the stages after the grouping, which still run in Java (for $sortByCount, its sort first)
 */
public record GroupCounts(GroupStage group, List<List<String>> keyPaths, boolean single, List<Stage> after) {
    /** The largest count times multiplier computed exactly here; past it the pipeline runs in Java. */
    private static final long LIMIT = 1L << 62;

    /** The grouping the stages after a $match (or at the pipeline's start) allow, if any. */
    static Optional<GroupCounts> of(List<Stage> stages) {
        if (stages.isEmpty()) {
            return Optional.empty();
        }
        List<Stage> after = stages.subList(1, stages.size());
        return switch (stages.get(0)) {
            case GroupStage g -> of(g, after);
            case SortByCountStage s -> of(s.group(), prepend(s.sort(), after));
            default -> Optional.empty();
        };
    }

    private static List<Stage> prepend(Stage first, List<Stage> rest) {
        List<Stage> out = new ArrayList<>(rest.size() + 1);
        out.add(first);
        out.addAll(rest);
        return out;
    }

    private static Optional<GroupCounts> of(GroupStage g, List<Stage> rest) {
        for (Accumulator a : g.accumulators().values()) {
            if (multiplier(a).isEmpty()) {
                return Optional.empty();
            }
        }
        List<List<String>> paths = new ArrayList<>();
        if (g.id() instanceof Expr.FieldRef ref) {
            if (!isPath(ref)) {
                return Optional.empty();
            }
            paths.add(ref.path());
            return Optional.of(new GroupCounts(g, paths, true, List.copyOf(rest)));
        }
        if (g.id() instanceof Expr.DocumentExpr doc && !doc.fields().isEmpty()) {
            for (Map.Entry<String, Expr> f : doc.fields()) {
                if (!(f.getValue() instanceof Expr.FieldRef ref) || !isPath(ref)) {
                    return Optional.empty();
                }
                paths.add(ref.path());
            }
            return Optional.of(new GroupCounts(g, paths, false, List.copyOf(rest)));
        }
        return Optional.empty();
    }

    /** A path through the document itself ({@code $a.b}, {@code $$ROOT.a}, {@code $$CURRENT.a}). */
    private static boolean isPath(Expr.FieldRef ref) {
        return !ref.path().isEmpty() && (ref.variable().equals("CURRENT") || ref.variable().equals("ROOT"));
    }

    /** What one document adds to a counting output: the integer of {$sum: n} or 1 for {$count: {}}; empty otherwise. */
    private static Optional<BsonValue> multiplier(Accumulator a) {
        boolean counting = a.operator().equals("$sum") || a.operator().equals("$count");
        if (counting && a.n().isEmpty() && a.argument() instanceof Expr.Constant c && (c.value().isInt32() || c.value().isInt64())) {
            return Optional.of(c.value());
        }
        return Optional.empty();
    }

    /**
     * The group's output document ({@code _id} from its first document, then each count), or empty when
     * a count is too large to be computed here the way $sum does.
     */
    public Optional<BsonDocument> result(BsonDocument first, long documents) {
        BsonValue key = ExprEvaluator.evaluate(group.id(), EvalContext.of(first, group.variables())).orElse(BsonNull.VALUE);
        BsonDocument out = new BsonDocument("_id", key);
        for (Map.Entry<String, Accumulator> e : group.accumulators().entrySet()) {
            BsonValue m = multiplier(e.getValue()).orElseThrow();
            long each = m.asNumber().longValue();
            if (Math.abs(each) >= LIMIT / Math.max(1, documents)) {
                return Optional.empty(); // near int64's end $sum turns to double; Java does that
            }
            long total = each * documents;
            // $sum keeps an int while every partial sum fits (the partial sums of equal addends grow steadily), an int64 addend makes a long
            out.append(e.getKey(), m.isInt32() && total == (int) total ? new BsonInt32((int) total) : new BsonInt64(total));
        }
        return Optional.of(out);
    }

    /** The stages after the grouping, as a pipeline. */
    public Pipeline rest() {
        return new Pipeline(after);
    }

    /** Group outputs in the order the $group stage gives them: by `_id`, in BSON order. */
    public static final Comparator<BsonDocument> ORDER = Comparator.comparing(d -> d.get("_id"), BsonOrder.COMPARATOR);
}
