package dev.tusk.naming;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NameRulesTest {
    record Case(String name, String db, Optional<String> coll, Optional<ErrorCode> code, String message) {
        static Case ok(String name, String db, String coll) {
            return new Case(name, db, Optional.ofNullable(coll), Optional.empty(), "");
        }

        static Case error(String name, String db, String coll, ErrorCode code, String message) {
            return new Case(name, db, Optional.ofNullable(coll), Optional.of(code), message);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> databaseCases() {
        return Stream.of(
                Case.ok("plain", "test", null),
                Case.ok("dashes", "--", null),
                Case.ok("digit first", "0prefix", null),
                Case.ok("63 bytes", "a".repeat(63), null),
                Case.ok("unicode", "データ", null),
                Case.ok("dollar is allowed outside create", "$external", null),
                Case.error("empty", "", null, ErrorCode.INVALID_NAMESPACE, "Invalid database name: ''"),
                Case.error("64 bytes", "a".repeat(64), null, ErrorCode.INVALID_NAMESPACE,
                        "db name must be at most 63 characters, found: 64"),
                Case.error("64 bytes of 22 chars", "データ".repeat(7) + "a", null, ErrorCode.INVALID_NAMESPACE,
                        "db name must be at most 63 characters, found: 64"),
                Case.error("dot", "database.test", null, ErrorCode.INVALID_NAMESPACE,
                        "'.' is an invalid character in a db name: database.test"),
                Case.error("slash", "a/b", null, ErrorCode.INVALID_NAMESPACE, "Invalid database name: 'a/b'"),
                Case.error("backslash", "a\\b", null, ErrorCode.INVALID_NAMESPACE, "Invalid database name: 'a\\b'"),
                Case.error("space", "data base", null, ErrorCode.INVALID_NAMESPACE, "Invalid database name: 'data base'"),
                Case.error("quote", "a\"b", null, ErrorCode.INVALID_NAMESPACE, "Invalid database name: 'a\"b'"),
                Case.error("nul", "a\0b", null, ErrorCode.INVALID_NAMESPACE, "Invalid database name: 'a\0b'"));
    }

    static Stream<Case> collectionCases() {
        return Stream.of(
                Case.ok("plain", "db", "users"),
                Case.ok("dot inside", "db", "collection.name"),
                Case.ok("space", "db", " "),
                Case.ok("unicode", "db", "コレクション"),
                Case.ok("special characters", "db", "+-/*<>=~!@#%^&|`?()[],;:. "),
                Case.ok("dash first", "db", "-collection_name"),
                Case.ok("system.js", "db", "system.js"),
                Case.ok("system.views", "db", "system.views"),
                Case.ok("255 bytes", "short-db", "a".repeat(255 - 9)),
                Case.error("256 bytes", "short-db", "a".repeat(256 - 9), ErrorCode.INVALID_NAMESPACE,
                        "Fully qualified namespace is too long. Namespace: short-db." + "a".repeat(247) + " Max: 255"),
                Case.error("empty", "short-db", "", ErrorCode.INVALID_NAMESPACE, "Invalid namespace specified 'short-db.'"),
                Case.error("nul", "db", "\0", ErrorCode.INVALID_NAMESPACE, "namespaces cannot have embedded null characters"),
                Case.error("leading dot", "db", ".collection..", ErrorCode.INVALID_NAMESPACE,
                        "Collection names cannot start with '.': .collection.."),
                Case.error("dollar", "db", "collection_name_with_a-$", ErrorCode.INVALID_NAMESPACE,
                        "Invalid collection name: collection_name_with_a-$"),
                Case.error("system", "db", "system.foo", ErrorCode.INVALID_NAMESPACE, "Invalid system namespace: db.system.foo"),
                Case.error("admin-only system collection", "db", "system.roles", ErrorCode.INVALID_NAMESPACE,
                        "Invalid system namespace: db.system.roles"),
                Case.ok("admin system.roles", "admin", "system.roles"),
                Case.error(".system. inside", "db", "a.system.b", ErrorCode.BAD_VALUE, "Invalid namespace: db.a.system.b"),
                Case.error("db with a slash", "/", "c", ErrorCode.INVALID_NAMESPACE, "Invalid namespace specified '/.c'"),
                Case.error("db with a space", "data base", "c", ErrorCode.INVALID_NAMESPACE,
                        "Invalid namespace specified 'data base.c'"),
                Case.error("db with a dollar", "name_with_a-$", "c", ErrorCode.INVALID_NAMESPACE,
                        "Invalid namespace: name_with_a-$.c"),
                Case.error("db with a dot", "database.test", "c", ErrorCode.INVALID_NAMESPACE,
                        "'.' is an invalid character in a db name: database.test"),
                Case.error("db too long", "a".repeat(64), "c", ErrorCode.INVALID_NAMESPACE,
                        "db name must be at most 63 characters, found: 64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databaseCases")
    void databaseNames(Case c) {
        check(c, () -> NameRules.validateDatabaseName(c.db()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("collectionCases")
    void collectionNames(Case c) {
        check(c, () -> NameRules.validateCollectionName(c.db(), c.coll().orElseThrow()));
    }

    private static void check(Case c, org.junit.jupiter.api.function.Executable validation) {
        if (c.code().isEmpty()) {
            assertDoesNotThrow(validation);
            return;
        }
        MongoServerException e = assertThrows(MongoServerException.class, validation);
        assertEquals(c.code().get(), e.code());
        assertEquals(c.message(), e.getMessage());
    }
}
