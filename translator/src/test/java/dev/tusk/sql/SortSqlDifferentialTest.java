package dev.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.bson.FieldPath;
import dev.tusk.query.SortSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.bson.BsonDocument;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coarse SQL sort against SortSpec on a real PostgreSQL: for random documents, random sorts
 * (dotted paths included) and limits, the first n rows WITH TIES plus the rows the SQL leaves
 * unordered, sorted exactly, must start with exactly the first n documents.
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
    void onlyDottedPathsLeaveRowsUnordered() {
        assertTrue(SortSql.of(SortSpec.parse(BsonDocument.parse("{a: 1, b: -1}")), "k").unordered().isEmpty());
        assertTrue(SortSql.of(SortSpec.parse(BsonDocument.parse("{a: 1, 'b.c': -1}")), "k").unordered().isPresent());
    }

    /** One to three keys, each a path of one to three parts (numeric parts and `$` names included). */
    private static SortSpec randomSort(Random random) {
        List<SortSpec.Key> keys = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int k = 0; k < count; k++) {
            StringBuilder path = new StringBuilder(name(random));
            int parts = random.nextInt(3) == 0 ? 1 : 1 + random.nextInt(3);
            for (int p = 1; p < parts; p++) {
                path.append('.').append(random.nextInt(20) == 0 ? "$d" : name(random));
            }
            keys.add(new SortSpec.Key(FieldPath.of(path.toString()), random.nextBoolean()));
        }
        return new SortSpec(keys);
    }

    private static String name(Random random) {
        return RandomBson.NAMES.get(random.nextInt(RandomBson.NAMES.size()));
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
        SortSql.Coarse coarse = SortSql.of(sort, "k");
        List<SortField<?>> order = coarse.orderBy(); // no tie-breaker: WITH TIES must see the coarse ties
        Field<Integer> id = DSL.field(DSL.name("id"), Integer.class);
        Select<Record1<Integer>> top = SQL.select(id).from(DSL.table(DSL.name("s")))
                .crossJoin(coarse.lateral())
                .where(coarse.unordered().map(Condition::not).orElse(DSL.noCondition()))
                .orderBy(order).limit(n).withTies();
        Query query = coarse.unordered()
                .<Query>map(u -> SQL.select(id).from(DSL.table(DSL.name("s"))).where(u).unionAll(top))
                .orElse(top);
        try {
            return table.ids(query);
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + " in " + SQL.renderInlined(query), e);
        }
    }
}
