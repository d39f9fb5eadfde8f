package dev.tusk.query;

import dev.tusk.bson.FieldPath;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The query equalities an {@code $expr} implies, so indexes and SQL can narrow it: {@code {$expr: {$eq:
 * ['$status', 'A']}}} (or {@code $$ROOT.status}, the value a constant or a variable, inside an {@code $and})
 * holds only where {@code status} is that value, which {@code {status: 'A'}} also matches. Only top-level
 * fields and scalar values: a dotted path collects arrays in expressions but not in queries, and an array
 * or document value would be matched element by element by the query.
 */
public final class ExprEqualities {
    private static final Set<String> DOCUMENT_VARIABLES = Set.of("CURRENT", "ROOT");

    private ExprEqualities() {}

    /** The $expr with the equalities it implies ahead of it (a superset each, so the conjunction is the same filter). */
    public static FilterNode withImplied(FilterNode.ExprMatch match) {
        List<FilterNode> implied = new ArrayList<>();
        collect(match.expr(), match, implied);
        if (implied.isEmpty()) {
            return match;
        }
        implied.add(match);
        return new FilterNode.And(implied);
    }

    private static void collect(Expr e, FilterNode.ExprMatch match, List<FilterNode> out) {
        if (!(e instanceof Expr.Call call)) {
            return;
        }
        if (call.name().equals("$and")) {
            call.args().forEach(a -> collect(a, match, out));
        } else if (call.name().equals("$eq") && call.args().size() == 2) {
            equality(call.args().get(0), call.args().get(1), match).or(() -> equality(call.args().get(1), call.args().get(0), match))
                    .ifPresent(out::add);
        }
    }

    private static Optional<FilterNode> equality(Expr field, Expr value, FilterNode.ExprMatch match) {
        if (!(field instanceof Expr.FieldRef ref) || !DOCUMENT_VARIABLES.contains(ref.variable()) || ref.path().size() != 1
                || ref.path().get(0).isEmpty() || FieldPath.isIndex(ref.path().get(0))) {
            return Optional.empty();
        }
        return constant(value, match).filter(ExprEqualities::scalar)
                .map(v -> new FilterNode.Compare(FieldPath.of(ref.path().get(0)), FilterNode.Op.EQ, v));
    }

    /** The value of an expression that reads no document: a constant or a variable (the command's, or a $lookup's let). */
    private static Optional<BsonValue> constant(Expr e, FilterNode.ExprMatch match) {
        if (e instanceof Expr.Constant c) {
            return Optional.of(c.value());
        }
        if (e instanceof Expr.FieldRef ref && !DOCUMENT_VARIABLES.contains(ref.variable()) && !ref.variable().equals("REMOVE")) {
            try {
                return Optional.ofNullable(ref.evaluate(EvalContext.of(new BsonDocument(), match.variables())));
            } catch (RuntimeException unbound) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean scalar(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32, INT64, DOUBLE, DECIMAL128, STRING, BOOLEAN, DATE_TIME, OBJECT_ID, NULL -> true;
            default -> false;
        };
    }
}
