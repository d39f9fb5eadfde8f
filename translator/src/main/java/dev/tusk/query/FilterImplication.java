package dev.tusk.query;

import dev.tusk.bson.BsonNumbers;
import dev.tusk.bson.BsonOrder;
import dev.tusk.query.FilterNode.And;
import dev.tusk.query.FilterNode.Compare;
import dev.tusk.query.FilterNode.Exists;
import dev.tusk.query.FilterNode.In;
import dev.tusk.query.FilterNode.Op;
import dev.tusk.query.FilterNode.Or;
import dev.tusk.query.FilterNode.TypeIs;
import java.util.Set;
import org.bson.BsonValue;

/**
 * Whether every document a query matches also matches a condition — a partial index's filter, which
 * the query must imply for the index to hold all its matches (MongoDB's rule for using one). Sound, not
 * complete: "false" only means the index is not used. Each leaf rule compares one reached value at a time
 * (the query language's any-element semantics apply alike to both sides of one path).
 */
public final class FilterImplication {
    private FilterImplication() {}

    public static boolean implies(FilterNode query, FilterNode condition) {
        if (query.equals(condition) || condition instanceof FilterNode.AlwaysTrue || query instanceof FilterNode.AlwaysFalse) {
            return true;
        }
        if (condition instanceof And and) {
            return and.children().stream().allMatch(c -> implies(query, c));
        }
        if (query instanceof And and && and.children().stream().anyMatch(q -> implies(q, condition))) {
            return true;
        }
        if (query instanceof Or or) {
            return or.children().stream().allMatch(q -> implies(q, condition));
        }
        if (condition instanceof Or or && or.children().stream().anyMatch(c -> implies(query, c))) {
            return true;
        }
        if (query instanceof In in && in.regexes().isEmpty()) {
            return in.values().stream().allMatch(v -> implies(new Compare(in.path(), Op.EQ, v), condition));
        }
        return leafImplies(query, condition);
    }

    private static boolean leafImplies(FilterNode query, FilterNode condition) {
        return switch (condition) {
            case Exists e -> FilterFields.leafPath(query).filter(e.path()::equals).isPresent() && needsAValue(query);
            case TypeIs t -> switch (query) {
                case TypeIs q -> q.path().equals(t.path()) && t.types().containsAll(q.types());
                case Compare q -> q.path().equals(t.path()) && plain(q.value()) && t.types().containsAll(bracketTypes(q.value()));
                default -> false;
            };
            case Compare c -> query instanceof Compare q && q.path().equals(c.path()) && compareImplies(q, c);
            case In c -> query instanceof Compare q && q.op() == Op.EQ && q.path().equals(c.path())
                    && c.values().stream().anyMatch(v -> compareImplies(q, new Compare(c.path(), Op.EQ, v)));
            default -> false;
        };
    }

    /** Leaves that never match a missing value (nor a path that reaches nothing). */
    private static boolean needsAValue(FilterNode query) {
        return switch (query) {
            case Compare q -> !q.value().isNull() && !q.value().getBsonType().equals(org.bson.BsonType.UNDEFINED);
            case In q -> q.values().stream().noneMatch(v -> v.isNull() || v.getBsonType() == org.bson.BsonType.UNDEFINED);
            case TypeIs q -> true;
            case Exists q -> true;
            case FilterNode.RegexMatch q -> true;
            default -> false;
        };
    }

    /**
     * {@code path opQ vQ} implies {@code path opC vC} for every value: both are values of one canonical
     * type that order totally (no null, NaN, MinKey/MaxKey, arrays or documents), and the query's
     * interval lies inside the condition's.
     */
    private static boolean compareImplies(Compare q, Compare c) {
        BsonValue vq = q.value();
        BsonValue vc = c.value();
        if (!plain(vq) || !plain(vc) || BsonOrder.canonicalType(vq) != BsonOrder.canonicalType(vc)) {
            return false;
        }
        int cmp = BsonOrder.compare(vq, vc);
        return switch (q.op()) {
            case EQ -> switch (c.op()) {
                case EQ -> cmp == 0;
                case GT -> cmp > 0;
                case GTE -> cmp >= 0;
                case LT -> cmp < 0;
                case LTE -> cmp <= 0;
            };
            case GT -> c.op() == Op.GT || c.op() == Op.GTE ? cmp >= 0 : false;
            case GTE -> c.op() == Op.GT ? cmp > 0 : c.op() == Op.GTE && cmp >= 0;
            case LT -> c.op() == Op.LT || c.op() == Op.LTE ? cmp <= 0 : false;
            case LTE -> c.op() == Op.LT ? cmp < 0 : c.op() == Op.LTE && cmp <= 0;
        };
    }

    private static boolean plain(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32, INT64, DOUBLE, DECIMAL128 -> !BsonNumbers.isNaN(v);
            case STRING, SYMBOL, OBJECT_ID, BOOLEAN, DATE_TIME, TIMESTAMP, BINARY -> true;
            default -> false;
        };
    }

    private static final Set<Integer> NUMBER_TYPES = Set.of(1, 16, 18, 19);

    /** The BSON type numbers of the values equal to a plain value (numbers are equal across types, strings to symbols). */
    private static Set<Integer> bracketTypes(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32, INT64, DOUBLE, DECIMAL128 -> NUMBER_TYPES;
            case STRING, SYMBOL -> Set.of(2, 14);
            default -> Set.of(v.getBsonType().getValue());
        };
    }
}
