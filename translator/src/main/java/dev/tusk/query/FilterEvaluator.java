package dev.tusk.query;

import dev.tusk.error.ErrorCode;

import dev.tusk.bson.BsonNumbers;
import dev.tusk.bson.BsonOrder;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.ExprEvaluator;
import dev.tusk.query.FilterNode.AlwaysFalse;
import dev.tusk.query.FilterNode.AlwaysTrue;
import dev.tusk.query.FilterNode.And;
import dev.tusk.query.FilterNode.Collated;
import dev.tusk.query.FilterNode.Compare;
import dev.tusk.query.FilterNode.ElemMatchObject;
import dev.tusk.query.FilterNode.ElemMatchValue;
import dev.tusk.query.FilterNode.Exists;
import dev.tusk.query.FilterNode.ExprMatch;
import dev.tusk.query.FilterNode.In;
import dev.tusk.query.FilterNode.Bits;
import dev.tusk.query.FilterNode.Mod;
import dev.tusk.query.FilterNode.Nor;
import dev.tusk.query.FilterNode.Not;
import dev.tusk.query.FilterNode.Op;
import dev.tusk.query.FilterNode.Or;
import dev.tusk.query.FilterNode.RegexMatch;
import dev.tusk.query.FilterNode.Size;
import dev.tusk.query.FilterNode.TypeIs;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonSymbol;
import org.bson.BsonString;
import org.bson.BsonValue;

/** The reference semantics of a filter: decides whether a document matches, as MongoDB 7.0 does. */
public final class FilterEvaluator {
    private FilterEvaluator() {}

    public static boolean matches(FilterNode node, BsonDocument doc) {
        return eval(node, doc);
    }

    /** Evaluates node against root: the document, or an array element inside $elemMatch. */
    static boolean eval(FilterNode node, BsonValue root) {
        return switch (node) {
            case And a -> a.children().stream().allMatch(c -> eval(c, root));
            case Or o -> o.children().stream().anyMatch(c -> eval(c, root));
            case Nor n -> n.children().stream().noneMatch(c -> eval(c, root));
            case Not n -> !eval(n.child(), root);
            case Compare c -> PathValues.anyMatch(root, c.path(), true, v -> compare(c.op(), v, c.value()));
            case In in -> PathValues.anyMatch(root, in.path(), true, v -> inMatches(in, v, Collation.SIMPLE));
            case Collated col -> switch (col.comparison()) {
                case Compare c -> PathValues.anyMatch(root, c.path(), true, v -> compare(c.op(), v, c.value(), col.collation()));
                case In in -> PathValues.anyMatch(root, in.path(), true, v -> inMatches(in, v, col.collation()));
                default -> throw new IllegalStateException("only comparisons are collated");
            };
            case Exists e -> PathValues.anyMatch(root, e.path(), false, v -> v != null);
            case TypeIs t -> PathValues.anyMatch(root, t.path(), true,
                    v -> v != null && t.types().contains(v.getBsonType() == org.bson.BsonType.MIN_KEY ? -1
                            : v.getBsonType().getValue()));
            case Size s -> PathValues.anyMatch(root, s.path(), false,
                    v -> v instanceof BsonArray a && a.size() == s.size());
            case ElemMatchObject m -> PathValues.anyMatch(root, m.path(), false,
                    v -> v instanceof BsonArray a && a.stream().anyMatch(
                            e -> (e instanceof BsonDocument || e instanceof BsonArray) && eval(m.query(), e)));
            case ElemMatchValue m -> PathValues.anyMatch(root, m.path(), false,
                    v -> v instanceof BsonArray a && a.stream().anyMatch(
                            e -> m.conditions().stream().allMatch(c -> eval(c, e))));
            case RegexMatch r -> PathValues.anyMatch(root, r.path(), true, v -> regexMatches(r, v));
            case Mod m -> PathValues.anyMatch(root, m.path(), true, v -> modMatches(m, v));
            case Bits b -> PathValues.anyMatch(root, b.path(), true, v -> BitOps.matches(b, v));
            case FilterNode.SchemaMatch s -> s.schema().matches(root);
            case ExprMatch e -> root instanceof BsonDocument d
                    && ExprEvaluator.isTrue(e.expr(), EvalContext.of(d, e.variables()));
            case FilterNode.Text t -> root instanceof BsonDocument d && t.bound()
                    .orElseThrow(() -> ErrorCode.INDEX_NOT_FOUND.error("text index required for $text query"))
                    .query().score(d).isPresent();
            case FilterNode.Geo g -> PathValues.anyMatch(root, g.path(), false,
                    v -> v != null && g.predicate().matches(GeoFilters.values(v)));
            case AlwaysTrue t -> true;
            case AlwaysFalse f -> false;
        };
    }

    /**
     * One comparison, MongoDB style: {@code null} (also as missing) is matched by EQ/GTE/LTE null;
     * values of other canonical types never match except against MinKey/MaxKey bounds; NaN only
     * equals NaN and no range includes it except GTE/LTE NaN.
     */
    static boolean compare(Op op, BsonValue v, BsonValue rhs) {
        return compare(op, v, rhs, Collation.SIMPLE);
    }

    /** {@link #compare(Op, BsonValue, BsonValue)} with strings ordered by a collation. */
    static boolean compare(Op op, BsonValue v, BsonValue rhs, Collation collation) {
        if (v == null || v.isNull()) {
            boolean nullRhs = rhs.isNull();
            if (v == null && !nullRhs) {
                return false;
            }
            if (nullRhs) {
                return op == Op.EQ || op == Op.GTE || op == Op.LTE;
            }
        }
        int tv = BsonOrder.canonicalType(v);
        int tr = BsonOrder.canonicalType(rhs);
        if (tv != tr) {
            return switch (rhs.getBsonType()) {
                case MIN_KEY -> op == Op.GT || op == Op.GTE;
                case MAX_KEY -> op == Op.LT || op == Op.LTE;
                default -> false;
            };
        }
        if (BsonNumbers.isNaN(v) || BsonNumbers.isNaN(rhs)) {
            boolean both = BsonNumbers.isNaN(v) && BsonNumbers.isNaN(rhs);
            return both && (op == Op.EQ || op == Op.GTE || op == Op.LTE);
        }
        int c = collation.compare(v, rhs);
        return switch (op) {
            case EQ -> c == 0;
            case GT -> c > 0;
            case GTE -> c >= 0;
            case LT -> c < 0;
            case LTE -> c <= 0;
        };
    }

    private static boolean inMatches(In in, BsonValue v, Collation collation) {
        for (BsonValue candidate : in.values()) {
            if (compare(Op.EQ, v, candidate, collation)) {
                return true;
            }
        }
        for (RegexMatch r : in.regexes()) {
            if (regexMatches(r, v)) {
                return true;
            }
        }
        return false;
    }

    static boolean regexMatches(RegexMatch r, BsonValue v) {
        return switch (v) {
            case BsonString s -> r.compiled().matcher(s.getValue()).find();
            case BsonSymbol s -> r.compiled().matcher(s.getSymbol()).find();
            case BsonRegularExpression re -> re.getPattern().equals(r.pattern())
                    && dev.tusk.storage.QueryForm.sortedFlags(re.getOptions())
                            .equals(dev.tusk.storage.QueryForm.sortedFlags(r.options()));
            case null, default -> false;
        };
    }

    private static boolean modMatches(Mod m, BsonValue v) {
        if (v == null) {
            return false;
        }
        return BsonNumbers.exact(v)
                .map(d -> d.setScale(0, RoundingMode.DOWN))
                .map(d -> d.remainder(BigDecimal.valueOf(m.divisor())).compareTo(BigDecimal.valueOf(m.remainder())) == 0)
                .orElse(false);
    }
}
