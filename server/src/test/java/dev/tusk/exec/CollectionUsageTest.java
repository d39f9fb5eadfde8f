package dev.tusk.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class CollectionUsageTest {

    @Test
    void latenciesFallInMongoDbsHistogramBuckets() {
        String ns = "usage_test.c" + System.nanoTime();
        for (long micros : new long[] {0, 1, 2, 1500, 3000, 3072, 5000, 1_700_000_000L}) {
            CollectionUsage.ran(ns, "find", micros);
        }
        CollectionUsage.ran(ns, "insert", 10);
        BsonDocument stats = CollectionUsage.latencyStats(ns, true);
        assertEquals(BsonArray.parse("[{micros: {$numberLong: '0'}, count: {$numberLong: '2'}}, {micros: {$numberLong: '2'},"
                + " count: {$numberLong: '1'}}, {micros: {$numberLong: '1024'}, count: {$numberLong: '1'}},"
                + " {micros: {$numberLong: '2048'}, count: {$numberLong: '1'}}, {micros: {$numberLong: '3072'}, count: {$numberLong: '1'}},"
                + " {micros: {$numberLong: '4096'}, count: {$numberLong: '1'}}, {micros: {$numberLong: '1610612736'},"
                + " count: {$numberLong: '1'}}]"), stats.getDocument("reads").getArray("histogram"));
        assertEquals(8, stats.getDocument("reads").getInt64("ops").getValue());
        assertEquals(10, stats.getDocument("writes").getInt64("latency").getValue());
        assertEquals(0, stats.getDocument("commands").getInt64("ops").getValue());
    }

    @Test
    void commandsHaveMongoDbsKinds() {
        assertEquals(CollectionUsage.Kind.READS, CollectionUsage.kind("aggregate"));
        assertEquals(CollectionUsage.Kind.WRITES, CollectionUsage.kind("findAndModify"));
        assertEquals(CollectionUsage.Kind.COMMANDS, CollectionUsage.kind("createIndexes"));
    }
    @Test
    void aBucketHoldsFromItsBoundToTheNext() {
        long[] bounds = {0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 3072, 4096, 6144, 8192};
        for (int i = 1; i < bounds.length; i++) {
            assertEquals(i, CollectionUsage.bucket(bounds[i]), "at " + bounds[i]);
            assertEquals(i - 1, CollectionUsage.bucket(bounds[i] - 1), "below " + bounds[i]);
        }
        assertEquals(50, CollectionUsage.bucket(1_610_612_736L));
        assertEquals(49, CollectionUsage.bucket(1_610_612_735L));
        assertEquals(50, CollectionUsage.bucket(Long.MAX_VALUE));
    }
}
