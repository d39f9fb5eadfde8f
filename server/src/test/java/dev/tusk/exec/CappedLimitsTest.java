package dev.tusk.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CappedLimitsTest {
    @Test
    void overMaxTheOldestGoUntilMaxRemain() {
        CappedLimits limits = new CappedLimits(1_000_000, 3);
        assertEquals(2, limits.oldestToDelete(5, 50, new long[] {10, 10, 10, 10, 10}));
        assertEquals(0, limits.oldestToDelete(3, 30, new long[] {10, 10, 10}));
    }

    @Test
    void overSizeTheOldestGoUntilTheRestFits() {
        CappedLimits limits = new CappedLimits(100, 0);
        // 40 + 30 + 20 + 50 = 140: dropping 40 leaves 100, which fits
        assertEquals(1, limits.oldestToDelete(4, 140, new long[] {40, 30, 20, 50}));
        assertEquals(2, limits.oldestToDelete(4, 141, new long[] {40, 30, 21, 50}));
    }

    @Test
    void aPrefixOfTheOldestCountsWithinIt() {
        CappedLimits limits = new CappedLimits(100, 0);
        assertEquals(2, limits.oldestToDelete(10, 1000, new long[] {100, 100}));
    }

    @Test
    void theNewestDocumentStaysEvenWhenItAloneIsTooBig() {
        CappedLimits limits = new CappedLimits(100, 0);
        assertEquals(2, limits.oldestToDelete(3, 500, new long[] {50, 50, 400}));
        assertFalse(limits.exceeded(1, 400));
        assertTrue(limits.exceeded(2, 101));
    }

    @Test
    void noMaxMeansOnlySizeCounts() {
        CappedLimits limits = new CappedLimits(100, 0);
        assertFalse(limits.exceeded(1_000, 100));
    }
}
