package dev.tusk.pipeline;

import dev.tusk.query.SortBuffer;
import dev.tusk.query.SortSpec;
import java.util.Iterator;
import org.bson.BsonDocument;

/**
 * $sort: blocking and stable. Past 100 MiB it spills sorted runs to disk and merges them, as MongoDB
 * 7.0 does unless the command says allowDiskUse: false (then 292).
 */
public record SortStage(SortSpec sort, boolean allowDiskUse) implements Stage {
    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        SortBuffer buffer = new SortBuffer(sort.comparator(), MemoryLimit.BYTES, allowDiskUse, MemoryLimit::sizeOf,
                () -> MemoryLimit.exceeded("$sort"));
        input.forEachRemaining(buffer::add);
        return buffer.sorted();
    }
}
