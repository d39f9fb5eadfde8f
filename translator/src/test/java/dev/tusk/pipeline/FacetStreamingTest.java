package dev.tusk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.MongoServerException;
import dev.tusk.expr.ParseContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

/**
 * Without disk use, $facet takes an input past 100 MiB in batches that its sub-pipelines read side by side, as
 * MongoDB's does: no 292 of its own, while a blocking stage inside a sub-pipeline still has its limit.
 */
class FacetStreamingTest {
    private static final String HALF_MIB = "x".repeat(512 * 1024);

    /** n documents of half a MiB each, made as they are read (the test never holds them all). */
    private static Iterator<BsonDocument> documents(int n) {
        return IntStream.range(0, n).mapToObj(i -> new BsonDocument("_id", new BsonInt32(i)).append("k", new BsonInt32(i % 3))
                .append("s", new BsonString(HALF_MIB))).iterator();
    }

    private static List<BsonDocument> run(String pipeline, boolean diskUse, int n) {
        Pipeline p = Pipeline.parse(BsonArray.parse(pipeline), ParseContext.defaults().withDiskUse(diskUse));
        List<BsonDocument> out = new ArrayList<>();
        p.run(documents(n)).forEachRemaining(out::add);
        return out;
    }

    @Test
    void anInputPastTheLimitStreamsThroughEverySubPipeline() {
        BsonDocument out = run("[{$facet: {n: [{$count: 'n'}], byK: [{$group: {_id: '$k', c: {$sum: 1}}}, {$sort: {_id: 1}}],"
                + " firstTwo: [{$limit: 2}, {$project: {_id: 1}}], none: [{$match: {_id: -1}}], last: [{$match: {_id: 499}},"
                + " {$project: {_id: 1}}]}}]", false, 500).get(0);
        assertEquals(BsonDocument.parse("{n: 500}"), out.getArray("n").get(0));
        assertEquals(BsonArray.parse("[{_id: 0, c: 167}, {_id: 1, c: 167}, {_id: 2, c: 166}]"), out.getArray("byK"));
        assertEquals(BsonArray.parse("[{_id: 0}, {_id: 1}]"), out.getArray("firstTwo"));
        assertEquals(new BsonArray(), out.getArray("none"));
        assertEquals(BsonArray.parse("[{_id: 499}]"), out.getArray("last"));
    }

    @Test
    void aBlockingStageInsideStillHasItsLimit() {
        MongoServerException e = assertThrows(MongoServerException.class,
                () -> run("[{$facet: {n: [{$count: 'n'}], sorted: [{$sort: {k: 1}}]}}]", false, 500));
        assertEquals(292, e.code().code());
    }

    @Test
    void aSmallInputAndDiskUseGiveTheSameDocument() {
        String facet = "[{$facet: {n: [{$count: 'n'}], byK: [{$group: {_id: '$k', c: {$sum: 1}}}, {$sort: {_id: 1}}]}}]";
        assertEquals(run(facet, true, 300), run(facet, false, 300));
        assertEquals(run(facet, true, 20), run(facet, false, 20));
    }
}
