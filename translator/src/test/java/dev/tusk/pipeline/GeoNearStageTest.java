package dev.tusk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** $geoNear: options, errors, and the order, distances and locations it gives (bound as the collection read binds it). */
class GeoNearStageTest {
    private static final List<BsonDocument> DOCS = List.of(
            BsonDocument.parse("{_id: 1, loc: [3, 4], k: 'a'}"),
            BsonDocument.parse("{_id: 2, loc: [[10, 0], [1, 0]], k: 'b'}"),
            BsonDocument.parse("{_id: 3, loc: [0, 2], k: 'a'}"),
            BsonDocument.parse("{_id: 4, k: 'a'}"));

    private static List<BsonDocument> run(String stage, boolean sphericalIndex) {
        GeoNearStage parsed = (GeoNearStage) Pipeline.parse(BsonArray.parse("[" + stage + "]")).stages().get(0);
        Iterator<BsonDocument> out = parsed.on("loc", sphericalIndex).apply(DOCS.iterator());
        List<BsonDocument> list = new ArrayList<>();
        out.forEachRemaining(list::add);
        return list;
    }

    @Test
    void flatDistancesNearestFirstWithLocations() {
        List<BsonDocument> out = run("{$geoNear: {near: [0, 0], distanceField: 'd.flat', includeLocs: 'where', distanceMultiplier: 2}}", false);
        assertEquals(List.of(2, 3, 1), out.stream().map(d -> d.getInt32("_id").getValue()).toList());
        assertEquals(2.0, out.get(0).getDocument("d").getDouble("flat").getValue(), 1e-12);
        assertEquals(BsonArray.parse("[1, 0]"), out.get(0).get("where"), "the nearest of a multikey field's points");
        assertEquals(10.0, out.get(2).getDocument("d").getDouble("flat").getValue(), 1e-12);
    }

    @Test
    void queryAndDistanceBounds() {
        List<BsonDocument> out = run("{$geoNear: {near: [0, 0], distanceField: 'd', query: {k: 'a'}, minDistance: 2.5, maxDistance: 5}}", false);
        assertEquals(List.of(1), out.stream().map(d -> d.getInt32("_id").getValue()).toList());
    }

    @Test
    void sphericalLegacyIsRadians() {
        List<BsonDocument> out = run("{$geoNear: {near: [0, 0], distanceField: 'd', spherical: true}}", true);
        assertEquals(Math.toRadians(1), out.get(0).getDouble("d").getValue(), 1e-12);
        List<BsonDocument> metres = run("{$geoNear: {near: {type: 'Point', coordinates: [0, 0]}, distanceField: 'd'}}", true);
        assertEquals(Math.toRadians(1) * 6378100, metres.get(0).getDouble("d").getValue(), 1e-6);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{$geoNear: {distanceField: 'd'}}]|2|$geoNear requires a 'near' option as an Array",
            "[{$geoNear: {near: [0, 0]}}]|2|$geoNear requires a 'distanceField' option as a String",
            "[{$geoNear: {near: [0, 0], distanceField: 'd', num: 5}}]|2|Unknown argument to $geoNear: num",
            "[{$geoNear: {near: [0, 0], distanceField: 'd', maxDistance: -1}}]|2|maxDistance must be nonnegative",
            "[{$geoNear: {near: [0, 0], distanceField: 'd', query: {a: {$near: [0, 0]}}}}]|2|$near is not allowed inside the query of $geoNear",
            "[{$limit: 1}, {$geoNear: {near: [0, 0], distanceField: 'd'}}]|40602|$geoNear is only valid as the first stage in a pipeline.",
            "[{$match: {a: {$nearSphere: [0, 0]}}}]|5626500|"})
    void rejects(String pipeline, int code, String message) {
        dev.tusk.geo.GeoErrors.assertError(code, message, () -> Pipeline.parse(BsonArray.parse(pipeline)));
    }

    @Test
    void unboundIsNotImplemented() {
        GeoNearStage parsed = (GeoNearStage) Pipeline.parse(BsonArray.parse("[{$geoNear: {near: [0, 0], distanceField: 'd'}}]")).stages().get(0);
        assertEquals(ErrorCode.NOT_IMPLEMENTED, assertThrows(MongoServerException.class, parsed::filter).code());
    }
}
