package dev.tusk.sql;

import dev.tusk.query.FilterNode.TypeIs;
import dev.tusk.storage.QueryForm;
import dev.tusk.sql.ValuePredicates.Pred;
import java.util.Set;
import org.jooq.Condition;

/** {@code $type} over the query form. JSON has one number type, so single numeric types are supersets. */
final class TypeSql {
    private static final Set<Integer> NUMBERS = Set.of(1, 16, 18, 19);

    private TypeSql() {}

    static Pushdown compile(TypeIs t) {
        Pred pred = Pred.NONE;
        boolean exact = true;
        if (t.types().containsAll(NUMBERS)) {
            pred = pred.or(new Pred("(@.type() == \"number\" || " + JsonPathText.markerExists(QueryForm.NUM) + ")", true));
        } else if (t.types().stream().anyMatch(NUMBERS::contains)) {
            boolean special = t.types().contains(1) || t.types().contains(19);
            pred = pred.or(new Pred(special
                    ? "(@.type() == \"number\" || " + JsonPathText.markerExists(QueryForm.NUM) + ")"
                    : "(@.type() == \"number\")", false));
        }
        for (int type : t.types()) {
            if (NUMBERS.contains(type) || type == 4) {
                continue;
            }
            pred = pred.or(switch (type) {
                case 2, 14 -> new Pred("(@.type() == \"string\")", false); // string and symbol share a form
                case 3 -> new Pred("(@.type() == \"object\")", false);
                case 5 -> new Pred(JsonPathText.markerExists(QueryForm.BIN), true);
                case 6 -> new Pred(JsonPathText.markerExists(QueryForm.UNDEFINED), true);
                case 7 -> new Pred(JsonPathText.markerExists(QueryForm.OID), true);
                case 8 -> new Pred("(@.type() == \"boolean\")", true);
                case 9 -> new Pred(JsonPathText.markerExists(QueryForm.DATE), true);
                case 10 -> new Pred("(@.type() == \"null\")", true);
                case 11 -> new Pred(JsonPathText.markerExists(QueryForm.REGEX), true);
                case 12 -> new Pred(JsonPathText.markerExists(QueryForm.DB_POINTER), true);
                case 13, 15 -> new Pred(JsonPathText.markerExists(QueryForm.CODE), false);
                case 17 -> new Pred(JsonPathText.markerExists(QueryForm.TS), true);
                case -1 -> new Pred(JsonPathText.markerExists(QueryForm.MIN_KEY), true);
                case 127 -> new Pred(JsonPathText.markerExists(QueryForm.MAX_KEY), true);
                default -> throw new IllegalStateException("unknown type " + type);
            });
        }
        Condition c = null;
        if (!pred.isNone()) {
            Pushdown leaf = FilterSql.leaf(t.path(), pred.expr(), pred.exact());
            c = leaf.condition();
            exact = leaf.exact();
        }
        if (t.types().contains(4)) {
            c = c == null ? FilterSql.isArray(t.path()) : c.or(FilterSql.isArray(t.path()));
            exact &= !t.path().hasIndexComponent();
        }
        return new Pushdown(c, exact);
    }
}
