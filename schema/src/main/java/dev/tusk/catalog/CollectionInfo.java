package dev.tusk.catalog;

import java.util.UUID;
import org.bson.BsonDocument;

/**
 * One collection as the catalog records it: its MongoDB namespace, the PostgreSQL schema and table
 * that hold it, its UUID and the options it was created with.
 */
public record CollectionInfo(String db, String name, String schemaName, String tableName, UUID uuid,
                             BsonDocument options) {
    public CollectionInfo {
        options = options.clone();
    }

    /** A copy: the record stays immutable. */
    @Override
    public BsonDocument options() {
        return options.clone();
    }

    public String namespace() {
        return db + "." + name;
    }

    /** The table as it appears in SQL: quoted schema and table. */
    public String qualifiedTable() {
        return dev.tusk.naming.IdentifierMapper.qualified(schemaName, tableName);
    }
}
