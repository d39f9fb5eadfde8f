package dev.tusk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A counting tail gives, from the number of matches alone, exactly what running its stages gives. */
class CountingTailTest {
    static Stream<Arguments> counting() {
        return Stream.of(
                Arguments.of("[{$match: {a: 1}}, {$group: {_id: 1, n: {$sum: 1}}}]"),
                Arguments.of("[{$group: {_id: null, total: {$sum: 1}}}]"),
                Arguments.of("[{$match: {a: 1}}, {$skip: 3}, {$limit: 4}, {$group: {_id: 1, n: {$sum: 1}}}]"),
                Arguments.of("[{$match: {a: 1}}, {$skip: 2}, {$group: {_id: 'all', n: {$sum: 1}}}]"),
                Arguments.of("[{$match: {a: 1}}, {$limit: 5}, {$count: 'c'}]"),
                Arguments.of("[{$count: 'c'}]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("counting")
    void theCountAloneGivesThePipelinesResult(String json) {
        Pipeline pipeline = Pipeline.parse(BsonArray.parse(json));
        CountingTail tail = pipeline.countingTail().orElseThrow();
        for (int matched : new int[] {0, 1, 2, 3, 6, 7, 10}) {
            List<BsonDocument> docs = new ArrayList<>();
            for (int i = 0; i < matched; i++) {
                docs.add(new BsonDocument("_id", new BsonInt32(i)).append("a", new BsonInt32(1)));
            }
            List<BsonDocument> ran = new ArrayList<>();
            pipeline.run(docs.iterator()).forEachRemaining(ran::add);
            assertEquals(ran, tail.result(matched), json + " over " + matched);
        }
    }

    static Stream<Arguments> notCounting() {
        return Stream.of(
                Arguments.of("[{$match: {a: 1}}]"),
                Arguments.of("[{$group: {_id: '$a', n: {$sum: 1}}}]"),
                Arguments.of("[{$group: {_id: 1, n: {$sum: 2}}}]"),
                Arguments.of("[{$group: {_id: 1, n: {$sum: 1.0}}}]"),
                Arguments.of("[{$group: {_id: 1, n: {$sum: 1}, m: {$sum: 1}}}]"),
                Arguments.of("[{$limit: 2}, {$skip: 1}, {$count: 'c'}]"),
                Arguments.of("[{$count: 'c'}, {$project: {c: 1}}]"),
                Arguments.of("[{$sort: {a: 1}}, {$count: 'c'}]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notCounting")
    void otherPipelinesRunTheirStages(String json) {
        assertTrue(Pipeline.parse(BsonArray.parse(json)).countingTail().isEmpty(), json);
    }
}
