package dev.tusk.index;

import dev.tusk.bson.FieldPath;
import dev.tusk.query.ReachedValues;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonUndefined;
import org.bson.BsonValue;

/**
 * The entries MongoDB's own index holds for a document, with the values returnKey shows: one per
 * combination of the indexed fields' key values, where a field's key values are what its path
 * reaches (missing as null) and an array at the end of the path stands for its elements
 * (undefined when empty), never for itself. Tusk's side tables hold these keys and more
 * ({@link IndexKeys} also keeps whole arrays, so any comparison finds its key); min/max and
 * returnKey need exactly MongoDB's.
 */
public final class IndexEntries {
    /** One index entry: the key as returnKey shows it (key pattern field names) and its encoding. */
    public record Entry(BsonDocument key, byte[] encoded) {}

    private final List<String> fields = new ArrayList<>();
    private final List<FieldPath> paths = new ArrayList<>();
    private final IndexKeys directions;

    public IndexEntries(BsonDocument keyPattern) {
        for (Map.Entry<String, BsonValue> e : keyPattern.entrySet()) {
            fields.add(e.getKey());
            paths.add(FieldPath.parse(e.getKey()));
        }
        this.directions = new IndexKeys(keyPattern, false, Optional.empty());
    }

    /** The document's entries in index order, each key once. */
    public List<Entry> of(BsonDocument doc) {
        List<List<BsonValue>> perField = new ArrayList<>();
        for (FieldPath path : paths) {
            List<BsonValue> values = new ArrayList<>();
            for (BsonValue v : ReachedValues.unexpanded(doc, path)) {
                if (v instanceof BsonArray a) {
                    values.addAll(a.isEmpty() ? List.of(new BsonUndefined()) : a.getValues());
                } else {
                    values.add(v);
                }
            }
            perField.add(values);
        }
        List<Entry> out = new ArrayList<>();
        combine(perField, 0, new BsonDocument(), new ByteArrayOutputStream(), new HashSet<>(), out);
        out.sort(Comparator.comparing(Entry::encoded, Arrays::compareUnsigned));
        return out;
    }

    /** The first of the document's entries (in index order) inside one of the ranges, if any. */
    public Optional<Entry> first(BsonDocument doc, List<KeyRange> ranges) {
        for (Entry e : of(doc)) {
            for (KeyRange r : ranges) {
                if (Arrays.compareUnsigned(e.encoded(), r.from()) >= 0 && Arrays.compareUnsigned(e.encoded(), r.to()) < 0) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    private void combine(List<List<BsonValue>> perField, int i, BsonDocument key, ByteArrayOutputStream prefix,
            Set<ByteBuffer> seen, List<Entry> out) {
        if (i == perField.size()) {
            byte[] encoded = prefix.toByteArray();
            if (seen.add(ByteBuffer.wrap(encoded))) {
                out.add(new Entry(key, encoded));
            }
            return;
        }
        for (BsonValue v : perField.get(i)) {
            ByteArrayOutputStream next = new ByteArrayOutputStream();
            next.writeBytes(prefix.toByteArray());
            next.writeBytes(IndexKeys.component(v, directions.descending(i)));
            combine(perField, i + 1, key.clone().append(fields.get(i), v), next, seen, out);
        }
    }
}
