package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.catalog.IndexInfo;
import dev.tusk.error.MongoServerException;
import dev.tusk.index.GeoIndexSpec;
import dev.tusk.index.IndexKeys;
import dev.tusk.index.WildcardBounds;
import dev.tusk.query.FilterParser;
import dev.tusk.query.ReachedValues;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import dev.tusk.index.TextKeys;
import dev.tusk.text.BoundText;
import dev.tusk.text.TextIndexSpec;
import dev.tusk.text.TextQuery;
import dev.tusk.text.TextSearch;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A secondary index ready for use: its catalog entry, its key generator and where its side table is.
 * A text index ({@code text} present) keys documents by their terms; its {@code keys} has no fields,
 * so the planner never takes it for comparisons or sorts.
 */
public record SecondaryIndex(IndexInfo info, IndexKeys keys, String schema, String storage, Optional<TextIndexSpec> text,
        Optional<GeoIndexSpec> geo) {

    public SecondaryIndex(IndexInfo info, IndexKeys keys, String schema, String storage, Optional<TextIndexSpec> text) {
        this(info, keys, schema, storage, text, Optional.empty());
    }

    public static SecondaryIndex of(CollectionInfo c, IndexInfo info) {
        if (info.key().containsKey("_fts")) {
            return new SecondaryIndex(info, new IndexKeys(new BsonDocument(), false, Optional.empty(), Optional.empty()),
                    c.schemaName(), info.storage().orElseThrow(), Optional.of(TextIndexSpec.of(info.spec())));
        }
        Optional<GeoIndexSpec> geo = GeoIndexSpec.of(info.key(), info.spec());
        if (geo.isPresent()) { // keyed by cells: the planner never takes it for comparisons or sorts
            return new SecondaryIndex(info, new IndexKeys(new BsonDocument(), false, Optional.empty(), Optional.empty()),
                    c.schemaName(), info.storage().orElseThrow(), Optional.empty(), geo);
        }
        IndexKeys keys = new IndexKeys(info.key(), info.sparse(), info.partialFilterExpression().map(FilterParser::parse),
                Optional.ofNullable(info.spec().get("wildcardProjection")).filter(BsonValue::isDocument).map(BsonValue::asDocument));
        return new SecondaryIndex(info, keys, c.schemaName(), info.storage().orElseThrow(), Optional.empty());
    }

    public Set<ByteBuffer> keysOf(BsonDocument doc) {
        if (geo.isPresent()) {
            return geo.get().keys(doc);
        }
        return text.isPresent() ? TextKeys.of(text.get(), doc) : keys.of(doc);
    }

    /**
     * Whether this index's keys or membership could depend on the top-level field: its key paths start
     * with it, or the index is one whose keys cannot be told by name (text, wildcard, partial).
     */
    public boolean mayRead(String topLevelField) {
        if (text.isPresent() || keys.wildcard().isPresent() || info.partialFilterExpression().isPresent()) {
            return true;
        }
        for (String path : info.key().keySet()) {
            if (dev.tusk.bson.FieldPath.parse(path).get(0).equals(topLevelField)) {
                return true;
            }
        }
        return false;
    }

    /** The side-table binding of a $text search on this (text) index, under the filter's prefix equalities. */
    public BoundText bind(TextSearch search, dev.tusk.query.FilterNode filter) {
        return new BoundText(TextQuery.compile(search, text.orElseThrow()), schema, storage,
                TextKeys.searchPrefix(text.get(), filter));
    }

    /** The side-table binding of a geospatial operator on this (geo) index: its covering cells' key ranges. */
    public dev.tusk.geo.BoundGeo bind(dev.tusk.geo.GeoPredicate predicate) {
        GeoIndexSpec spec = geo.orElseThrow();
        return new dev.tusk.geo.BoundGeo(schema, storage, info.name(), spec, spec.ranges(predicate));
    }

    /** The key pattern explain shows: a wildcard index read on a path shows {$_path: 1, path: 1}, as on MongoDB. */
    public BsonDocument shownKeyPattern(dev.tusk.query.FilterNode filter) {
        return keys.wildcard().flatMap(w -> WildcardBounds.path(filter, w)).map(WildcardBounds::shownKeyPattern).orElse(info.key());
    }

    /** MongoDB's E11000 for this index, naming the document's values of the indexed fields. */
    public MongoServerException duplicate(String namespace, BsonDocument doc) {
        BsonDocument keyPattern = new BsonDocument();
        BsonDocument keyValue = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : info.key().entrySet()) {
            keyPattern.append(e.getKey(), e.getValue());
            var values = ReachedValues.of(doc, dev.tusk.bson.FieldPath.parse(e.getKey()));
            keyValue.append(e.getKey(), values.isEmpty() ? org.bson.BsonNull.VALUE : values.get(0));
        }
        String shown = DuplicateKeys.shellText(keyValue);
        return dev.tusk.error.ErrorCode.DUPLICATE_KEY.error("E11000 duplicate key error collection: %s index: %s dup key: %s",
                        namespace, info.name(), shown)
                .withExtra("keyPattern", keyPattern)
                .withExtra("keyValue", keyValue);
    }

}
