package dev.tusk.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.bson.BsonIdentical;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectionTest {
    record Case(String name, String doc, String projection, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String doc = "{_id: 1, a: 1, b: {c: 2, d: 3}, e: [{c: 4, d: 5}, 6, [{c: 7}]]}";
        return Stream.of(
                new Case("empty", doc, "{}", doc),
                new Case("inclusion keeps _id", doc, "{a: 1}", "{_id: 1, a: 1}"),
                new Case("inclusion without _id", doc, "{a: 1, _id: 0}", "{a: 1}"),
                new Case("inclusion true", doc, "{a: true}", "{_id: 1, a: 1}"),
                new Case("inclusion keeps document order", doc, "{b: 1, a: 1}", "{_id: 1, a: 1, b: {c: 2, d: 3}}"),
                new Case("inclusion dotted", doc, "{'b.c': 1}", "{_id: 1, b: {c: 2}}"),
                new Case("inclusion through arrays", doc, "{'e.c': 1, _id: 0}", "{e: [{c: 4}, [{c: 7}]]}"),
                new Case("inclusion missing field", doc, "{x: 1}", "{_id: 1}"),
                new Case("inclusion dotted through scalar", doc, "{'a.x': 1}", "{_id: 1}"),
                new Case("only _id", doc, "{_id: 1}", "{_id: 1}"),
                new Case("exclusion", doc, "{a: 0}", "{_id: 1, b: {c: 2, d: 3}, e: [{c: 4, d: 5}, 6, [{c: 7}]]}"),
                new Case("exclusion _id only", doc, "{_id: 0}", "{a: 1, b: {c: 2, d: 3}, e: [{c: 4, d: 5}, 6, [{c: 7}]]}"),
                new Case("exclusion dotted", doc, "{'b.c': 0, e: 0}", "{_id: 1, a: 1, b: {d: 3}}"),
                new Case("exclusion through arrays", doc, "{'e.c': 0, _id: false}", "{a: 1, b: {c: 2, d: 3}, e: [{d: 5}, 6, [{}]]}"),
                new Case("computed expression", doc, "{total: {$add: ['$a', '$b.c']}}", "{_id: 1, total: 3}"),
                new Case("computed with inclusion", doc, "{a: 1, total: {$add: ['$a', '$b.c']}}", "{_id: 1, a: 1, total: 3}"),
                new Case("literal string value", doc, "{a: 'literal', _id: 0}", "{a: 'literal'}"),
                new Case("field path value", doc, "{x: '$b.d', _id: 0}", "{x: 3}"),
                new Case("nested inclusion document", doc, "{b: {c: 1}}", "{_id: 1, b: {c: 2}}"),
                new Case("computed REMOVE", doc, "{a: '$$REMOVE', b: 1}", "{_id: 1, b: {c: 2, d: 3}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void projects(Case c) {
        BsonDocument actual = Projection.parse(BsonDocument.parse(c.projection())).apply(BsonDocument.parse(c.doc()));
        BsonDocument expected = BsonDocument.parse(c.expected());
        assertTrue(BsonIdentical.identical(expected, actual), "expected " + expected.toJson() + " but was " + actual.toJson());
    }

    record ErrorCase(String projection, ErrorCode code, String message) {
        @Override
        public String toString() {
            return projection;
        }
    }

    static Stream<ErrorCase> errors() {
        return Stream.of(
                new ErrorCase("{a: 1, b: 0}", ErrorCode.PROJECTION_MIXES_INCLUSION, "Cannot do exclusion on field b in inclusion projection"),
                new ErrorCase("{a: 0, b: 1}", ErrorCode.PROJECTION_MIXES_EXCLUSION, "Cannot do inclusion on field b in exclusion projection"),
                new ErrorCase("{a: 1, 'a.b': 1}", ErrorCode.LOCATION_31249, "Path collision at a.b remaining portion b"),
                new ErrorCase("{'a.b': 1, a: 1}", ErrorCode.LOCATION_31250, "Path collision at a"),
                new ErrorCase("{a: {$slice: [1, 0]}}", ErrorCode.BAD_VALUE, "$slice limit must be positive"),
                new ErrorCase("{'a.b': {$elemMatch: {b: 1}}}", ErrorCode.LOCATION_31275, "Cannot use $elemMatch projection on a nested field."),
                new ErrorCase("{a: {$meta: 'bogus'}}", ErrorCode.LOCATION_17308, null),
                new ErrorCase("{a: {$foo: 1}}", ErrorCode.INVALID_PIPELINE_OPERATOR, "Unrecognized expression '$foo'"),
                new ErrorCase("{a: 0, b: '$x'}", ErrorCode.LOCATION_31310, "Cannot use an expression b: \"$x\" in an exclusion projection"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(ErrorCase c) {
        MongoServerException e = assertThrows(MongoServerException.class, () -> Projection.parse(BsonDocument.parse(c.projection())));
        assertEquals(c.code(), e.code(), e.getMessage());
        if (c.message() != null) {
            assertEquals(c.message(), e.getMessage());
        }
    }

    @Test
    void identity() {
        assertTrue(Projection.parse(new BsonDocument()).isIdentity());
    }
}
