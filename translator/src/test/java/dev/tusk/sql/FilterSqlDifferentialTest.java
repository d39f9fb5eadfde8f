package dev.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.error.MongoServerException;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evaluator versus pushed-down SQL on a real PostgreSQL: random documents × random filters. The SQL
 * rows must contain the evaluator's rows, and equal them when the pushdown says it is exact.
 */
class FilterSqlDifferentialTest {
    private static final DSLContext SQL = DSL.using(SQLDialect.POSTGRES);
    private static final int DOCUMENTS = 400;
    private static final int FILTERS = 10_000;
    private static QueryFormTable table;
    private static final List<BsonDocument> docs = new ArrayList<>();

    @BeforeAll
    static void load() throws SQLException {
        long seed = Long.getLong("tusk.seed", 20240611L);
        RandomBson random = new RandomBson(new Random(seed));
        for (int i = 0; i < DOCUMENTS; i++) {
            docs.add(random.document(0));
        }
        docs.addAll(FilterSqlCases.documents());
        table = new QueryFormTable("d", docs);
    }

    @AfterAll
    static void close() throws SQLException {
        table.close();
    }

    @Test
    void randomFiltersAgreeWithTheEvaluator() throws SQLException {
        long seed = Long.getLong("tusk.seed", 20240611L);
        RandomFilters filters = new RandomFilters(new Random(seed + 1));
        List<String> failures = new ArrayList<>();
        int exact = 0;
        int checked = 0;
        for (int i = 0; i < FILTERS && failures.size() < 10; i++) {
            BsonDocument filter = filters.filter(0);
            FilterNode node;
            try {
                node = FilterParser.parse(filter);
            } catch (MongoServerException invalid) {
                continue;
            }
            checked++;
            if (check(filter, node, failures)) {
                exact++;
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(checked > FILTERS / 2, "too few valid random filters: " + checked);
        assertTrue(exact > checked / 5, "too few exact pushdowns: " + exact + " of " + checked);
    }

    @Test
    void tableCasesAgreeWithTheEvaluator() throws SQLException {
        List<String> failures = new ArrayList<>();
        for (String filterJson : FilterSqlCases.filters()) {
            BsonDocument filter = BsonDocument.parse(filterJson);
            check(filter, FilterParser.parse(filter), failures);
        }
        assertEquals(List.of(), failures);
    }

    /** Returns whether the pushdown was exact; adds a line per disagreement. */
    private boolean check(BsonDocument filter, FilterNode node, List<String> failures) throws SQLException {
        Pushdown pushdown = FilterSql.compile(node);
        Set<Integer> expected = new TreeSet<>();
        for (int i = 0; i < docs.size(); i++) {
            if (FilterEvaluator.matches(node, docs.get(i))) {
                expected.add(i);
            }
        }
        Query query = SQL.select(DSL.field(DSL.name("id"), Integer.class)).from(DSL.table(DSL.name("d")))
                .where(pushdown.condition());
        Set<Integer> actual;
        try {
            actual = new TreeSet<>(table.ids(query));
        } catch (SQLException e) {
            failures.add(filter.toJson() + " → SQL error " + e.getMessage() + " in " + SQL.renderInlined(query));
            return pushdown.exact();
        }
        Set<Integer> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        if (!missing.isEmpty()) {
            failures.add(filter.toJson() + " dropped " + describe(missing) + " sql: " + SQL.renderInlined(pushdown.condition()));
        } else if (pushdown.exact() && !actual.equals(expected)) {
            Set<Integer> extra = new TreeSet<>(actual);
            extra.removeAll(expected);
            failures.add(filter.toJson() + " exact but extra " + describe(extra) + " sql: " + SQL.renderInlined(pushdown.condition()));
        }
        return pushdown.exact();
    }

    private static String describe(Set<Integer> ids) {
        return ids.stream().limit(3).map(i -> docs.get(i).toJson()).toList().toString();
    }
}
