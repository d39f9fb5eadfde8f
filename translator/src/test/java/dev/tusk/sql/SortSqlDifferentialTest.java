package dev.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.bson.FieldPath;
import dev.tusk.query.SortSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.bson.BsonDocument;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coarse SQL sort against SortSpec on a real PostgreSQL: for random documents, random sorts and
 * limits, the first n rows WITH TIES, sorted exactly, must be exactly the first n documents.
 */
class SortSqlDifferentialTest {
    private static final DSLContext SQL = DSL.using(SQLDialect.POSTGRES);
    private static final int DOCUMENTS = 400;
    private static final int SORTS = 1000;
    private static QueryFormTable table;
    private static final List<BsonDocument> docs = new ArrayList<>();

    @BeforeAll
    static void load() throws SQLException {
        long seed = Long.getLong("tusk.seed", 20240611L);
        RandomBson random = new RandomBson(new Random(seed + 7));
        for (int i = 0; i < DOCUMENTS; i++) {
            docs.add(random.document(0));
        }
        docs.addAll(FilterSqlCases.documents());
        for (int i = 0; i < 80; i++) { // many documents tied on a reduced key: a later key must not reorder them
            docs.add(new BsonDocument("a", new BsonDocument("k", new org.bson.BsonInt32(i % 2)))
                    .append("b", i % 3 == 0 ? new org.bson.BsonString("s" + i % 5) : new org.bson.BsonInt32(i % 11)));
        }
        table = new QueryFormTable("s", docs);
    }

    @AfterAll
    static void close() throws SQLException {
        table.close();
    }

    @Test
    void firstRowsWithTiesHoldTheExactFirstDocuments() throws SQLException {
        long seed = Long.getLong("tusk.seed", 20240611L);
        Random random = new Random(seed + 8);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < SORTS && failures.size() < 5; i++) {
            SortSpec sort = randomSort(random);
            int n = 1 + random.nextInt(random.nextBoolean() ? 10 : docs.size());
            List<Integer> expected = exactOrder(sort, allIds()).subList(0, Math.min(n, docs.size()));
            List<Integer> fromSql = topWithTies(sort, n);
            List<Integer> actual = exactOrder(sort, fromSql);
            actual = actual.subList(0, Math.min(n, actual.size()));
            if (!actual.equals(expected)) {
                int at = 0;
                while (at < actual.size() && at < expected.size() && actual.get(at).equals(expected.get(at))) {
                    at++;
                }
                failures.add(sort + " n=" + n + " (seed " + seed + "): first difference at " + at + ": expected "
                        + (at < expected.size() ? docs.get(expected.get(at)).toJson() : "end") + " got "
                        + (at < actual.size() ? docs.get(actual.get(at)).toJson() : "end"));
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void dottedPathsAreNotReduced() {
        assertEquals(java.util.Optional.empty(), SortSql.of(SortSpec.parse(BsonDocument.parse("{'a.b': 1}")), "k"));
    }

    private static SortSpec randomSort(Random random) {
        List<SortSpec.Key> keys = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int k = 0; k < count; k++) {
            keys.add(new SortSpec.Key(FieldPath.of(RandomBson.NAMES.get(random.nextInt(RandomBson.NAMES.size()))),
                    random.nextBoolean()));
        }
        return new SortSpec(keys);
    }

    private static List<Integer> allIds() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            ids.add(i);
        }
        return ids;
    }

    /** A stable exact sort of the ids given (in id order for ties, as the SQL orders them). */
    private static List<Integer> exactOrder(SortSpec sort, List<Integer> ids) {
        List<Integer> sorted = new ArrayList<>(ids);
        sorted.sort(Comparator.<Integer>naturalOrder());
        Comparator<BsonDocument> exact = sort.comparator();
        sorted.sort((x, y) -> exact.compare(docs.get(x), docs.get(y)));
        return sorted;
    }

    private static List<Integer> topWithTies(SortSpec sort, int n) throws SQLException {
        SortSql.Coarse coarse = SortSql.of(sort, "k").orElseThrow();
        List<SortField<?>> order = coarse.orderBy(); // no tie-breaker: WITH TIES must see the coarse ties
        Query query = SQL.select(DSL.field(DSL.name("id"), Integer.class)).from(DSL.table(DSL.name("s")))
                .crossJoin(coarse.lateral())
                .orderBy(order).limit(n).withTies();
        try {
            return table.ids(query);
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + " in " + SQL.renderInlined(query), e);
        }
    }
}
