package dev.tusk.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierMapperTest {
    @ParameterizedTest
    @ValueSource(strings = {"users", "_x", "a1_b2", "order_items", "tusk_catalog_2"})
    void plainNamesAreKept(String name) {
        assertEquals(name, IdentifierMapper.map(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Users", "select", "user", "order", "pg_stats", "public", "information_schema", "tusk_catalog",
            "1abc", "a-b", "a.b", "a b", "データ", "x$y", "with\"quote", ""})
    void otherNamesAreHashed(String name) {
        String id = IdentifierMapper.map(name);
        assertNotEquals(name, id);
        assertTrue(id.matches("[a-z0-9_]*_[0-9a-f]{8}"), id);
        assertFalse(id.startsWith("pg_"), id);
        assertEquals(id, IdentifierMapper.map(name), "deterministic");
    }

    @Test
    void readablePrefixes() {
        assertTrue(IdentifierMapper.map("Users").startsWith("users_"));
        assertNotEquals(IdentifierMapper.map("users"), IdentifierMapper.map("Users"));
        assertTrue(IdentifierMapper.map("my-app.logs").startsWith("my_app_logs_"));
        assertTrue(IdentifierMapper.map("pg_stats").startsWith("_pg_stats_"));
    }

    @Test
    void longNamesSharingTheirFirst63BytesDiffer() {
        String common = "a".repeat(63);
        String a = IdentifierMapper.map(common + "x");
        String b = IdentifierMapper.map(common + "y");
        assertNotEquals(a, b);
        assertEquals(common, IdentifierMapper.map(common));
        for (String id : List.of(a, b)) {
            assertEquals(63, id.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void everyResultFitsIn63Bytes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String name = "データ".repeat(i % 40) + "Collection-" + i;
            String id = IdentifierMapper.map(name);
            assertTrue(id.getBytes(StandardCharsets.UTF_8).length <= 63, id);
            assertTrue(seen.add(id), "collision for " + name);
        }
    }

    @Test
    void alternativesForCollisions() {
        assertEquals(IdentifierMapper.map("users"), IdentifierMapper.map("users", 0));
        Set<String> all = new HashSet<>();
        for (int attempt = 0; attempt < 10; attempt++) {
            all.add(IdentifierMapper.map("users", attempt));
        }
        assertEquals(10, all.size());
    }

    @Test
    void indexNamesAlwaysContainADollarSoNeverEqualATable() {
        assertEquals("users$_id_", IdentifierMapper.indexName("users", "_id_"));
        String hashed = IdentifierMapper.indexName("users", "Name Index");
        assertTrue(hashed.contains("$") && hashed.length() <= 63, hashed);
        String longOne = IdentifierMapper.indexName("a".repeat(63), "_id_");
        assertTrue(longOne.contains("$") && longOne.length() <= 63, longOne);
        assertNotEquals(longOne, IdentifierMapper.indexName("a".repeat(62) + "b", "_id_"));
    }

    @Test
    void quoting() {
        assertEquals("\"a\"\"b\"", IdentifierMapper.quote("a\"b"));
        assertEquals("\"s\".\"t\"", IdentifierMapper.qualified("s", "t"));
    }
}
