package dev.tusk.index;

import java.util.Arrays;

/** A range of index keys {@code from <= k < to} (unsigned byte order). */
public record KeyRange(byte[] from, byte[] to) {
    public boolean isEmpty() {
        return Arrays.compareUnsigned(from, to) >= 0;
    }
}
