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
    /** A capped collection's insertion order (its natural order): an identity column, unique. */
    public static final String SEQ = "_seq";
    /** The name (as an index name, so never a table's) of the b-tree on a capped table's {@link #SEQ}. */
    public static final String SEQ_INDEX = "$natural";

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

    /**
     * What makes a collection table capped: the {@link #SEQ} column with its unique b-tree (named
     * {@code seqIndexName}), and the triggers that keep {@code tusk_catalog.capped_usage} (migration V5):
     * each write statement first locks the collection's usage row, then adds what it inserted and
     * subtracts what it deleted. Existing rows (convertToCapped) are numbered in their physical order.
     */
    public static String cappedSql(String schema, String table, String seqIndexName) {
        String t = qualified(schema, table);
        return "ALTER TABLE " + t + " ADD COLUMN " + quote(SEQ) + " bigint GENERATED ALWAYS AS IDENTITY; "
                + "CREATE UNIQUE INDEX " + quote(seqIndexName) + " ON " + t + " (" + quote(SEQ) + "); "
                + "CREATE TRIGGER capped_lock BEFORE INSERT OR UPDATE OR DELETE ON " + t
                + " FOR EACH STATEMENT EXECUTE FUNCTION tusk_catalog.capped_lock(); "
                + "CREATE TRIGGER capped_inserted AFTER INSERT ON " + t
                + " REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tusk_catalog.capped_count(); "
                + "CREATE TRIGGER capped_deleted AFTER DELETE ON " + t
                + " REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tusk_catalog.capped_count(); "
                + "CREATE TRIGGER capped_updated AFTER UPDATE ON " + t
                + " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tusk_catalog.capped_count()";
    }
}
