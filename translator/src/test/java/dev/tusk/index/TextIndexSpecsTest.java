package dev.tusk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.MongoServerException;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** createIndexes specs of text indexes: MongoDB's stored form and its errors. */
class TextIndexSpecsTest {
    @Test
    void textFieldsBecomeWeightsUnderTheFtsKey() {
        assertEquals(BsonDocument.parse("{v: 2, key: {_fts: 'text', _ftsx: 1}, name: 'title_text_body_text', weights: {body: 1,"
                + " title: 1}, default_language: 'english', language_override: 'language', textIndexVersion: 3}"),
                IndexSpecs.normalise(BsonDocument.parse("{key: {title: 'text', body: 'text'}}")));
        assertEquals(BsonDocument.parse("{v: 2, key: {_fts: 'text', _ftsx: 1}, name: 'search', sparse: true, weights: {'$**': 1,"
                + " title: 5}, default_language: 'es', language_override: 'idioma', textIndexVersion: 3}"),
                IndexSpecs.normalise(BsonDocument.parse("{key: {'$**': 'text'}, name: 'search', weights: {title: 5.7},"
                        + " default_language: 'es', language_override: 'idioma', sparse: true}")));
        assertEquals(BsonDocument.parse("{v: 2, key: {tenant: 1, _fts: 'text', _ftsx: 1, at: -1}, name: 'tenant_1_body_text_at_-1',"
                + " weights: {body: 1}, default_language: 'english', language_override: 'language', textIndexVersion: 3}"),
                IndexSpecs.normalise(BsonDocument.parse("{key: {tenant: 1, body: 'text', at: -1}}")), "prefix and suffix fields stay");
        BsonDocument listed = IndexSpecs.normalise(BsonDocument.parse("{key: {a: 'text'}}"));
        assertEquals(listed, IndexSpecs.normalise(listed), "listIndexes' output creates the same index");
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("{key: {a: 'text'}, weights: {a: 0}}", 16674),
                Arguments.of("{key: {a: 'text'}, weights: {a: 100000}}", 16674),
                Arguments.of("{key: {a: 'text'}, weights: {a: 'x'}}", 14),
                Arguments.of("{key: {a: 'text'}, default_language: 1}", 17263),
                Arguments.of("{key: {a: 'text'}, default_language: 'klingon'}", 17264),
                Arguments.of("{key: {a: 'text'}, unique: true}", 67),
                Arguments.of("{key: {a: 'text'}, textIndexVersion: 2}", 67),
                Arguments.of("{key: {a: 'hashed', b: 'text'}}", 67));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void badSpecsAreMongoDbsErrors(String spec, int code) {
        assertEquals(code, assertThrows(MongoServerException.class, () -> IndexSpecs.normalise(BsonDocument.parse(spec))).code().code());
    }
}
