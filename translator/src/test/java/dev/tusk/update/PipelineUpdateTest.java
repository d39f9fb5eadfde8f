package dev.tusk.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.MongoServerException;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pipeline-style updates, with the manual's examples and the `_id` rules. */
class PipelineUpdateTest {
    private static final JsonWriterSettings EXACT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    record Case(String name, String doc, String pipeline, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    record ErrorCase(String name, String doc, String pipeline, int code) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("$set computed", "{_id: 1, a: 2, b: 3}", "[{$set: {total: {$add: ['$a', '$b']}}}]",
                        "{_id: 1, a: 2, b: 3, total: 5}"),
                new Case("$addFields then $unset", "{_id: 1, a: 2, tmp: 1}", "[{$addFields: {c: {$multiply: ['$a', 10]}}}, {$unset: 'tmp'}]",
                        "{_id: 1, a: 2, c: 20}"),
                new Case("$project keeps _id", "{_id: 1, a: 2, b: 3}", "[{$project: {b: 1}}]", "{_id: 1, b: 3}"),
                new Case("$replaceWith merge keeps _id first", "{_id: 1, a: 2}",
                        "[{$replaceWith: {$mergeObjects: [{x: 0}, '$$ROOT']}}]", "{_id: 1, x: 0, a: 2}"),
                new Case("$replaceRoot dropping _id keeps it", "{_id: 7, sub: {k: 1}}", "[{$replaceRoot: {newRoot: '$sub'}}]",
                        "{_id: 7, k: 1}"),
                new Case("$cond", "{_id: 1, score: 75}",
                        "[{$set: {grade: {$cond: {if: {$gte: ['$score', 70]}, then: 'pass', else: 'fail'}}}}]",
                        "{_id: 1, score: 75, grade: 'pass'}"));
    }

    static Stream<ErrorCase> errors() {
        return Stream.of(
                new ErrorCase("changing _id", "{_id: 1}", "[{$set: {_id: 2}}]", 66),
                new ErrorCase("$group not allowed", "{_id: 1}", "[{$group: {_id: 1}}]", 72),
                new ErrorCase("$match not allowed", "{_id: 1}", "[{$match: {a: 1}}]", 72),
                new ErrorCase("unknown expression", "{_id: 1}", "[{$set: {a: {$nope: 1}}}]", 168));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void applies(Case c) {
        UpdateSpec spec = UpdateSpec.parse(BsonArray.parse(c.pipeline()), List.of());
        assertEquals(BsonDocument.parse(c.expected()).toJson(EXACT), spec.apply(BsonDocument.parse(c.doc()), false).document().toJson(EXACT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void fails(ErrorCase c) {
        MongoServerException e = assertThrows(MongoServerException.class,
                () -> UpdateSpec.parse(BsonArray.parse(c.pipeline()), List.of()).apply(BsonDocument.parse(c.doc()), false));
        assertEquals(c.code(), e.code().code(), e.getMessage());
    }
}
