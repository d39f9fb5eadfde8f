package dev.tusk.naming;

import dev.tusk.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * MongoDB 7.0's rules for database and collection names, with its error codes and messages
 * (73 InvalidNamespace unless noted). Lengths are in UTF-8 bytes, as in MongoDB.
 */
public final class NameRules {
    public static final int MAX_DATABASE_NAME_BYTES = 63;
    public static final int MAX_NAMESPACE_BYTES = 255;
    /** System collections a client may create, in any database (isLegalClientSystemNS). */
    private static final Set<String> CLIENT_SYSTEM_COLLECTIONS = Set.of("system.js", "system.views", "system.users",
            "system.profile");
    private static final Set<String> ADMIN_SYSTEM_COLLECTIONS = Set.of("system.roles", "system.version", "system.keys",
            "system.new_users", "system.backup_users");

    private NameRules() {
    }

    /**
     * A database name as any command's {@code $db} must be: non-empty, at most 63 bytes, none of
     * {@code / \ . " space NUL}. {@code $} is allowed here (MongoDB refuses it only when creating).
     */
    public static void validateDatabaseName(String db) {
        checkLengthAndDot(db);
        if (db.isEmpty() || hasInvalidDatabaseChar(db)) {
            throw ErrorCode.INVALID_NAMESPACE.error("Invalid database name: '" + db + "'");
        }
    }

    /**
     * The namespace {@code db.coll} as a collection to be created (or renamed to) must be, checked
     * in MongoDB's order: database name, NUL and a leading '.', empty names and invalid database
     * characters, '$', {@code system.*} names clients may not create, the 255-byte namespace limit,
     * and ".system." inside the name (2 BadValue).
     */
    public static void validateCollectionName(String db, String coll) {
        checkLengthAndDot(db);
        String ns = db + "." + coll;
        if (coll.indexOf('\0') >= 0) {
            throw ErrorCode.INVALID_NAMESPACE.error("namespaces cannot have embedded null characters");
        }
        if (coll.startsWith(".")) {
            throw ErrorCode.INVALID_NAMESPACE.error("Collection names cannot start with '.': " + coll);
        }
        if (db.isEmpty() || coll.isEmpty() || hasInvalidDatabaseChar(db)) {
            throw ErrorCode.INVALID_NAMESPACE.error("Invalid namespace specified '" + ns + "'");
        }
        if (db.indexOf('$') >= 0) {
            throw ErrorCode.INVALID_NAMESPACE.error("Invalid namespace: " + ns);
        }
        if (coll.indexOf('$') >= 0) {
            throw ErrorCode.INVALID_NAMESPACE.error("Invalid collection name: " + coll);
        }
        if (coll.startsWith("system.") && !isLegalClientSystemCollection(db, coll)) {
            throw ErrorCode.INVALID_NAMESPACE.error("Invalid system namespace: " + ns);
        }
        if (bytes(ns) > MAX_NAMESPACE_BYTES) {
            throw ErrorCode.INVALID_NAMESPACE.error("Fully qualified namespace is too long. Namespace: " + ns
                    + " Max: " + MAX_NAMESPACE_BYTES);
        }
        if (coll.contains(".system.")) {
            throw ErrorCode.BAD_VALUE.error("Invalid namespace: " + ns);
        }
    }

    private static boolean isLegalClientSystemCollection(String db, String coll) {
        return CLIENT_SYSTEM_COLLECTIONS.contains(coll) || (db.equals("admin") && ADMIN_SYSTEM_COLLECTIONS.contains(coll))
                || (db.equals("config") && coll.equals("system.sessions"));
    }

    /** What MongoDB's DatabaseName checks first, before any other rule. */
    private static void checkLengthAndDot(String db) {
        int bytes = bytes(db);
        if (bytes > MAX_DATABASE_NAME_BYTES) {
            throw ErrorCode.INVALID_NAMESPACE.error("db name must be at most 63 characters, found: " + bytes);
        }
        if (db.indexOf('.') >= 0) {
            throw ErrorCode.INVALID_NAMESPACE.error("'.' is an invalid character in a db name: " + db);
        }
    }

    private static boolean hasInvalidDatabaseChar(String db) {
        for (int i = 0; i < db.length(); i++) {
            switch (db.charAt(i)) {
                case '/', '\\', '"', ' ', '\0' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
