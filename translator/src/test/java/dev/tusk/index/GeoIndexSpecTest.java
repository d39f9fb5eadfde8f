package dev.tusk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.error.MongoServerException;
import dev.tusk.geo.GeoErrors;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** createIndexes rules for 2dsphere and 2d specs, and the errors key generation gives bad documents. */
class GeoIndexSpecTest {

    @Test
    void sphereSpecsShowTheirVersion() {
        BsonDocument spec = IndexSpecs.normalise(BsonDocument.parse("{key: {loc: '2dsphere', cat: 1}, name: 'g'}"));
        assertEquals(3, spec.getInt32("2dsphereIndexVersion").getValue());
        BsonDocument flat = IndexSpecs.normalise(BsonDocument.parse("{key: {xy: '2d'}, name: 'f', bits: 20, min: 0, max: 100}"));
        assertEquals(20, flat.getInt32("bits").getValue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{key: {a: 1, xy: '2d'}, name: 'x'}|16801|2d has to be first in index",
            "{key: {xy: '2d', b: '2d'}, name: 'x'}|16800|can't have 2 geo fields",
            "{key: {xy: '2d'}, name: 'x', bits: 40}|16803|bits in geo index must be between 1 and 32",
            "{key: {xy: '2d'}, name: 'x', min: 5, max: 5}|2|region has to be greater than zero",
            "{key: {loc: '2dsphere'}, name: 'x', '2dsphereIndexVersion': 9}|67|",
            "{key: {loc: 'geoHaystack'}, name: 'x'}|238|"})
    void refusedSpecs(String spec, int code, String message) {
        GeoErrors.assertError(code, message, () -> IndexSpecs.normalise(BsonDocument.parse(spec)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{_id: 1, loc: 'nowhere'}|16755|Can't extract geo keys: { _id: 1, loc: \"nowhere\" }  geo element must be an array or object: \"nowhere\"",
            "{_id: 1, loc: {type: 'Point', coordinates: [200, 0]}}|16755|"
                    + "Can't extract geo keys: { _id: 1, loc: { type: \"Point\", coordinates: [ 200, 0 ] } }  longitude/latitude is out of bounds, lng: 200 lat: 0",
            "{_id: 1, loc: [1, 'a']}|16755|",
            "{_id: 1, loc: {type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0]]]}}|16755|"})
    void badSphereDocuments(String doc, int code, String message) {
        GeoIndexSpec spec = GeoIndexSpec.of(BsonDocument.parse("{loc: '2dsphere'}"), new BsonDocument()).orElseThrow();
        GeoErrors.assertError(code, message, () -> spec.keys(BsonDocument.parse(doc)));
    }

    @Test
    void flatIndexKeysLegacyPointsInItsBounds() {
        GeoIndexSpec spec = GeoIndexSpec.of(BsonDocument.parse("{xy: '2d'}"), BsonDocument.parse("{min: 0, max: 100}")).orElseThrow();
        assertEquals(1, spec.keys(BsonDocument.parse("{xy: [5, 5]}")).size());
        assertEquals(2, spec.keys(BsonDocument.parse("{xy: [[5, 5], {x: 50, y: 50}]}")).size());
        assertEquals(0, spec.keys(BsonDocument.parse("{xy: 'a string is not indexed'}")).size());
        assertEquals(13027, assertThrows(MongoServerException.class, () -> spec.keys(BsonDocument.parse("{xy: [100, 5]}"))).code().code());
        assertEquals(13026, assertThrows(MongoServerException.class,
                () -> spec.keys(BsonDocument.parse("{xy: {type: 'Point', coordinates: [1, 1]}}"))).code().code());
        assertTrue(spec.keys(BsonDocument.parse("{other: 1}")).isEmpty());
    }
}
