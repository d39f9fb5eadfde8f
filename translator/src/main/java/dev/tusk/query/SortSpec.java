package dev.tusk.query;

import dev.tusk.bson.FieldPath;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonUndefined;
import org.bson.BsonValue;

/**
 * A parsed sort specification. Each key's value in a document is, ascending, the smallest value its
 * path reaches (array elements, not the array; an element that is itself an array counts as that whole
 * array; missing = null; an empty array sorts below null), descending the largest. Ties are left to a
 * stable sort by the caller.
 */
public record SortSpec(List<Key> keys, Collation collation) {
    /** One sort key; {@code textScore}: {@code {$meta: "textScore"}}, the $text score, highest first. */
    public record Key(FieldPath path, boolean ascending, boolean textScore) {
        public Key(FieldPath path, boolean ascending) {
            this(path, ascending, false);
        }
    }

    private static final BsonValue EMPTY_ARRAY = new BsonUndefined(); // sorts just below null

    public SortSpec {
        keys = List.copyOf(keys);
    }

    public SortSpec(List<Key> keys) {
        this(keys, Collation.SIMPLE);
    }

    /** The same keys with strings ordered by {@code collation}. */
    public SortSpec collated(Collation collation) {
        return new SortSpec(keys, collation);
    }

    public static SortSpec parse(BsonDocument sort) {
        List<Key> keys = new ArrayList<>();
        for (Map.Entry<String, BsonValue> e : sort.entrySet()) {
            String name = e.getKey();
            BsonValue v = e.getValue();
            if (v instanceof BsonDocument meta && meta.containsKey("$meta")) {
                keys.add(metaKey(name, meta));
                continue;
            }
            if (!v.isNumber() && !v.isDecimal128()) {
                throw ErrorCode.LOCATION_15974.error("Illegal key in $sort specification: " + BsonText.element(name, v));
            }
            double d = v.isDecimal128() ? v.asDecimal128().getValue().doubleValue() : v.asNumber().doubleValue();
            if (d != 1 && d != -1) {
                throw ErrorCode.LOCATION_15975.error("$sort key ordering must be 1 (for ascending) or -1 (for descending)");
            }
            if (name.equals("$natural")) {
                continue; // natural order: no sort
            }
            FieldPath path = FieldPath.parse(name);
            if (name.isEmpty() || path.hasEmptyComponent()) {
                throw ErrorCode.BAD_VALUE.error("FieldPath field names may not be empty strings.");
            }
            keys.add(new Key(path, d > 0));
        }
        return new SortSpec(keys);
    }

    private static Key metaKey(String name, BsonDocument meta) {
        BsonValue kind = meta.get("$meta");
        if (meta.size() != 1 || !kind.isString()) {
            throw ErrorCode.LOCATION_15974.error("Illegal key in $sort specification: " + BsonText.element(name, meta));
        }
        return switch (kind.asString().getValue()) {
            case "textScore" -> new Key(FieldPath.parse(name), false, true);
            case "randVal", "searchScore" -> throw ErrorCode.NOT_IMPLEMENTED.error("$meta sort by %s is not supported by Tusk yet",
                    kind.asString().getValue());
            default -> throw ErrorCode.LOCATION_17308.error("Unsupported argument to $meta: %s", kind.asString().getValue());
        };
    }

    /** True if a key sorts by the $text score (never pushed to SQL or an index). */
    public boolean hasTextScore() {
        return keys.stream().anyMatch(Key::textScore);
    }

    /** True if there is nothing to sort by (empty spec or {@code $natural}). */
    public boolean isNatural() {
        return keys.isEmpty();
    }

    /** MongoDB's order of documents under this sort, strings ordered by the sort's collation. */
    public Comparator<BsonDocument> comparator() {
        return (a, b) -> {
            for (Key key : keys) {
                if (key.textScore()) {
                    int c = Double.compare(dev.tusk.text.ScoredDocument.sortScore(b), dev.tusk.text.ScoredDocument.sortScore(a));
                    if (c != 0) {
                        return c;
                    }
                    continue;
                }
                int c = collation.compare(sortKey(a, key, collation), sortKey(b, key, collation));
                if (c != 0) {
                    return key.ascending() ? c : -c;
                }
            }
            return 0;
        };
    }

    /** The value a document sorts by for one key. */
    static BsonValue sortKey(BsonDocument doc, Key key) {
        return sortKey(doc, key, Collation.SIMPLE);
    }

    private static BsonValue sortKey(BsonDocument doc, Key key, Collation collation) {
        List<BsonValue> values = new ArrayList<>();
        PathValues.anyMatch(doc, key.path(), false, v -> {
            if (v == null) {
                values.add(BsonNull.VALUE);
            } else if (v instanceof BsonArray array) {
                if (array.isEmpty()) {
                    values.add(EMPTY_ARRAY);
                }
                values.addAll(array); // an element that is an array sorts as that whole array
            } else {
                values.add(v);
            }
            return false;
        });
        if (values.isEmpty()) {
            return BsonNull.VALUE;
        }
        BsonValue best = values.get(0);
        for (BsonValue v : values) {
            int c = collation.compare(v, best);
            if (key.ascending() ? c < 0 : c > 0) {
                best = v;
            }
        }
        return best;
    }
}
