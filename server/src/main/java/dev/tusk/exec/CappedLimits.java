package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;

/**
 * A capped collection's limits: its documents' total BSON size ({@code size}) and, if set, their
 * number ({@code max}; 0 = none). Past either, the oldest documents go, as on MongoDB, but never the
 * newest: MongoDB never deletes the document it just inserted, so one document larger than {@code size}
 * stays alone in the collection.
 */
public record CappedLimits(long size, long max) {
    public static CappedLimits of(CollectionInfo c) {
        return new CappedLimits(c.cappedSize(), c.cappedMax());
    }

    /** True while a collection of {@code documents} documents totalling {@code bytes} must lose its oldest one. */
    public boolean exceeded(long documents, long bytes) {
        return documents > 1 && (bytes > size || (max > 0 && documents > max));
    }

    /**
     * How many of the oldest documents (sizes in insertion order) must go so the collection fits again;
     * {@code oldest} may be a prefix of the collection, then the answer counts within it.
     */
    public int oldestToDelete(long documents, long bytes, long[] oldest) {
        int n = 0;
        while (n < oldest.length && exceeded(documents - n, bytes)) {
            bytes -= oldest[n];
            n++;
        }
        return n;
    }
}
