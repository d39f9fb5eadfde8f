package dev.tusk.index;

import dev.tusk.bson.FieldPath;
import dev.tusk.index.WildcardProjection.Coverage;
import dev.tusk.storage.IdKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonUndefined;
import org.bson.BsonValue;

/**
 * The keys of a wildcard index: one per (path, value) of every leaf the index covers, encoded as the
 * IdKey of the dotted path followed by the IdKey of the value, so the keys of one path are one
 * contiguous range in value order. As MongoDB's wildcard index: documents are walked field by field,
 * array elements are keys of the array's own path (arrays nested in arrays are values), empty
 * documents are values, empty arrays are undefined, and names containing a dot are skipped.
 */
public final class WildcardKeys {
    private final WildcardProjection projection;

    public WildcardKeys(BsonDocument keyPattern, Optional<BsonDocument> wildcardProjection) {
        this.projection = WildcardProjection.of(wildcardField(keyPattern).orElseThrow(), wildcardProjection);
    }

    /** The key pattern's wildcard field ({@code $**} or {@code path.$**}), if it has one. */
    public static Optional<String> wildcardField(BsonDocument keyPattern) {
        return keyPattern.keySet().stream().filter(f -> f.equals("$**") || f.endsWith(".$**")).findFirst();
    }

    /** True if the index holds every value a scalar comparison on path can match (the path is wholly covered). */
    public boolean covers(FieldPath path) {
        return !path.hasIndexComponent() && !path.hasEmptyComponent() && projection.coverage(path) == Coverage.IN;
    }

    /** The first bytes of every key of a path: the range of keys on that path starts here. */
    public static byte[] pathPrefix(FieldPath path) {
        return IdKey.encode(new BsonString(path.dotted()));
    }

    public Set<ByteBuffer> of(BsonDocument doc) {
        Walk walk = new Walk(true);
        walk.document(doc, new ArrayList<>());
        return walk.keys;
    }

    /** True if the document holds an array on a covered path (a path then has several keys). */
    public boolean isMultikeyFor(BsonDocument doc) {
        Walk walk = new Walk(false);
        walk.document(doc, new ArrayList<>());
        return walk.multikey;
    }

    private final class Walk {
        private final boolean collect;
        private final Set<ByteBuffer> keys = new LinkedHashSet<>();
        private boolean multikey;

        Walk(boolean collect) {
            this.collect = collect;
        }

        void document(BsonDocument doc, List<String> path) {
            for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
                if (e.getKey().contains(".")) {
                    continue; // no query path can name it
                }
                path.add(e.getKey());
                value(e.getValue(), path, false);
                path.remove(path.size() - 1);
            }
        }

        private void value(BsonValue v, List<String> path, boolean inArray) {
            Coverage coverage = projection.coverage(new FieldPath(path));
            if (coverage == Coverage.OUT) {
                return;
            }
            boolean in = coverage == Coverage.IN;
            if (v.isArray() && !inArray) {
                multikey = true;
                if (v.asArray().isEmpty()) {
                    add(in, path, new BsonUndefined());
                }
                for (BsonValue element : v.asArray()) {
                    value(element, path, true);
                }
            } else if (v.isDocument() && !v.asDocument().isEmpty()) {
                document(v.asDocument(), path);
            } else {
                add(in, path, v);
            }
        }

        private void add(boolean in, List<String> path, BsonValue v) {
            if (in && collect) {
                ByteArrayOutputStream key = new ByteArrayOutputStream();
                key.writeBytes(pathPrefix(new FieldPath(path)));
                key.writeBytes(IdKey.encode(v));
                keys.add(ByteBuffer.wrap(key.toByteArray()));
            }
        }
    }
}
