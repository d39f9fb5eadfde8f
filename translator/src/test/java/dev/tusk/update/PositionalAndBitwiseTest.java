package dev.tusk.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.MongoServerException;
import dev.tusk.query.FilterParser;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Positional paths ($, $[], $[id] with arrayFilters), $bit, $pullAll and $push's $sort, with the manual's examples. */
class PositionalAndBitwiseTest {
    private static final JsonWriterSettings EXACT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    /** {@code query} is the filter that matched (for $), {@code arrayFilters} a JSON array or "". */
    record Case(String name, String doc, String query, String update, String arrayFilters, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    record ErrorCase(String name, String doc, String query, String update, String arrayFilters, int code) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("$ first matching element", "{_id: 1, grades: [85, 80, 80]}", "{grades: 80}",
                        "{$set: {'grades.$': 82}}", "", "{_id: 1, grades: [85, 82, 80]}"),
                new Case("$ in documents", "{_id: 4, grades: [{grade: 80, mean: 75}, {grade: 85, mean: 90}]}",
                        "{'grades.grade': 85}", "{$set: {'grades.$.std': 6}}", "",
                        "{_id: 4, grades: [{grade: 80, mean: 75}, {grade: 85, mean: 90, std: 6}]}"),
                new Case("$ with $elemMatch", "{_id: 5, grades: [{grade: 80, mean: 75}, {grade: 90, mean: 85}]}",
                        "{grades: {$elemMatch: {grade: {$lte: 90}, mean: {$gt: 80}}}}", "{$inc: {'grades.$.grade': 1}}", "",
                        "{_id: 5, grades: [{grade: 80, mean: 75}, {grade: 91, mean: 85}]}"),
                new Case("$[] all elements", "{_id: 1, grades: [85, 82, 80]}", "{}", "{$inc: {'grades.$[]': 10}}", "",
                        "{_id: 1, grades: [95, 92, 90]}"),
                new Case("$[] nested field", "{_id: 1, a: [{b: 1}, {b: 2}, {}]}", "{}", "{$set: {'a.$[].b': 0}}", "",
                        "{_id: 1, a: [{b: 0}, {b: 0}, {b: 0}]}"),
                new Case("$[] on empty array", "{_id: 1, a: []}", "{}", "{$set: {'a.$[]': 1}}", "", "{_id: 1, a: []}"),
                new Case("$[x] filtered", "{_id: 1, grades: [95, 92, 90]}", "{}", "{$set: {'grades.$[element]': 100}}",
                        "[{element: {$gte: 92}}]", "{_id: 1, grades: [100, 100, 90]}"),
                new Case("$[x] on document fields", "{_id: 1, g: [{grade: 80, mean: 75}, {grade: 85, mean: 100}]}", "{}",
                        "{$set: {'g.$[e].mean': 100}}", "[{'e.grade': {$gte: 85}}]",
                        "{_id: 1, g: [{grade: 80, mean: 75}, {grade: 85, mean: 100}]}"),
                new Case("$[x] nested with $[]", "{_id: 1, d: [{q: [1, 5]}, {q: [7]}]}", "{}", "{$inc: {'d.$[].q.$[n]': 1}}",
                        "[{n: {$gt: 4}}]", "{_id: 1, d: [{q: [1, 6]}, {q: [8]}]}"),
                new Case("$bit and", "{_id: 1, expdata: 13}", "{}", "{$bit: {expdata: {and: 10}}}", "", "{_id: 1, expdata: 8}"),
                new Case("$bit or long", "{_id: 2, expdata: 3}", "{}", "{$bit: {expdata: {or: {$numberLong: '5'}}}}", "",
                        "{_id: 2, expdata: {$numberLong: '7'}}"),
                new Case("$bit xor", "{_id: 3, expdata: 1}", "{}", "{$bit: {expdata: {xor: 5}}}", "", "{_id: 3, expdata: 4}"),
                new Case("$bit missing field", "{_id: 3}", "{}", "{$bit: {x: {or: 5}}}", "", "{_id: 3, x: 5}"),
                new Case("$pullAll", "{_id: 1, scores: [0, 2, 5, 5, 1, 0]}", "{}", "{$pullAll: {scores: [0, 5]}}", "",
                        "{_id: 1, scores: [2, 1]}"),
                new Case("$pullAll numeric equality across types", "{_id: 1, s: [1, 2.0, 3]}", "{}", "{$pullAll: {s: [2]}}", "",
                        "{_id: 1, s: [1, 3]}"),
                new Case("$push $sort by field", "{_id: 1, quizzes: [{wk: 1, score: 10}, {wk: 2, score: 8}]}", "{}",
                        "{$push: {quizzes: {$each: [{wk: 5, score: 8}, {wk: 6, score: 7}], $sort: {score: -1}, $slice: 3}}}", "",
                        "{_id: 1, quizzes: [{wk: 1, score: 10}, {wk: 2, score: 8}, {wk: 5, score: 8}]}"),
                new Case("$push $sort whole elements", "{_id: 1, tests: [89, 70, 89, 50]}", "{}",
                        "{$push: {tests: {$each: [40, 60], $sort: 1}}}", "", "{_id: 1, tests: [40, 50, 60, 70, 89, 89]}"));
    }

    static Stream<ErrorCase> errors() {
        return Stream.of(
                new ErrorCase("$ without a matching query", "{_id: 1, a: [1]}", "{}", "{$set: {'a.$': 2}}", "", 2),
                new ErrorCase("$[] on a scalar", "{_id: 1, a: 1}", "{}", "{$set: {'a.$[]': 2}}", "", 2),
                new ErrorCase("$[] on a missing path", "{_id: 1}", "{}", "{$set: {'a.$[]': 2}}", "", 2),
                new ErrorCase("$[x] without a filter", "{_id: 1, a: [1]}", "{}", "{$set: {'a.$[x]': 2}}", "", 2),
                new ErrorCase("unused array filter", "{_id: 1, a: [1]}", "{}", "{$set: {a: 2}}", "[{x: 1}]", 9),
                new ErrorCase("two filters one identifier", "{_id: 1, a: [1]}", "{}", "{$set: {'a.$[x]': 2}}", "[{x: 1}, {x: 2}]", 9),
                new ErrorCase("uppercase identifier", "{_id: 1, a: [1]}", "{}", "{$set: {'a.$[X]': 2}}", "[{X: 1}]", 2),
                new ErrorCase("positional first component", "{_id: 1}", "{}", "{$set: {'$[]': 2}}", "", 2),
                new ErrorCase("two $ in a path", "{_id: 1}", "{a: 1}", "{$set: {'a.$.b.$': 2}}", "", 2),
                new ErrorCase("$bit not a document", "{_id: 1, a: 1}", "{}", "{$bit: {a: 5}}", "", 2),
                new ErrorCase("$bit unknown op", "{_id: 1, a: 1}", "{}", "{$bit: {a: {not: 5}}}", "", 2),
                new ErrorCase("$bit double operand", "{_id: 1, a: 1}", "{}", "{$bit: {a: {and: 1.5}}}", "", 2),
                new ErrorCase("$bit on a string", "{_id: 1, a: 'x'}", "{}", "{$bit: {a: {and: 1}}}", "", 2),
                new ErrorCase("$pullAll not an array", "{_id: 1, a: [1]}", "{}", "{$pullAll: {a: 1}}", "", 2),
                new ErrorCase("$push bad $sort", "{_id: 1, a: [1]}", "{}", "{$push: {a: {$each: [2], $sort: 2}}}", "", 2));
    }

    private static List<BsonDocument> filters(String json) {
        return json.isEmpty() ? List.of()
                : BsonArray.parse(json).stream().map(BsonValue::asDocument).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void applies(Case c) {
        UpdateSpec spec = UpdateSpec.parse(BsonDocument.parse(c.update()), filters(c.arrayFilters()));
        BsonDocument result = spec.apply(BsonDocument.parse(c.doc()), false,
                Optional.of(FilterParser.parse(BsonDocument.parse(c.query())))).document();
        assertEquals(BsonDocument.parse(c.expected()).toJson(EXACT), result.toJson(EXACT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void fails(ErrorCase c) {
        MongoServerException e = assertThrows(MongoServerException.class, () -> {
            UpdateSpec spec = UpdateSpec.parse(BsonDocument.parse(c.update()), filters(c.arrayFilters()));
            spec.apply(BsonDocument.parse(c.doc()), false, Optional.of(FilterParser.parse(BsonDocument.parse(c.query()))));
        });
        assertEquals(c.code(), e.code().code(), e.getMessage());
    }
}
