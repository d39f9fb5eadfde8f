package dev.tusk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.geo.GeoErrors;
import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** partialFilterExpression: the operators MongoDB 7.0 accepts in one, and its errors for the rest. */
class PartialFilterSpecTest {

    @ParameterizedTest
    @ValueSource(strings = {"{rating: {$gt: 5}}", "{a: 1, b: {$exists: true}}", "{a: {$type: 'string'}}", "{a: {$in: [1, 2]}}",
        "{$or: [{a: 1}, {b: {$lte: 2}}]}", "{$and: [{a: {$gte: 1}}, {a: {$lt: 9}}]}", "{a: {$eq: null}}", "{}"})
    void acceptedFilters(String filter) {
        BsonDocument spec = IndexSpecs.normalise(BsonDocument.parse("{key: {a: 1}, name: 'p', partialFilterExpression: " + filter + "}"));
        assertEquals(BsonDocument.parse(filter), spec.getDocument("partialFilterExpression"));
    }

    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "{a: {$ne: 1}}|67|Expression not supported in partial index: $not\\n    a $eq 1\\n",
        "{a: {$exists: false}}|67|Expression not supported in partial index: $not\\n    a exists\\n",
        "{a: {$nin: [1, 'x']}}|67|Expression not supported in partial index: $not\\n    a $in [ 1 \"x\" ]\\n",
        "{a: /^x/}|67|Expression not supported in partial index: a regex /^x/\\n",
        "{a: {$size: 2}}|67|Expression not supported in partial index: a $size : 2\\n",
        "{$nor: [{a: 1}]}|67|Expression not supported in partial index: $nor\\n    a $eq 1\\n",
        "{$expr: {$eq: ['$a', 1]}}|224|$expr is not allowed in this context"})
    @ParameterizedTest
    void refusedFilters(String filter, int code, String message) {
        GeoErrors.assertError(code, message.replace("\\n", "\n"),
                () -> IndexSpecs.normalise(BsonDocument.parse("{key: {a: 1}, name: 'p', partialFilterExpression: " + filter + "}")));
    }

    @org.junit.jupiter.api.Test
    void sparseDoesNotMixWithAPartialFilter() {
        GeoErrors.assertError(67, "cannot mix \"partialFilterExpression\" and \"sparse\" options", () -> IndexSpecs.normalise(
                BsonDocument.parse("{key: {a: 1}, name: 'p', sparse: true, partialFilterExpression: {a: 1}}")));
    }
}
