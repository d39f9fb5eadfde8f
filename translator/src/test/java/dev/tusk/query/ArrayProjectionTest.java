package dev.tusk.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.MongoServerException;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Find projections with $slice, $elemMatch and positional $, from the manual's examples. */
class ArrayProjectionTest {
    private static final JsonWriterSettings EXACT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    record Case(String name, String doc, String query, String projection, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String doc = "{_id: 1, name: 'x', comments: [1, 2, 3, 4, 5], details: {colors: ['blue', 'red', 'green']}}";
        String grades = "{_id: 2, grades: [{grade: 80, mean: 75}, {grade: 85, mean: 90}, {grade: 85, mean: 85}], school: 'A'}";
        return Stream.of(
                new Case("$slice alone keeps other fields", doc, "{}", "{comments: {$slice: 2}}",
                        "{_id: 1, name: 'x', comments: [1, 2], details: {colors: ['blue', 'red', 'green']}}"),
                new Case("$slice negative", doc, "{}", "{comments: {$slice: -2}, details: 0}", "{_id: 1, name: 'x', comments: [4, 5]}"),
                new Case("$slice skip limit", doc, "{}", "{comments: {$slice: [1, 2]}, name: 1}", "{_id: 1, name: 'x', comments: [2, 3]}"),
                new Case("$slice negative skip", doc, "{}", "{comments: {$slice: [-2, 5]}, _id: 0, name: 1}", "{name: 'x', comments: [4, 5]}"),
                new Case("$slice nested path", doc, "{}", "{'details.colors': {$slice: 1}, name: 1}",
                        "{_id: 1, name: 'x', details: {colors: ['blue']}}"),
                new Case("$elemMatch first match", grades, "{}", "{grades: {$elemMatch: {mean: {$gt: 80}}}}",
                        "{_id: 2, grades: [{grade: 85, mean: 90}]}"),
                new Case("$elemMatch with other fields", grades, "{}", "{school: 1, grades: {$elemMatch: {grade: 85}}}",
                        "{_id: 2, grades: [{grade: 85, mean: 90}], school: 'A'}"),
                new Case("$elemMatch no match omits field", grades, "{}", "{grades: {$elemMatch: {grade: 1}}}", "{_id: 2}"),
                new Case("positional", grades, "{'grades.mean': {$gt: 86}}", "{'grades.$': 1}", "{_id: 2, grades: [{grade: 85, mean: 90}]}"),
                new Case("positional values", "{_id: 3, s: [1, 7, 9]}", "{s: {$gte: 7}}", "{'s.$': 1}", "{_id: 3, s: [7]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void projects(Case c) {
        Projection p = Projection.parse(BsonDocument.parse(c.projection()));
        BsonDocument out = p.apply(BsonDocument.parse(c.doc()), Optional.of(FilterParser.parse(BsonDocument.parse(c.query()))));
        assertEquals(BsonDocument.parse(c.expected()).toJson(EXACT), out.toJson(EXACT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(String projection) {
        assertThrows(MongoServerException.class, () -> Projection.parse(BsonDocument.parse(projection)));
    }

    static Stream<String> errors() {
        return Stream.of("{a: {$slice: [1, 0]}}", "{a: {$slice: 'x'}}", "{'a.b': {$elemMatch: {x: 1}}}", "{'a.$': 1, 'b.$': 1}");
    }
}
