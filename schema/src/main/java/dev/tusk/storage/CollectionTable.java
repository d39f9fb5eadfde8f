package dev.tusk.storage;

import static dev.tusk.naming.IdentifierMapper.qualified;
import static dev.tusk.naming.IdentifierMapper.quote;

/**
 * The table behind one collection (docs/ARCHITECTURE.md, "Storage layout"): {@code _key} the
 * {@link IdKey} of {@code _id}, {@code doc} the exact BSON bytes, {@code q} the {@link QueryForm}.
 */
public final class CollectionTable {
    public static final String KEY = "_key";
    public static final String DOC = "doc";
    public static final String QUERY = "q";
    /** MongoDB's name of the implicit index on {@code _id}, backed by the primary key. */
    public static final String ID_INDEX = "_id_";

    private CollectionTable() {
    }

    /**
     * The DDL of a collection table; the primary key gets the explicit (never truncated) name {@code pkName}.
     * {@code q} is stored MAIN so PostgreSQL moves {@code doc} out of line first when a row is large:
     * filters read {@code q} without a TOAST fetch, and only matching rows fetch {@code doc}.
     */
    public static String createTableSql(String schema, String table, String pkName) {
        return "CREATE TABLE " + qualified(schema, table) + " ("
                + quote(KEY) + " bytea NOT NULL, "
                + quote(DOC) + " bytea NOT NULL, "
                + quote(QUERY) + " jsonb NOT NULL, "
                + "CONSTRAINT " + quote(pkName) + " PRIMARY KEY (" + quote(KEY) + ")); "
                + "ALTER TABLE " + qualified(schema, table) + " ALTER COLUMN " + quote(QUERY) + " SET STORAGE MAIN";
    }
}
