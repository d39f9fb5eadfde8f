package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import dev.tusk.query.SortBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The runs of a spilling $group: each run is the groups in memory when the budget was passed, one
 * {_id, partials} document per group in key order, written through {@link SortBuffer}. The merge reads
 * all runs at once by key (on equal keys the earlier run first, so $first, $last and $push see input
 * order) and folds each key's partials into fresh states. The files go once merged or on close.
 */
final class GroupSpill implements AutoCloseable {
    private static final String KEY = "_id";
    private static final String PARTIALS = "partials";

    private final SortBuffer runs = new SortBuffer((a, b) -> BsonOrder.compare(a.get(KEY), b.get(KEY)), Long.MAX_VALUE, true,
            d -> 0, () -> new IllegalStateException("runs are written whole"));

    boolean isEmpty() {
        return runs.spilledRuns() == 0;
    }

    /** Writes the groups (in key order) as one run. */
    void write(SortedMap<BsonValue, List<AccumulatorState.Mergeable>> groups) {
        Iterator<Map.Entry<BsonValue, List<AccumulatorState.Mergeable>>> entries = groups.entrySet().iterator();
        runs.addRun(new Iterator<BsonDocument>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public BsonDocument next() {
                Map.Entry<BsonValue, List<AccumulatorState.Mergeable>> group = entries.next();
                BsonArray partials = new BsonArray(new ArrayList<>(group.getValue().size()));
                group.getValue().forEach(state -> partials.add(state.partial()));
                return new BsonDocument(KEY, group.getKey()).append(PARTIALS, partials);
            }
        });
    }

    /** One result per key over all runs: newStates makes a key's states, result turns them into the output document. */
    Iterator<BsonDocument> merged(Function<BsonValue, List<AccumulatorState.Mergeable>> newStates,
            BiFunction<BsonValue, List<AccumulatorState.Mergeable>, BsonDocument> result) {
        Iterator<BsonDocument> partials = runs.sorted();
        return new Iterator<>() {
            private BsonDocument next = partials.hasNext() ? partials.next() : null;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public BsonDocument next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                BsonValue key = next.get(KEY);
                List<AccumulatorState.Mergeable> states = newStates.apply(key);
                while (next != null && BsonOrder.compare(next.get(KEY), key) == 0) {
                    BsonArray parts = next.getArray(PARTIALS);
                    for (int i = 0; i < states.size(); i++) {
                        states.get(i).merge(parts.get(i));
                    }
                    next = partials.hasNext() ? partials.next() : null;
                }
                return result.apply(key, states);
            }
        };
    }

    @Override
    public void close() {
        runs.close();
    }
}
