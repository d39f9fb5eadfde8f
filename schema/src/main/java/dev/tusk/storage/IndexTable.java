package dev.tusk.storage;

import static dev.tusk.naming.IdentifierMapper.qualified;
import static dev.tusk.naming.IdentifierMapper.quote;

/**
 * The side table behind a secondary index: one row per (index key, document) pair. {@code k} is
 * the index key (IdKey encodings of the indexed values, concatenated, bytes inverted for descending
 * fields), so its byte order is the index order; {@code _key} points at the document's row.
 * Looked up by k (unique for unique indexes), and by _key to maintain it when documents change.
 */
public final class IndexTable {
    public static final String KEY = "k";
    public static final String DOC_KEY = "_key";

    private IndexTable() {}

    public static String createTableSql(String schema, String table) {
        return "CREATE TABLE " + qualified(schema, table) + " (" + quote(KEY) + " bytea NOT NULL, "
                + quote(DOC_KEY) + " bytea NOT NULL)";
    }

    /** The lookup index: unique on k for unique indexes (so two documents cannot share a key). */
    public static String createKeyIndexSql(String schema, String table, String indexName, boolean unique) {
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + quote(indexName) + " ON " + qualified(schema, table)
                + (unique ? " (" + quote(KEY) + ") INCLUDE (" + quote(DOC_KEY) + ")" : " (" + quote(KEY) + ", " + quote(DOC_KEY) + ")");
    }

    /** The maintenance index: finds a document's rows when it is updated or deleted. */
    public static String createDocIndexSql(String schema, String table, String indexName) {
        return "CREATE INDEX " + quote(indexName) + " ON " + qualified(schema, table) + " (" + quote(DOC_KEY) + ")";
    }
}
