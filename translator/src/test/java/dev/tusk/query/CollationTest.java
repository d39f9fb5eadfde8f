package dev.tusk.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.error.MongoServerException;
import dev.tusk.sql.FilterSql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Collations as MongoDB applies them (ICU): string comparisons in filters, sorts and errors. */
class CollationTest {

    private static Collation collation(String json) {
        return Collation.parse(Optional.of(BsonDocument.parse(json)), "collation");
    }

    record Case(String collation, String doc, String filter, boolean matches) {
        @Override
        public String toString() {
            return filter + " on " + doc + " with " + collation;
        }
    }

    static Stream<Case> filters() {
        String caseless = "{locale: 'en_US', strength: 2}";
        String base = "{locale: 'en', strength: 1}";
        String tertiary = "{locale: 'en'}";
        return Stream.of(
                new Case(caseless, "{x: 'ping'}", "{x: 'PING'}", true),
                new Case(tertiary, "{x: 'ping'}", "{x: 'PING'}", false),
                new Case("{locale: 'simple'}", "{x: 'ping'}", "{x: 'PING'}", false),
                new Case(caseless, "{x: 'café'}", "{x: 'CAFE'}", false),
                new Case(base, "{x: 'café'}", "{x: 'CAFE'}", true),
                new Case(caseless, "{x: ['a', 'PiNg']}", "{x: 'ping'}", true),
                new Case(caseless, "{x: 'Ping'}", "{x: {$in: ['pong', 'PING']}}", true),
                new Case(caseless, "{x: 'Ping'}", "{x: {$nin: ['pong', 'PING']}}", false),
                new Case(caseless, "{x: 'Ping'}", "{x: {$ne: 'PING'}}", false),
                new Case(caseless, "{x: 'b'}", "{x: {$gt: 'A', $lt: 'C'}}", true),
                new Case(tertiary, "{x: 'b'}", "{x: {$gt: 'A', $lt: 'C'}}", true),
                new Case("{locale: 'simple'}", "{x: 'b'}", "{x: {$gt: 'A', $lt: 'C'}}", false),
                new Case(caseless, "{x: {y: 'PING'}}", "{x: {y: 'ping'}}", true),
                new Case(caseless, "{x: {Y: 'ping'}}", "{x: {y: 'ping'}}", false),
                new Case(caseless, "{x: 'PING'}", "{x: /ping/}", false),
                new Case(caseless, "{x: 5}", "{x: 5}", true),
                new Case("{locale: 'en', numericOrdering: true}", "{x: '10'}", "{x: {$gt: '9'}}", true),
                new Case("{locale: 'en'}", "{x: '10'}", "{x: {$gt: '9'}}", false),
                new Case("{locale: 'en', strength: 1, alternate: 'shifted'}", "{x: 'a-b'}", "{x: 'ab'}", true),
                new Case(caseless, "{a: [{x: 'PING'}]}", "{a: {$elemMatch: {x: 'ping'}}}", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void filtersCompareStringsByTheCollation(Case c) {
        FilterNode node = CollatedFilter.of(FilterParser.parse(BsonDocument.parse(c.filter())), collation(c.collation()));
        assertEquals(c.matches(), FilterEvaluator.matches(node, BsonDocument.parse(c.doc())));
    }

    @Test
    void collatedStringComparisonsAreSupersetsInSqlAndOthersStayExact() {
        Collation caseless = collation("{locale: 'en_US', strength: 2}");
        assertFalse(FilterSql.compile(CollatedFilter.of(FilterParser.parse(BsonDocument.parse("{x: 'ping'}")), caseless)).exact());
        FilterNode numbers = FilterParser.parse(BsonDocument.parse("{x: 5, y: {$in: [1, 2]}}"));
        assertSame(numbers, CollatedFilter.of(numbers, Collation.SIMPLE));
        assertTrue(FilterSql.compile(CollatedFilter.of(numbers, caseless)).exact(), "no string: collation does not matter");
    }

    @Test
    void sortsOrderStringsByTheCollation() {
        List<BsonDocument> docs = new ArrayList<>(Stream.of("b", "B", "a", "C", "10", "9")
                .map(s -> new BsonDocument("s", new org.bson.BsonString(s))).toList());
        SortSpec sort = SortSpec.parse(BsonDocument.parse("{s: 1}"));
        docs.sort(sort.comparator());
        assertEquals(List.of("10", "9", "B", "C", "a", "b"), strings(docs));
        docs.sort(sort.collated(collation("{locale: 'en', caseFirst: 'upper'}")).comparator());
        assertEquals(List.of("10", "9", "a", "B", "b", "C"), strings(docs));
        docs.sort(sort.collated(collation("{locale: 'en', numericOrdering: true}")).comparator());
        assertEquals(List.of("9", "10", "a", "b", "B", "C"), strings(docs));
    }

    private static List<String> strings(List<BsonDocument> docs) {
        return docs.stream().map(d -> d.getString("s").getValue()).toList();
    }

    @Test
    void invalidCollationsAreMongoDbErrors() {
        assertEquals(40414, code("{strength: 2}"));
        assertEquals(2, code("{locale: 'xx_no_such'}"));
        assertEquals(2, code("{locale: 'en', strength: 6}"));
        assertEquals(2, code("{locale: 'en', caseFirst: 'sideways'}"));
        assertEquals(2, code("{locale: 'en', alternate: 'maybe'}"));
        assertEquals(2, code("{locale: 'simple', strength: 2}"));
        assertEquals(14, code("{locale: 'en', strength: 'two'}"));
        assertEquals(14, code("{locale: 7}"));
        assertEquals(40415, code("{locale: 'en', colour: 'blue'}"));
        MongoServerException notADocument = assertThrows(MongoServerException.class,
                () -> Collation.parse(Optional.of(new org.bson.BsonString("en")), "collation"));
        assertEquals(14, notADocument.code().code());
        assertTrue(Collation.parse(Optional.empty(), "collation").isSimple());
    }

    private static int code(String json) {
        return assertThrows(MongoServerException.class, () -> collation(json)).code().code();
    }
}
