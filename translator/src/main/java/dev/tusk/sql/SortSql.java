package dev.tusk.sql;

import dev.tusk.bson.FieldPath;
import dev.tusk.query.SortSpec;
import dev.tusk.storage.QueryForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * A sort in SQL that is a coarsening of MongoDB's order: whenever MongoDB puts document x before y,
 * the SQL order never puts y strictly before x, but it may tie them. Each key's value is reduced to
 * (type bracket, number, text): numbers, dates, timestamps and booleans by their number, strings and
 * ObjectIds by their text in byte order (COLLATE "C"), everything else by its bracket alone. An array
 * contributes its smallest element (largest, descending) under that reduction, an empty array sorts
 * below null, a missing field as null.
 *
 * <p>So the first n documents in MongoDB's order are among the first n rows {@code WITH TIES} in
 * this order; the caller sorts those exactly. A compound sort orders by a later key only where the
 * earlier keys' reduced values are {@link #exact}. A dotted path is reduced where it walks through
 * documents only; a row where some part of a path before the last is an array (MongoDB then collects
 * the path from every element, and numeric parts may index) is not ordered here but always returned:
 * {@link Coarse#unordered}.
 */
public final class SortSql {
    private static final String UNDEFINED = "{\"" + QueryForm.UNDEFINED + "\": true}";

    private SortSql() {}

    /**
     * A lateral subquery named {@code lateral} that picks each key's value per row, the ORDER BY over
     * them, and the rows this order cannot place.
     */
    public static Coarse of(SortSpec sort, String lateral) {
        List<Field<?>> picked = new ArrayList<>();
        List<SortField<?>> order = new ArrayList<>();
        Condition earlierExact = DSL.trueCondition();
        List<Condition> unordered = new ArrayList<>();
        for (int i = 0; i < sort.keys().size(); i++) {
            SortSpec.Key key = sort.keys().get(i);
            boolean asc = key.ascending();
            picked.add(picked(key.path(), asc).as("p" + i));
            Field<JSONB> p = DSL.field(DSL.name(lateral, "p" + i), SQLDataType.JSONB);
            for (Field<?> part : List.of(bracket(p), number(p), text(p))) {
                Field<?> guarded = i == 0 ? part : DSL.when(earlierExact, part);
                order.add(asc ? guarded.asc() : guarded.desc());
            }
            earlierExact = earlierExact.and(exact(p));
            for (int length = 1; length < key.path().size(); length++) {
                unordered.add(DSL.condition("coalesce(jsonb_typeof({0}) = 'array', false)", at(key.path(), length)));
            }
        }
        // OFFSET 0 keeps PostgreSQL from flattening the lateral into ORDER BY, which would copy the
        // array subquery into every reference to p<i> and run it that many times per row.
        return new Coarse(DSL.lateral(DSL.select(picked).offset(0)).as(lateral), order, earlierExact,
                unordered.isEmpty() ? Optional.empty() : Optional.of(DSL.or(unordered)));
    }

    /**
     * The lateral subquery to join (one picked value per key, p0, p1...), the ORDER BY over it, whether a
     * row's values are all {@link #exact} (rows it ties are then equal in MongoDB's order), and the condition of rows it
     * does not order (none when every key is a top-level field): those must all be read besides the
     * first rows in this order.
     */
    public record Coarse(Table<?> lateral, List<SortField<?>> orderBy, Condition exact,
            Optional<Condition> unordered) {}

    /** The value a key sorts by: the field, its extreme element if it is an array, null if missing. */
    private static Field<JSONB> picked(FieldPath path, boolean asc) {
        Field<JSONB> v = at(path, path.size());
        Field<JSONB> e = DSL.field(DSL.name("e"), SQLDataType.JSONB);
        String dir = asc ? "" : " desc";
        Field<JSONB> extreme = DSL.field("(select {0} from jsonb_array_elements({1}) {0} order by {2}" + dir + ", {3}" + dir
                + ", {4}" + dir + " limit 1)", SQLDataType.JSONB, e, v, bracket(e), number(e), text(e));
        return DSL.field("case when jsonb_typeof({0}) = 'array' then coalesce({1}, {2}::jsonb) else coalesce({0}, 'null'::jsonb) end",
                SQLDataType.JSONB, v, extreme, DSL.inline(UNDEFINED));
    }

    /** The value at the path's first {@code length} parts through documents only (SQL NULL past a non-document). */
    private static Field<JSONB> at(FieldPath path, int length) {
        if (length == 1) {
            return DSL.field("{0} -> {1}", SQLDataType.JSONB, FilterSql.Q, DSL.inline(QueryForm.storedName(path.get(0))));
        }
        List<Field<?>> args = new ArrayList<>();
        args.add(FilterSql.Q);
        StringBuilder template = new StringBuilder("jsonb_extract_path({0}");
        for (int i = 0; i < length; i++) {
            args.add(DSL.inline(QueryForm.storedName(path.get(i))));
            template.append(", {").append(i + 1).append('}');
        }
        return DSL.field(template.append(')').toString(), SQLDataType.JSONB, args.toArray(new Field<?>[0]));
    }

    /**
     * True if every value with this (bracket, number, text) is equal in MongoDB's order too. A later
     * key may only order rows whose earlier keys are all exact: two documents (one reduced class)
     * that differ must not be reordered by the next key. Conservative: NaN and -Infinity share a
     * class, as do the clamped huge/tiny Decimal128s and strings stored with U+0001 for U+0000.
     */
    static Condition exact(Field<JSONB> v) {
        return DSL.condition("({0} not in (20, 25, 30, 50, 55, 60, 65) and coalesce(abs({1}) < 1e901"
                + " and ({1} = 0 or abs({1}) > 1e-901), true) and coalesce(strpos({2}, chr(1)) = 0, true))",
                bracket(v), number(v), text(v));
    }

    /** BsonOrder's canonical type of a QueryForm value. */
    static Field<Integer> bracket(Field<JSONB> v) {
        return DSL.field("case jsonb_typeof({0}) when 'number' then 10 when 'string' then 15 when 'boolean' then 40"
                + " when 'null' then 5 when 'array' then 25 else case"
                + marker(QueryForm.NUM, 10) + marker(QueryForm.OID, 35) + marker(QueryForm.DATE, 45)
                + marker(QueryForm.TS, 47) + marker(QueryForm.BIN, 30) + marker(QueryForm.REGEX, 50)
                + marker(QueryForm.MIN_KEY, -1) + marker(QueryForm.MAX_KEY, 100) + marker(QueryForm.UNDEFINED, 0)
                + marker(QueryForm.SCOPE, 65) + marker(QueryForm.CODE, 60) + marker(QueryForm.DB_POINTER, 55)
                + " else 20 end end", SQLDataType.INTEGER, v);
    }

    private static String marker(String name, int bracket) {
        return " when {0} -> '" + name + "' is not null then " + bracket;
    }

    /** Order inside the number-like brackets; NaN ties with -Infinity, which it precedes. */
    static Field<java.math.BigDecimal> number(Field<JSONB> v) {
        return DSL.field("case jsonb_typeof({0}) when 'number' then ({0})::numeric"
                + " when 'boolean' then case when ({0})::boolean then 1 else 0 end"
                + " when 'object' then coalesce(({0} ->> '" + QueryForm.DATE + "')::numeric, ({0} ->> '" + QueryForm.TS
                + "')::numeric, case {0} ->> '" + QueryForm.NUM + "' when 'Infinity' then 'Infinity'::numeric"
                + " when '-Infinity' then '-Infinity'::numeric when 'NaN' then '-Infinity'::numeric end) end",
                SQLDataType.NUMERIC, v);
    }

    /** Order inside strings and ObjectIds: code points, as UTF-8 bytes compare. */
    static Field<String> text(Field<JSONB> v) {
        return DSL.field("(case jsonb_typeof({0}) when 'string' then {0} #>> '{}' else {0} ->> '" + QueryForm.OID
                + "' end) collate \"C\"", SQLDataType.VARCHAR, v);
    }
}
