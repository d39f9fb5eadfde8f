package dev.tusk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.bson.BsonIdentical;
import dev.tusk.error.MongoServerException;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A $group past its memory budget writes runs of partial states and merges them: a tiny budget
 * forces many runs, and the answer must be the in-memory one for every accumulator.
 */
class GroupSpillTest {
    private static final int DOCUMENTS = 400;
    private static final long TINY_BUDGET = 4_000;

    /** Every accumulator $group has, over values of every numeric type, nulls, missing fields and ties. */
    private static final String ALL_ACCUMULATORS = """
            {_id: '$k',
             sum: {$sum: '$x'}, avg: {$avg: '$x'}, count: {$count: {}}, intSum: {$sum: '$i'},
             min: {$min: '$x'}, max: {$max: '$s'}, first: {$first: '$x'}, last: {$last: '$x'},
             push: {$push: '$_id'}, pushX: {$push: '$x'}, set: {$addToSet: '$s'}, merged: {$mergeObjects: '$o'},
             stdDevPop: {$stdDevPop: '$x'}, stdDevSamp: {$stdDevSamp: '$x'},
             top: {$top: {sortBy: {v: 1}, output: '$_id'}}, bottom: {$bottom: {sortBy: {v: 1}, output: ['$_id', '$x']}},
             topN: {$topN: {n: 4, sortBy: {v: -1}, output: '$_id'}}, bottomN: {$bottomN: {n: 3, sortBy: {v: 1, s: -1}, output: '$_id'}},
             firstN: {$firstN: {n: 3, input: '$x'}}, lastN: {$lastN: {n: 5, input: '$_id'}},
             maxN: {$maxN: {n: 3, input: '$x'}}, minN: {$minN: {n: 2, input: '$s'}},
             median: {$median: {input: '$x', method: 'approximate'}},
             percentile: {$percentile: {input: '$x', p: [0.1, 0.5, 0.99], method: 'approximate'}}}""";

    @TempDir
    Path spillDirectory;
    private String savedTmpdir;

    /** Runs go to java.io.tmpdir; pointing it here lets the tests count and miss them. */
    @BeforeEach
    void spillHere() {
        savedTmpdir = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", spillDirectory.toString());
    }

    @AfterEach
    void restore() {
        System.setProperty("java.io.tmpdir", savedTmpdir);
    }

    private static BsonValue number(int i) {
        return switch (i % 6) {
            case 0 -> new BsonInt32(i);
            case 1 -> new BsonInt64(i * 1_000_000_000L);
            case 2 -> new BsonDouble(i * 0.25);
            case 3 -> new BsonDecimal128(Decimal128.parse(i + ".5"));
            case 4 -> BsonNull.VALUE;
            default -> null;
        };
    }

    private static List<BsonDocument> documents() {
        return IntStream.range(0, DOCUMENTS).mapToObj(i -> {
            BsonDocument d = new BsonDocument("_id", new BsonInt32(i)).append("k", new BsonInt32(i * 7 % 11))
                    .append("i", new BsonInt32(i)).append("s", new BsonString("s" + i % 4)).append("v", new BsonInt32(i % 5));
            BsonValue x = number(i);
            if (x != null) {
                d.append("x", x);
            }
            if (i % 3 != 0) {
                d.append("o", new BsonDocument("f" + i % 4, new BsonInt32(i)).append("a", new BsonInt32(i)));
            }
            return d;
        }).toList();
    }

    private static Stage stage(String stage, boolean allowDiskUse) {
        return Pipeline.parse(BsonArray.parse("[" + stage + "]"), ParseContext.defaults().withDiskUse(allowDiskUse)).stages().get(0);
    }

    private static List<BsonDocument> drain(Iterator<BsonDocument> it) {
        List<BsonDocument> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private long runFiles() throws IOException {
        try (Stream<Path> files = Files.list(spillDirectory)) {
            return files.count();
        }
    }

    /** Runs the stage spilled: checks several runs were on disk when the merge began and none once it ended. */
    private List<BsonDocument> spilled(Stage stage) throws IOException {
        Iterator<BsonDocument> merged = stage.apply(documents().iterator());
        assertTrue(runFiles() >= 3, "runs on disk while merging: " + runFiles());
        List<BsonDocument> out = drain(merged);
        assertEquals(0, runFiles(), "runs deleted after the merge");
        return out;
    }

    private static void assertSameResults(List<BsonDocument> expected, List<BsonDocument> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            BsonDocument e = expected.get(i).clone();
            BsonDocument a = new BsonDocument();
            actual.get(i).forEach(a::append);
            // merging Welford summaries rounds differently from adding the values one by one
            for (String field : List.of("stdDevPop", "stdDevSamp")) {
                if (e.containsKey(field)) {
                    BsonValue ev = e.remove(field);
                    BsonValue av = a.remove(field);
                    assertEquals(ev.getBsonType(), av.getBsonType(), field);
                    if (ev.isDouble()) {
                        assertEquals(ev.asDouble().getValue(), av.asDouble().getValue(), 1e-9 * Math.abs(ev.asDouble().getValue()), field);
                    }
                }
            }
            assertTrue(BsonIdentical.identical(e, a), "group " + i + "\nexpected " + e.toJson() + "\nactual   " + a.toJson());
        }
    }

    @Test
    void spilledGroupsGiveTheInMemoryAnswerForEveryAccumulator() throws IOException {
        GroupStage group = (GroupStage) stage("{$group: " + ALL_ACCUMULATORS + "}", true);
        List<BsonDocument> inMemory = drain(group.apply(documents().iterator()));
        assertEquals(0, runFiles(), "within the budget nothing is written");
        assertEquals(11, inMemory.size());
        assertSameResults(inMemory, spilled(group.withMemoryBudget(TINY_BUDGET)));
    }

    @Test
    void everyAccumulatorInTheTableIsCovered() {
        BsonDocument spec = BsonDocument.parse(ALL_ACCUMULATORS);
        List<String> used = spec.values().stream().filter(BsonValue::isDocument)
                .map(v -> v.asDocument().getFirstKey()).distinct().sorted().toList();
        List<String> all = new ArrayList<>(Accumulator.names());
        all.sort(null);
        assertEquals(all, used);
    }

    @Test
    void groupsOfOneKeyAndOfAllDifferentKeysSpillToo() throws IOException {
        for (String key : List.of("null", "'$_id'", "{a: '$v', b: {$mod: ['$i', 3]}}")) {
            GroupStage group = (GroupStage) stage("{$group: {_id: " + key + ", ids: {$push: '$_id'}, n: {$sum: 1}, f: {$first: '$i'}}}", true);
            assertSameResults(drain(group.apply(documents().iterator())), spilled(group.withMemoryBudget(500)));
        }
    }

    @Test
    void bucketAndSortByCountSpillThroughTheirGroup() throws IOException {
        BucketStage bucket = (BucketStage) stage("{$bucket: {groupBy: '$i', boundaries: [0, 100, 250, 300], default: 'rest',"
                + " output: {ids: {$push: '$_id'}, total: {$sum: '$x'}}}}", true);
        // the $sort after the group reads the whole merge, so the runs are checked at the group
        assertSameResults(drain(bucket.apply(documents().iterator())),
                drain(bucket.sort().apply(spilled(bucket.group().withMemoryBudget(500)).iterator())));
        SortByCountStage byCount = (SortByCountStage) stage("{$sortByCount: {$mod: ['$i', 13]}}", true);
        List<BsonDocument> inMemory = drain(byCount.apply(documents().iterator()));
        assertEquals(new BsonDocument("_id", new BsonInt32(0)).append("count", new BsonInt32(31)), inMemory.get(0));
        assertSameResults(inMemory, drain(byCount.sort().apply(spilled(byCount.group().withMemoryBudget(100)).iterator())));
    }

    @Test
    void withoutDiskUseTheBudgetIs292AndNothingIsWritten() throws IOException {
        GroupStage group = ((GroupStage) stage("{$group: {_id: '$k', ids: {$push: '$_id'}}}", false)).withMemoryBudget(TINY_BUDGET);
        MongoServerException e = assertThrows(MongoServerException.class, () -> drain(group.apply(documents().iterator())));
        assertEquals(292, e.code().code());
        assertEquals("Exceeded memory limit for $group, but didn't allow external spilling; pass allowDiskUse:true to opt in.",
                e.getMessage());
        assertEquals(0, runFiles());
    }

    @Test
    void anErrorAfterSpillingDeletesTheRuns() throws IOException {
        GroupStage group = ((GroupStage) stage("{$group: {_id: '$k', ids: {$push: '$_id'},"
                + " bad: {$sum: {$cond: [{$eq: ['$i', 350]}, {$toInt: 'x'}, 1]}}}}", true)).withMemoryBudget(TINY_BUDGET);
        MongoServerException e = assertThrows(MongoServerException.class, () -> drain(group.apply(documents().iterator())));
        assertEquals(241, e.code().code());
        assertEquals(0, runFiles());
    }

    @Test
    void mergeFoldsPartialsInInputOrder() {
        Function<String, Accumulator> parse = spec -> Accumulator.parse("f", BsonDocument.parse(spec), ParseContext.defaults());
        Object[][] cases = {
            {"{$first: '$x'}", "[1, 2, 3]", "[4, 5]", "1"},
            {"{$last: '$x'}", "[1, 2, 3]", "[4, 5]", "5"},
            {"{$push: '$x'}", "[3, 1]", "[2]", "[3, 1, 2]"},
            {"{$lastN: {n: 2, input: '$x'}}", "[1, 2, 3]", "[4]", "[3, 4]"},
            {"{$sum: '$x'}", "[2147483647]", "[1]", "NumberLong(2147483648)"},
            {"{$sum: '$x'}", "[1, 0.5]", "[{$numberDecimal: '0.25'}, 2]", "{$numberDecimal: '3.75'}"},
            {"{$sum: '$x'}", "[{$numberDecimal: '1'}]", "[0.5, Infinity]", "{$numberDecimal: 'Infinity'}"},
            {"{$avg: '$x'}", "[1, 2]", "[{$numberDecimal: '3'}]", "{$numberDecimal: '2'}"},
            {"{$stdDevPop: '$x'}", "[1, 2, 3]", "[4, 5]", "1.4142135623730951"},
            {"{$mergeObjects: '$x'}", "[{a: 1, b: 1}]", "[{c: 1, a: 2}]", "{a: 2, b: 1, c: 1}"},
            {"{$top: {sortBy: {a: 1}, output: '$b'}}", "[{output: 'x', sortFields0: 1}]", "[{output: 'y', sortFields0: 1}]", "'x'"},
            {"{$bottom: {sortBy: {a: 1}, output: '$b'}}", "[{output: 'x', sortFields0: 1}]", "[{output: 'y', sortFields0: 1}]", "'x'"}, // a tie keeps the first seen, as in memory
        };
        for (Object[] c : cases) {
            Accumulator a = parse.apply((String) c[0]);
            AccumulatorState.Mergeable earlier = (AccumulatorState.Mergeable) a.newState(new BsonDocument(), Variables.defaults(), false);
            AccumulatorState.Mergeable later = (AccumulatorState.Mergeable) a.newState(new BsonDocument(), Variables.defaults(), false);
            BsonArray.parse((String) c[1]).forEach(earlier::add);
            BsonArray.parse((String) c[2]).forEach(later::add);
            AccumulatorState.Mergeable merged = (AccumulatorState.Mergeable) a.newState(new BsonDocument(), Variables.defaults(), false);
            merged.merge(earlier.partial());
            merged.merge(later.partial());
            BsonValue expected = BsonDocument.parse("{v: " + c[3] + "}").get("v");
            assertTrue(BsonIdentical.identical(expected, merged.result()), c[0] + ": " + merged.result());
        }
    }
}
