package dev.tusk.pipeline;

import dev.tusk.query.SortSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bson.BsonDocument;

/** $sort: blocking, stable, within the 100 MiB blocking-stage limit. */
public record SortStage(SortSpec sort) implements Stage {
    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        List<BsonDocument> all = new ArrayList<>();
        MemoryLimit limit = new MemoryLimit("$sort");
        input.forEachRemaining(d -> {
            limit.add(d);
            all.add(d);
        });
        all.sort(sort.comparator());
        return all.iterator();
    }
}
