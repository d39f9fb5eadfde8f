package dev.tusk.sql;

import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The SQL form of a filter: a condition over the {@code q} column that never rejects a matching
 * document. {@code exact} means it also never accepts a non-matching one, so the evaluator need not
 * re-check; otherwise the rows are a superset, re-checked by the evaluator.
 */
public record Pushdown(Condition condition, boolean exact) {
    /** No restriction at all: every row is a candidate. */
    public static Pushdown everything() {
        return new Pushdown(DSL.trueCondition(), false);
    }

    public static Pushdown exact(Condition condition) {
        return new Pushdown(condition, true);
    }

    public static Pushdown superset(Condition condition) {
        return new Pushdown(condition, false);
    }

    /** True if this pushdown restricts nothing (a plain TRUE superset). */
    public boolean isUnrestricted() {
        return !exact && condition.equals(DSL.trueCondition());
    }
}
