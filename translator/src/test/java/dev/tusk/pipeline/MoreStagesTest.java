package dev.tusk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.error.MongoServerException;
import dev.tusk.query.FilterEvaluator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** $facet, $bucket, $unionWith and $sample with the manual's examples. */
class MoreStagesTest {
    private static List<BsonDocument> docs(String... json) {
        List<BsonDocument> out = new ArrayList<>();
        for (String j : json) {
            out.add(BsonDocument.parse(j));
        }
        return out;
    }

    private static final List<BsonDocument> ARTISTS = docs("{_id: 1, year: 1926, price: 199.99}", "{_id: 2, year: 1902, price: 280}",
            "{_id: 3, year: 1921, price: 76.04}", "{_id: 4, year: 1897, price: 167}", "{_id: 5, year: 1845, price: 483}",
            "{_id: 6, year: 1911, price: 385}", "{_id: 7, year: 1940, price: 118.42}", "{_id: 8, price: 400}");

    private static List<BsonDocument> run(String pipeline, List<BsonDocument> input, CollectionReader reader) {
        List<BsonDocument> out = new ArrayList<>();
        Pipeline.parse(BsonArray.parse(pipeline)).run(input.iterator(), reader).forEachRemaining(out::add);
        return out;
    }

    @Test
    void bucketWithDefaultAndOutput() {
        List<BsonDocument> out = run("""
                [{$bucket: {groupBy: '$price', boundaries: [0, 200, 400], default: 'Other',
                  output: {count: {$sum: 1}, ids: {$push: '$_id'}}}}]""", ARTISTS, CollectionReader.NONE);
        assertEquals(docs("{_id: 0, count: 4, ids: [1, 3, 4, 7]}", "{_id: 200, count: 2, ids: [2, 6]}",
                "{_id: 'Other', count: 2, ids: [5, 8]}"), out);
    }

    @Test
    void bucketBoundariesMustAscend() {
        assertThrows(MongoServerException.class, () -> Pipeline.parse(BsonArray.parse(
                "[{$bucket: {groupBy: '$a', boundaries: [5, 1]}}]")));
    }

    @Test
    void facetSubPipelinesCompareStringsByTheCommandsCollation() {
        var cx = dev.tusk.expr.ParseContext.defaults().withCollation(dev.tusk.query.Collation.parse(
                java.util.Optional.of(BsonDocument.parse("{locale: 'en', strength: 2}")), "collation"));
        List<BsonDocument> out = new ArrayList<>();
        Pipeline.parse(BsonArray.parse("[{$facet: {a: [{$match: {s: 'abc'}}, {$count: 'n'}], sorted: [{$sort: {s: 1}}]}}]"), cx)
                .run(docs("{_id: 1, s: 'B'}", "{_id: 2, s: 'ABC'}", "{_id: 3, s: 'a'}").iterator(), CollectionReader.NONE)
                .forEachRemaining(out::add);
        assertEquals(docs("{a: [{n: 1}], sorted: [{_id: 3, s: 'a'}, {_id: 2, s: 'ABC'}, {_id: 1, s: 'B'}]}"), out);
    }

    @Test
    void facetRunsEachPipelineOnTheSameInput() {
        List<BsonDocument> out = run("""
                [{$facet: {cheap: [{$match: {price: {$lt: 150}}}, {$count: 'n'}],
                           byCentury: [{$bucket: {groupBy: '$year', boundaries: [1800, 1900, 2000], default: 'unknown'}}]}}]""",
                ARTISTS, CollectionReader.NONE);
        assertEquals(docs("""
                {cheap: [{n: 2}], byCentury: [{_id: 1800, count: 2}, {_id: 1900, count: 5}, {_id: 'unknown', count: 1}]}"""), out);
    }

    @Test
    void unionWithAppendsAnotherCollection() {
        Map<String, List<BsonDocument>> db = Map.of("sales2020", docs("{_id: 'a', amount: 5}", "{_id: 'b', amount: 50}"));
        CollectionReader reader = (c, f) -> db.getOrDefault(c, List.of()).stream().filter(d -> FilterEvaluator.matches(f, d)).iterator();
        List<BsonDocument> out = run("[{$unionWith: {coll: 'sales2020', pipeline: [{$match: {amount: {$gt: 10}}}]}}]",
                docs("{_id: 1}"), reader);
        assertEquals(docs("{_id: 1}", "{_id: 'b', amount: 50}"), out);
    }

    @Test
    void sampleReturnsDistinctDocumentsOfTheInput() {
        List<BsonDocument> out = run("[{$sample: {size: 3}}]", ARTISTS, CollectionReader.NONE);
        assertEquals(3, out.size());
        assertEquals(3, new HashSet<>(out).size());
        assertTrue(ARTISTS.containsAll(out));
        assertEquals(8, run("[{$sample: {size: 100}}]", ARTISTS, CollectionReader.NONE).size());
    }
}
