package dev.tusk.query;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The name tables of the languages (query and expression operators, update operators, stages,
 * accumulators, window functions): one row per name, kept alphabetical so a table reads like an index.
 */
public final class AlphabeticalTable {
    private AlphabeticalTable() {}

    /** The rows as an unmodifiable map; a row out of order (or repeated) fails when the class loads. */
    @SafeVarargs
    public static <T> Map<String, T> of(String what, Map.Entry<String, T>... rows) {
        TreeMap<String, T> map = new TreeMap<>();
        String previous = "";
        for (Map.Entry<String, T> row : rows) {
            if (row.getKey().compareTo(previous) <= 0) {
                throw new IllegalStateException(what + " table not alphabetical at " + row.getKey());
            }
            previous = row.getKey();
            map.put(row.getKey(), row.getValue());
        }
        return Collections.unmodifiableMap(map);
    }
}
