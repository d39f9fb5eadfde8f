package dev.tusk.exec;

import java.util.Map;

/**
 * A collection's figures as collStats/$collStats/dbStats report them, measured in PostgreSQL:
 * {@code dataSize} the documents' BSON bytes, {@code storageSize} the table's size on disk (TOAST
 * included), {@code indexSizes} the primary key's index (`_id_`) and each side table with its indexes.
 */
public record CollectionStats(long count, long dataSize, long storageSize, Map<String, Long> indexSizes) {
    public long totalIndexSize() {
        return indexSizes.values().stream().mapToLong(Long::longValue).sum();
    }

    public long averageObjectSize() {
        return count == 0 ? 0 : dataSize / count;
    }
}
