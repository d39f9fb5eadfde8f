package dev.tusk.catalog;

import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * One index of a collection as listIndexes shows it ({@code spec}: v, key, name and options) and
 * where it lives: the `_id_` index is the table's primary key; every other index is a side table
 * {@code (k bytea, _key bytea)} holding one row per index key of each document (docs/ARCHITECTURE.md).
 *
 * @param storage  the side table's name in the collection's schema; empty for `_id_`
 * @param multikey some document gave this index several keys or an array value (never reset)
 * @param ready    the index holds every document's keys (false while it is being built: writers
 *                 maintain it, queries do not use it and listIndexes does not show it)
 */
public record IndexInfo(String name, BsonDocument spec, Optional<String> storage, boolean multikey, boolean ready) {
    public IndexInfo {
        spec = spec.clone();
    }

    public IndexInfo(String name, BsonDocument spec, Optional<String> storage, boolean multikey) {
        this(name, spec, storage, multikey, true);
    }

    /** The name listIndexes shows and hints and dropIndexes give: {@code name}, but a clustered `_id` index's own. */
    public String listedName() {
        return spec.isString("name") ? spec.getString("name").getValue() : name;
    }

    public BsonDocument key() {
        return spec.getDocument("key");
    }

    public boolean isIdIndex() {
        return storage.isEmpty();
    }

    public boolean unique() {
        return flag("unique");
    }

    /** Set by collMod (or createIndexes) ahead of a conversion to unique: new keys another document holds are refused. */
    public boolean prepareUnique() {
        return flag("prepareUnique");
    }

    /** Unique, or prepared to become unique: writes that would add a shared key fail with 11000. */
    public boolean refusesNewDuplicates() {
        return unique() || prepareUnique();
    }

    public boolean sparse() {
        return flag("sparse");
    }

    public boolean hidden() {
        return flag("hidden");
    }

    public Optional<BsonDocument> partialFilterExpression() {
        return Optional.ofNullable(spec.get("partialFilterExpression")).filter(BsonValue::isDocument).map(BsonValue::asDocument);
    }

    public Optional<Long> expireAfterSeconds() {
        return Optional.ofNullable(spec.get("expireAfterSeconds")).filter(BsonValue::isNumber)
                .map(v -> v.asNumber().longValue());
    }

    private boolean flag(String field) {
        BsonValue v = spec.get(field);
        return v != null && (v.isBoolean() ? v.asBoolean().getValue() : v.isNumber() && v.asNumber().doubleValue() != 0);
    }
}
