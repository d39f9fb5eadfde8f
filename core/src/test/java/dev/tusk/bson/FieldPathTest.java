package dev.tusk.bson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldPathTest {
    @Test
    void splitsOnDots() {
        assertEquals(List.of("a", "b", "0", "c"), FieldPath.parse("a.b.0.c").parts());
        assertEquals("a.b", FieldPath.parse("a.b").dotted());
    }

    @Test
    void reportsEmptyComponents() {
        assertTrue(FieldPath.parse("a..b").hasEmptyComponent());
        assertTrue(FieldPath.parse(".a").hasEmptyComponent());
        assertTrue(FieldPath.parse("a.").hasEmptyComponent());
        assertTrue(FieldPath.parse("").hasEmptyComponent());
        assertFalse(FieldPath.parse("a.b").hasEmptyComponent());
    }

    @Test
    void indexesAreCanonicalNumbers() {
        assertTrue(FieldPath.isIndex("0"));
        assertTrue(FieldPath.isIndex("12"));
        assertFalse(FieldPath.isIndex("01"));
        assertFalse(FieldPath.isIndex("-1"));
        assertFalse(FieldPath.isIndex("1a"));
        assertFalse(FieldPath.isIndex(""));
    }

    @Test
    void prefixes() {
        assertTrue(FieldPath.parse("a.b.c").isPrefixedBy(FieldPath.parse("a.b")));
        assertFalse(FieldPath.parse("a.bc").isPrefixedBy(FieldPath.parse("a.b")));
        assertEquals("a.b.x", FieldPath.parse("a.b").child("x").dotted());
    }
}
