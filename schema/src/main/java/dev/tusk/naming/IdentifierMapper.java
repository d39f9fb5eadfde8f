package dev.tusk.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps MongoDB names (databases, collections, indexes) to PostgreSQL identifiers of at most 63
 * bytes, so PostgreSQL never truncates one. A plain lower-case identifier that fits and is not
 * reserved is used as is; anything else becomes a sanitised prefix, {@code _} and 8 hex digits of
 * SHA-256 of the name. The result is deterministic; two names map to one identifier only by a hash
 * collision, which the catalog resolves with {@link #map(String, int)} and then records.
 *
 * <p>Table and schema identifiers never contain {@code $}; index identifiers always do, so an
 * index can never take the name of a table (they share one namespace per schema).
 */
public final class IdentifierMapper {
    public static final int MAX_IDENTIFIER_BYTES = 63;
    /** Tusk's own schema; no database maps to it. */
    public static final String CATALOG_SCHEMA = "tusk_catalog";
    private static final int HASH_HEX = 8;
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern PLAIN_INDEX = Pattern.compile("[a-z0-9_$]*");
    /** PostgreSQL 15's reserved keywords, including those usable only as function or type names. */
    private static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
            "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create",
            "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
            "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
            "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike",
            "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left",
            "like", "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only",
            "or", "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
            "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to",
            "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window",
            "with");
    /** Names with a meaning of their own in every PostgreSQL database, plus Tusk's. */
    private static final Set<String> TAKEN = Set.of(CATALOG_SCHEMA, "public", "information_schema");

    private IdentifierMapper() {
    }

    /** The identifier for a database (→ schema) or collection (→ table) name. */
    public static String map(String mongoName) {
        return isPlain(mongoName) ? mongoName : hashed(mongoName, mongoName);
    }

    /**
     * The {@code attempt}-th alternative for a name whose first choice is taken by another name
     * (attempt 0 is {@link #map(String)}); always hashed from then on.
     */
    public static String map(String mongoName, int attempt) {
        return attempt == 0 ? map(mongoName) : hashed(mongoName, mongoName + '\0' + attempt);
    }

    /** The identifier of index {@code indexName} on table {@code tableIdentifier}: always contains {@code $}. */
    public static String indexName(String tableIdentifier, String indexName) {
        String plain = tableIdentifier + "$" + indexName;
        if (PLAIN_INDEX.matcher(plain).matches() && plain.length() <= MAX_IDENTIFIER_BYTES) {
            return plain;
        }
        String hash = hash(tableIdentifier + '\0' + indexName);
        String prefix = sanitise(tableIdentifier + "$" + indexName, true);
        return truncate(prefix, MAX_IDENTIFIER_BYTES - HASH_HEX - 1) + "$" + hash;
    }

    /** {@code "identifier"} with embedded quotes doubled: the only way identifiers enter SQL. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    static boolean isPlain(String name) {
        return PLAIN.matcher(name).matches()
                && name.length() <= MAX_IDENTIFIER_BYTES
                && !name.startsWith("pg_")
                && !RESERVED.contains(name)
                && !TAKEN.contains(name);
    }

    private static String hashed(String name, String hashInput) {
        String prefix = sanitise(name, false);
        if (prefix.startsWith("pg_")) {
            prefix = "_" + prefix; // schemas named pg_* are refused by PostgreSQL
        }
        return truncate(prefix, MAX_IDENTIFIER_BYTES - HASH_HEX - 1) + "_" + hash(hashInput);
    }

    /** ASCII letters lower-cased, digits and {@code _} kept (and {@code $} if allowed), anything else {@code _}. */
    private static String sanitise(String name, boolean keepDollar) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '_' || (keepDollar && cp == '$')) {
                out.append((char) cp);
            } else if (cp >= 'A' && cp <= 'Z') {
                out.append((char) (cp - 'A' + 'a'));
            } else {
                out.append('_');
            }
        });
        return out.toString();
    }

    private static String truncate(String ascii, int max) {
        return ascii.length() <= max ? ascii : ascii.substring(0, max);
    }

    private static String hash(String input) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, HASH_HEX / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
