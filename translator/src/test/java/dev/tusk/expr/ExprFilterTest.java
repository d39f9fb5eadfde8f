package dev.tusk.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import dev.tusk.sql.FilterSql;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** $expr in the query language: truthiness of the expression, combined with other operators; SQL is a TRUE superset. */
class ExprFilterTest {
    record Case(String name, String doc, String filter, boolean matches) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String budget = "{_id: 1, category: 'food', budget: 400, spent: 450}";
        return Stream.of(
                new Case("manual: spent > budget", budget, "{$expr: {$gt: ['$spent', '$budget']}}", true),
                new Case("manual: spent < budget", budget, "{$expr: {$lt: ['$spent', '$budget']}}", false),
                new Case("truthy number", budget, "{$expr: '$budget'}", true),
                new Case("zero is false", "{a: 0}", "{$expr: '$a'}", false),
                new Case("null is false", "{a: null}", "{$expr: '$a'}", false),
                new Case("missing is false", "{}", "{$expr: '$a'}", false),
                new Case("false is false", "{a: false}", "{$expr: '$a'}", false),
                new Case("empty string is true", "{a: ''}", "{$expr: '$a'}", true),
                new Case("empty array is true", "{a: []}", "{$expr: '$a'}", true),
                new Case("constant true", "{}", "{$expr: true}", true),
                new Case("with other operators", budget, "{category: 'food', $expr: {$gt: ['$spent', '$budget']}}", true),
                new Case("with other operators, one fails", budget, "{category: 'toys', $expr: {$gt: ['$spent', '$budget']}}", false),
                new Case("inside $or", budget, "{$or: [{category: 'toys'}, {$expr: {$eq: ['$budget', 400]}}]}", true),
                new Case("cond", "{qty: 150, price: 10}",
                        "{$expr: {$lt: [{$cond: {if: {$gte: ['$qty', 100]}, then: {$multiply: ['$price', 0.5]}, "
                                + "else: {$multiply: ['$price', 0.75]}}}, 6]}}", true),
                new Case("array field is not traversed", "{a: [1, 2]}", "{$expr: {$eq: ['$a', 1]}}", false),
                new Case("compare missing to null", "{}", "{$expr: {$eq: ['$a', null]}}", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches(Case c) {
        FilterNode node = FilterParser.parse(BsonDocument.parse(c.filter()));
        assertEquals(c.matches(), FilterEvaluator.matches(node, BsonDocument.parse(c.doc())));
    }

    @Test
    void sqlIsATrueSuperset() {
        FilterNode node = FilterParser.parse(BsonDocument.parse("{$expr: {$gt: ['$a', 1]}}"));
        assertEquals(false, FilterSql.compile(node).exact());
        assertEquals(true, FilterSql.compile(node).isUnrestricted());
    }

    @Test
    void letVariablesReachExpr() {
        Variables vars = new Variables(Variables.defaults().now(), Map.of("limit", new BsonInt32(5)));
        FilterNode node = FilterParser.parse(BsonDocument.parse("{$expr: {$gt: ['$a', '$$limit']}}"), vars);
        assertEquals(true, FilterEvaluator.matches(node, BsonDocument.parse("{a: 6}")));
        assertEquals(false, FilterEvaluator.matches(node, BsonDocument.parse("{a: 5}")));
    }

    @Test
    void commandLetIsEvaluatedOnce() {
        Variables vars = Variables.withLet(BsonDocument.parse("{x: {$add: [1, 2]}, y: {$multiply: ['$$x', 2]}}"));
        assertEquals(new BsonInt32(6), vars.user().get("y"));
    }
}
