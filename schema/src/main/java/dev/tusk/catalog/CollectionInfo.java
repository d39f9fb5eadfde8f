package dev.tusk.catalog;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonDocument;

/**
 * One collection as the catalog records it: its MongoDB namespace, the PostgreSQL schema and table
 * that hold it, its UUID and the options it was created with. A view is a row too: its options hold
 * {@code viewOn} and {@code pipeline}, and it has no table (see {@link #isView}).
 */
public record CollectionInfo(String db, String name, String schemaName, String tableName, UUID uuid,
                             BsonDocument options, boolean typedNumbers) {
    public static final String VIEW_ON = "viewOn";
    public static final String PIPELINE = "pipeline";

    public CollectionInfo {
        options = options.clone();
    }

    /**
     * A collection whose query form's numbers say their BSON type (created since catalog migration V7;
     * {@code typedNumbers} false: an older one, whose numbers are plain).
     */
    public CollectionInfo(String db, String name, String schemaName, String tableName, UUID uuid, BsonDocument options) {
        this(db, name, schemaName, tableName, uuid, options, true);
    }

    /** A copy: the record stays immutable. */
    @Override
    public BsonDocument options() {
        return options.clone();
    }

    /** A read-only view: its documents are its pipeline run over {@link #viewOn}; there is no table to read or write. */
    public boolean isView() {
        return options.containsKey(VIEW_ON);
    }

    /** A capped collection: insertion order is its natural order, and its oldest documents go past {@link #cappedSize}/{@link #cappedMax}. */
    public boolean capped() {
        return options.getBoolean("capped", org.bson.BsonBoolean.FALSE).getValue();
    }

    /** A capped collection's limit on its documents' total BSON size, in bytes. */
    public long cappedSize() {
        return options.get("size").asNumber().longValue();
    }

    /** A capped collection's limit on its number of documents; 0 = none. */
    public long cappedMax() {
        return options.containsKey("max") ? options.get("max").asNumber().longValue() : 0;
    }

    /** The collection or view a view reads (same database). */
    public String viewOn() {
        return options.getString(VIEW_ON).getValue();
    }

    /** A view's pipeline (empty for a collection). */
    public BsonArray viewPipeline() {
        return options.getArray(PIPELINE, new BsonArray()).clone();
    }

    /** This collection, or 166 CommandNotSupportedOnView for a view (writes, index commands). */
    public CollectionInfo requireCollection() {
        if (isView()) {
            throw notACollection();
        }
        return this;
    }

    /** 166 CommandNotSupportedOnView with MongoDB's message, for what only a collection can do. */
    public MongoServerException notACollection() {
        return ErrorCode.COMMAND_NOT_SUPPORTED_ON_VIEW.error("Namespace " + namespace() + " is a view, not a collection");
    }

    public String namespace() {
        return db + "." + name;
    }

    /** The table as it appears in SQL: quoted schema and table. */
    public String qualifiedTable() {
        return dev.tusk.naming.IdentifierMapper.qualified(schemaName, tableName);
    }
}
