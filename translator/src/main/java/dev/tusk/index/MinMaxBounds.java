package dev.tusk.index;

import dev.tusk.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonValue;

/**
 * find's {@code min} and {@code max}: the range {@code [min, max)} of a hinted index's keys, in the
 * index's order (a descending field runs from high to low). Each bound names exactly the key
 * pattern's fields in order; an empty bound is the start (min) or the end (max) of the index. The
 * range is in the side table's key encoding, whose byte order is the index order.
 */
public final class MinMaxBounds {
    private MinMaxBounds() {}

    /** MongoDB checks this while parsing find, before any index is looked at. */
    public static void checkSameFields(BsonDocument min, BsonDocument max) {
        if (!min.isEmpty() && !max.isEmpty() && !sameFieldNames(min, max)) {
            throw ErrorCode.LOCATION_51176.error("min and max must have the same field names");
        }
    }

    /** The keys {@code min <= k < max} of the index with this key pattern (51174, 51175 when there are none to ask for). */
    public static KeyRange of(BsonDocument keyPattern, BsonDocument min, BsonDocument max) {
        if (!min.isEmpty() && !sameFieldNames(keyPattern, min) || !max.isEmpty() && !sameFieldNames(keyPattern, max)) {
            throw ErrorCode.LOCATION_51174.error("The index chosen is not compatible with min/max");
        }
        IndexKeys directions = new IndexKeys(keyPattern, false, java.util.Optional.empty());
        byte[] from = encode(min, keyPattern, directions, true);
        byte[] to = encode(max, keyPattern, directions, false);
        if (Arrays.compareUnsigned(from, to) >= 0) {
            throw ErrorCode.LOCATION_51175.error(
                    "The value provided for min() does not come before the value provided for max() in the hinted index");
        }
        return new KeyRange(from, to);
    }

    /** The bound's values in key order; an empty bound is the first (start) or last (end) key the index can hold. */
    private static byte[] encode(BsonDocument bound, BsonDocument keyPattern, IndexKeys directions, boolean start) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Iterator<BsonValue> values = bound.values().iterator();
        for (int i = 0; i < keyPattern.size(); i++) {
            boolean descending = directions.descending(i);
            BsonValue v = bound.isEmpty()
                    ? (start != descending ? new BsonMinKey() : new BsonMaxKey())
                    : values.next();
            out.writeBytes(IndexKeys.component(v, descending));
        }
        return out.toByteArray();
    }

    private static boolean sameFieldNames(BsonDocument a, BsonDocument b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<String> ib = b.keySet().iterator();
        for (Map.Entry<String, BsonValue> e : a.entrySet()) {
            if (!e.getKey().equals(ib.next())) {
                return false;
            }
        }
        return true;
    }
}
