package dev.tusk.index;

import java.util.Arrays;

/**
 * A range of index keys {@code from <= k < to} (unsigned byte order). {@code single} says the range
 * holds exactly one key, {@code from}: an equality on a single-field index, whose keys are whole
 * (prefix-free) encodings. SQL can then say {@code k = from}, which PostgreSQL estimates like any
 * equality, so a prepared statement's generic plan is as good as a custom one and is reused.
 */
public record KeyRange(byte[] from, byte[] to, boolean single) {
    public KeyRange(byte[] from, byte[] to) {
        this(from, to, false);
    }

    /** The range of one whole key. */
    public static KeyRange point(byte[] key) {
        return new KeyRange(key, IndexBounds.successor(key), true);
    }

    public boolean isEmpty() {
        return Arrays.compareUnsigned(from, to) >= 0;
    }
}
