package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonValue;

/** Values in BSON order with a count each: what $min/$max/$minN/$maxN/$addToSet keep of a window. */
final class ValueMultiset {
    private final TreeMap<BsonValue, int[]> counts = new TreeMap<>(BsonOrder.COMPARATOR);
    private long size;

    /** Adds one of v; true if v was not there before. */
    boolean add(BsonValue v) {
        size++;
        return counts.computeIfAbsent(v, k -> new int[1])[0]++ == 0;
    }

    /** Removes one of v; true if that was its last. */
    boolean remove(BsonValue v) {
        int[] n = counts.get(v);
        if (n != null) {
            size--;
            if (--n[0] == 0) {
                counts.remove(v);
                return true;
            }
        }
        return false;
    }

    long size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    BsonValue first() {
        return counts.firstKey();
    }

    BsonValue last() {
        return counts.lastKey();
    }

    /** Each distinct value once, ascending. */
    List<BsonValue> distinct() {
        return new ArrayList<>(counts.keySet());
    }

    /** The first n values counting repeats, ascending ({@code descending}: from the largest). */
    List<BsonValue> take(long n, boolean descending) {
        List<BsonValue> out = new ArrayList<>();
        Iterator<Map.Entry<BsonValue, int[]>> it = (descending ? counts.descendingMap() : counts).entrySet().iterator();
        while (out.size() < n && it.hasNext()) {
            Map.Entry<BsonValue, int[]> e = it.next();
            for (int i = 0; i < e.getValue()[0] && out.size() < n; i++) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
