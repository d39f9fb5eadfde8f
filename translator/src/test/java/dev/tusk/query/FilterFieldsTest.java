package dev.tusk.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class FilterFieldsTest {
    private static Optional<Set<String>> of(String filter) {
        return FilterFields.topLevel(FilterParser.parse(BsonDocument.parse(filter)));
    }

    @Test
    void theTopLevelFieldsOfEveryPath() {
        assertEquals(Optional.of(Set.of("a", "c", "d", "e", "f")), of("{'a.b': 1, $or: [{c: {$gt: 2}}, {d: {$exists: false}}],"
                + " $nor: [{e: {$elemMatch: {x: 1}}}], f: {$not: {$size: 2}}}"));
        assertEquals(Optional.of(Set.of()), of("{}"));
    }

    @Test
    void expressionsAndSchemasMayReadAnyField() {
        assertTrue(of("{a: 1, $expr: {$eq: ['$b', 1]}}").isEmpty());
        assertTrue(of("{$jsonSchema: {required: ['a']}}").isEmpty());
    }
}
