package dev.tusk.index;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.ReachedValues;
import dev.tusk.storage.IdKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The keys a document contributes to an index: for each indexed path, every value the query
 * language reaches there (so a key exists for whatever a predicate on the path can match; missing
 * counts as null), combined across fields, encoded with IdKey and inverted for descending fields.
 * Like MongoDB, at most one field of a compound index may hold arrays (171 otherwise). A hashed
 * field's part is its {@link HashedKey} (no field of such an index may hold arrays); a wildcard
 * index's keys come from {@link WildcardKeys}.
 */
public final class IndexKeys {
    private final List<FieldPath> paths = new ArrayList<>();
    private final List<Boolean> descending = new ArrayList<>();
    private final int hashedField; // -1: none
    private final Optional<WildcardKeys> wildcard;
    private final boolean sparse;
    private final Optional<FilterNode> partialFilter;

    public IndexKeys(BsonDocument keyPattern, boolean sparse, Optional<FilterNode> partialFilter) {
        this(keyPattern, sparse, partialFilter, Optional.empty());
    }

    public IndexKeys(BsonDocument keyPattern, boolean sparse, Optional<FilterNode> partialFilter,
            Optional<BsonDocument> wildcardProjection) {
        int hashed = -1;
        for (Map.Entry<String, BsonValue> e : keyPattern.entrySet()) {
            paths.add(FieldPath.parse(e.getKey()));
            BsonValue v = e.getValue();
            hashed = v.isString() && v.asString().getValue().equals("hashed") ? paths.size() - 1 : hashed;
            double d = v.isDecimal128() ? v.asDecimal128().getValue().doubleValue() : v.isNumber() ? v.asNumber().doubleValue() : 1;
            descending.add(d < 0);
        }
        this.hashedField = hashed;
        this.wildcard = WildcardKeys.wildcardField(keyPattern).map(f -> new WildcardKeys(keyPattern, wildcardProjection));
        this.sparse = sparse;
        this.partialFilter = partialFilter;
    }

    public Optional<WildcardKeys> wildcard() {
        return wildcard;
    }

    /**
     * Whether the index holds every document the filter matches: always, unless a partial filter
     * leaves documents out that the filter does not imply it excludes too.
     */
    public boolean holdsAllMatches(FilterNode filter) {
        return partialFilter.map(p -> dev.tusk.query.FilterImplication.implies(filter, p)).orElse(true);
    }

    /** True if a partial filter leaves documents out of the index. */
    public boolean partial() {
        return partialFilter.isPresent();
    }

    public boolean hashed(int field) {
        return field == hashedField;
    }

    /** True if the field's keys are in the order of its values (not hashed, not a wildcard index). */
    public boolean ordered(int field) {
        return wildcard.isEmpty() && !hashed(field);
    }

    /** True if every field's keys are in the order of its values (min/max can name them). */
    public boolean valueOrdered() {
        return wildcard.isEmpty() && hashedField < 0;
    }

    /** A value's key in the field, before its direction applies: its hash for the hashed field, else its IdKey. */
    public byte[] valueKey(int field, BsonValue v) {
        return hashed(field) ? HashedKey.of(v) : IdKey.encode(v);
    }

    public List<FieldPath> paths() {
        return paths;
    }

    public boolean descending(int field) {
        return descending.get(field);
    }

    /** True if doc makes the index multikey: some indexed path reaches several values or an array. */
    public boolean isMultikeyFor(BsonDocument doc) {
        if (wildcard.isPresent()) {
            return wildcard.get().isMultikeyFor(doc);
        }
        if (hashedField >= 0) {
            return false; // its keys refuse arrays
        }
        for (FieldPath path : paths) {
            List<BsonValue> values = ReachedValues.of(doc, path);
            if (values.size() > 1 || values.stream().anyMatch(BsonValue::isArray)) {
                return true;
            }
        }
        return false;
    }

    /** The distinct keys of doc; empty when the index leaves doc out (sparse, partial filter). */
    public Set<ByteBuffer> of(BsonDocument doc) {
        if (partialFilter.isPresent() && !FilterEvaluator.matches(partialFilter.get(), doc)) {
            return Set.of();
        }
        if (wildcard.isPresent()) {
            return wildcard.get().of(doc);
        }
        if (hashedField >= 0) {
            return hashedIndexKey(doc);
        }
        List<List<BsonValue>> perField = new ArrayList<>();
        int arrayFields = 0;
        String arrayField = null;
        boolean anyPresent = false;
        for (int i = 0; i < paths.size(); i++) {
            List<BsonValue> values = ReachedValues.of(doc, paths.get(i));
            anyPresent |= FilterEvaluator.matches(new FilterNode.Exists(paths.get(i)), doc);
            if (values.size() > 1 || values.stream().anyMatch(BsonValue::isArray)) {
                arrayFields++;
                if (arrayFields > 1) {
                    throw ErrorCode.CANNOT_INDEX_PARALLEL_ARRAYS.error("cannot index parallel arrays [%s] [%s]",
                            paths.get(i).last(), arrayField);
                }
                arrayField = paths.get(i).last();
            }
            perField.add(distinct(values));
        }
        if (sparse && !anyPresent) {
            return Set.of();
        }
        Set<ByteBuffer> keys = new LinkedHashSet<>();
        combine(perField, 0, new ByteArrayOutputStream(), keys);
        return keys;
    }

    /** The one key of a document in an index with a hashed field: no field may reach an array. */
    private Set<ByteBuffer> hashedIndexKey(BsonDocument doc) {
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        boolean anyPresent = false;
        for (int i = 0; i < paths.size(); i++) {
            BsonValue v = HashedKey.valueAt(doc, paths.get(i));
            anyPresent |= v != null;
            BsonValue keyed = v == null ? org.bson.BsonNull.VALUE : v;
            key.writeBytes(hashed(i) ? HashedKey.of(keyed) : component(keyed, descending.get(i)));
        }
        return sparse && !anyPresent ? Set.of() : Set.of(ByteBuffer.wrap(key.toByteArray()));
    }

    private static List<BsonValue> distinct(List<BsonValue> values) {
        List<BsonValue> out = new ArrayList<>();
        Set<ByteBuffer> seen = new java.util.HashSet<>();
        for (BsonValue v : values) {
            if (seen.add(ByteBuffer.wrap(IdKey.encode(v)))) {
                out.add(v);
            }
        }
        return out;
    }

    private void combine(List<List<BsonValue>> perField, int i, ByteArrayOutputStream prefix, Set<ByteBuffer> out) {
        if (i == perField.size()) {
            out.add(ByteBuffer.wrap(prefix.toByteArray()));
            return;
        }
        for (BsonValue v : perField.get(i)) {
            ByteArrayOutputStream next = new ByteArrayOutputStream();
            next.writeBytes(prefix.toByteArray());
            next.writeBytes(component(v, descending.get(i)));
            combine(perField, i + 1, next, out);
        }
    }

    /** One field's part of a key: the IdKey encoding, every byte inverted for a descending field. */
    public static byte[] component(BsonValue v, boolean descending) {
        byte[] bytes = IdKey.encode(v instanceof BsonArray a ? a : v);
        if (descending) {
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = (byte) ~bytes[j];
            }
        }
        return bytes;
    }
}
