package dev.tusk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.query.FilterParser;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** explain's indexBounds in MongoDB's notation, from filters and key patterns. */
class IndexBoundsTextTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("{a: 3}", "{a: 1}", false, "{a: ['[3, 3]']}"),
                Arguments.of("{a: 2.5}", "{a: 1}", false, "{a: ['[2.5, 2.5]']}"),
                Arguments.of("{a: 'x'}", "{a: 1}", false, "{a: ['[\"x\", \"x\"]']}"),
                Arguments.of("{a: null}", "{a: 1}", false, "{a: ['[null, null]']}"),
                Arguments.of("{a: {$in: [5, 1, 'b']}}", "{a: 1}", false, "{a: ['[1, 1]', '[5, 5]', '[\"b\", \"b\"]']}"),
                Arguments.of("{a: {$gt: 5}}", "{a: 1}", false, "{a: ['(5, inf.0]']}"),
                Arguments.of("{a: {$gte: 5, $lt: 9}}", "{a: 1}", false, "{a: ['[5, 9)']}"),
                Arguments.of("{a: {$gte: 5, $lt: 9}}", "{a: 1}", true, "{a: ['[5, inf.0]']}"),
                Arguments.of("{a: {$elemMatch: {$gte: 5, $lt: 9}}}", "{a: 1}", true, "{a: ['[5, 9)']}"),
                Arguments.of("{a: {$elemMatch: {$eq: 4}}}", "{a: 1}", true, "{a: ['[4, 4]']}"),
                Arguments.of("{a: {$elemMatch: {b: {$gt: 1}, c: 2}}}", "{'a.b': 1}", true, "{'a.b': ['(1, inf.0]']}"),
                Arguments.of("{a: {$elemMatch: {'0': 1}}}", "{'a.0': 1}", true, "{'a.0': ['[MinKey, MaxKey]']}"),
                Arguments.of("{a: {$regex: '^ab.*'}}", "{a: 1}", false, "{a: ['[\"ab\", \"ac\")', '[/^ab.*/, /^ab.*/]']}"),
                Arguments.of("{a: {$regex: '^ab', $options: 'i'}}", "{a: 1}", false, "{a: ['[MinKey, MaxKey]']}"),
                Arguments.of("{a: {$lte: 5}}", "{a: 1}", false, "{a: ['[-inf.0, 5]']}"),
                Arguments.of("{a: {$gt: 'm'}}", "{a: 1}", false, "{a: ['(\"m\", {})']}"),
                Arguments.of("{a: {$lt: 'm'}}", "{a: 1}", false, "{a: ['[\"\", \"m\")']}"),
                Arguments.of("{a: {$gte: {$date: 5}}}", "{a: 1}", false, "{a: ['[new Date(5), new Date(9223372036854775807)]']}"),
                Arguments.of("{a: {$gt: 5}}", "{a: -1}", false, "{a: ['[inf.0, 5)']}"),
                Arguments.of("{a: {$in: [1, 2]}}", "{a: -1}", false, "{a: ['[2, 2]', '[1, 1]']}"),
                Arguments.of("{a: 3, b: 4}", "{a: 1, b: -1}", false, "{a: ['[3, 3]'], b: ['[4, 4]']}"),
                Arguments.of("{a: 3, b: {$gt: 4}}", "{a: 1, b: -1, c: 1}", false,
                        "{a: ['[3, 3]'], b: ['[inf.0, 4)'], c: ['[MinKey, MaxKey]']}"),
                Arguments.of("{a: {$in: [1, 2]}, b: 'x', c: 5}", "{a: 1, b: 1, c: 1}", false,
                        "{a: ['[1, 1]', '[2, 2]'], b: ['[\"x\", \"x\"]'], c: ['[5, 5]']}"),
                Arguments.of("{a: {$gt: 3}, b: 4}", "{a: 1, b: -1}", false, "{a: ['(3, inf.0]'], b: ['[MaxKey, MinKey]']}"),
                Arguments.of("{b: 4}", "{a: 1, b: 1}", false, "{a: ['[MinKey, MaxKey]'], b: ['[MinKey, MaxKey]']}"),
                Arguments.of("{b: 4}", "{a: 1}", false, "{a: ['[MinKey, MaxKey]']}"),
                Arguments.of("{a: {$type: 'string'}}", "{a: 1}", false, "{a: ['[\"\", {})']}"),
                Arguments.of("{a: {$type: ['bool', 'number']}}", "{a: 1}", false, "{a: ['[nan.0, inf.0]', '[false, true]']}"),
                Arguments.of("{a: {$type: ['string', 'array']}}", "{a: 1}", false, "{a: ['[MinKey, MaxKey]']}"),
                Arguments.of("{a: {$exists: true}}", "{a: 1}", false, "{a: ['[MinKey, MaxKey]']}"),
                Arguments.of("{_id: {$oid: '650000000000000000000001'}}", "{_id: 1}", false,
                        "{_id: [\"[ObjectId('650000000000000000000001'), ObjectId('650000000000000000000001')]\"]}"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void boundsReadAsMongoDbPrintsThem(String filter, String keyPattern, boolean multikey, String expected) {
        assertEquals(BsonDocument.parse(expected), IndexBoundsText.of(FilterParser.parse(BsonDocument.parse(filter)),
                BsonDocument.parse(keyPattern), multikey));
    }
}
