package dev.tusk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** Which $group stages PostgreSQL may group and count, and the documents their counts make (as $sum would). */
class GroupCountsTest {
    private static Optional<GroupCounts> of(String pipeline) {
        return Pipeline.parse(BsonArray.parse(pipeline)).groupCounts();
    }

    @Test
    void countingGroupsOnFieldPathsQualify() {
        GroupCounts g = of("[{$match: {a: 1}}, {$group: {_id: '$a.b', n: {$sum: 1}, m: {$count: {}}}}, {$limit: 2}]").orElseThrow();
        assertEquals(List.of(List.of("a", "b")), g.keyPaths());
        assertTrue(g.single());
        assertEquals(1, g.rest().stages().size());
        GroupCounts doc = of("[{$group: {_id: {x: '$x', y: '$$ROOT.y.z'}}}]").orElseThrow();
        assertEquals(List.of(List.of("x"), List.of("y", "z")), doc.keyPaths());
        assertFalse(doc.single());
        GroupCounts sortByCount = of("[{$sortByCount: '$k'}]").orElseThrow();
        assertTrue(sortByCount.rest().stages().get(0) instanceof SortStage, "its sort runs after the grouping");
    }

    @Test
    void otherGroupsDoNot() {
        for (String p : List.of(
                "[{$group: {_id: '$a', s: {$sum: '$x'}}}]",
                "[{$group: {_id: '$a', s: {$sum: 1.5}}}]",
                "[{$group: {_id: '$a', f: {$first: '$x'}}}]",
                "[{$group: {_id: null, n: {$sum: 1}}}]",
                "[{$group: {_id: {$toLower: '$a'}, n: {$sum: 1}}}]",
                "[{$group: {_id: '$$ROOT', n: {$sum: 1}}}]",
                "[{$group: {_id: {}, n: {$sum: 1}}}]",
                "[{$group: {_id: {a: '$a', b: 1}, n: {$sum: 1}}}]",
                "[{$skip: 0}, {$group: {_id: '$a', n: {$sum: 1}}}]",
                "[{$match: {}}, {$project: {a: 1}}, {$group: {_id: '$a', n: {$sum: 1}}}]")) {
            assertTrue(of(p).isEmpty(), p);
        }
    }

    @Test
    void countsAreTypedAsSumWouldType() {
        GroupCounts g = of("[{$group: {_id: '$k', n: {$sum: 1}, long: {$sum: {$numberLong: '1'}}, neg: {$sum: -3}}}]").orElseThrow();
        BsonDocument first = BsonDocument.parse("{_id: 7, k: {$numberLong: '5'}}");
        assertEquals(BsonDocument.parse("{_id: {$numberLong: '5'}, n: 4, long: {$numberLong: '4'}, neg: -12}"), g.result(first, 4).orElseThrow());
        assertEquals(BsonDocument.parse("{_id: {$numberLong: '5'}, n: {$numberLong: '3000000000'}, long: {$numberLong: '3000000000'},"
                + " neg: {$numberLong: '-9000000000'}}"), g.result(first, 3_000_000_000L).orElseThrow());
        assertEquals(BsonDocument.parse("{_id: null, n: 1, long: {$numberLong: '1'}, neg: -3}"), g.result(BsonDocument.parse("{_id: 1}"), 1)
                .orElseThrow(), "a missing key is null");
        assertTrue(g.result(first, 1L << 61).isEmpty(), "near int64's end the group runs in Java");
    }
}
