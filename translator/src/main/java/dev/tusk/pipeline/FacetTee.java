package dev.tusk.pipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.bson.BsonArray;
import org.bson.BsonDocument;

/**
 * $facet's input passed to all its sub-pipelines in batches of at most 100 MiB, as MongoDB's TeeBuffer does when the
 * input is larger and no disk may be used: the sub-pipelines run side by side, each on its own thread, and the next
 * batch is read once every one of them has taken the last (or finished). At most two batches are held.
 */
final class FacetTee {
    /** The end of the input: an empty batch of its own (identity matters: no other batch is empty). */
    private static final List<BsonDocument> END = java.util.Collections.unmodifiableList(new ArrayList<>());

    private FacetTee() {}

    /** Each sub-pipeline's results over {@code first} followed by the rest of {@code input}. */
    static List<BsonArray> run(List<Function<Iterator<BsonDocument>, Iterator<BsonDocument>>> pipelines,
            List<BsonDocument> first, Iterator<BsonDocument> input) {
        List<Consumer> consumers = new ArrayList<>();
        List<Future<BsonArray>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var pipeline : pipelines) {
                Consumer consumer = new Consumer();
                consumers.add(consumer);
                results.add(threads.submit(() -> {
                    BsonArray out = new BsonArray();
                    pipeline.apply(consumer).forEachRemaining(out::add);
                    return out;
                }));
            }
            try {
                List<BsonDocument> batch = first;
                while (true) {
                    for (int i = 0; i < consumers.size(); i++) {
                        hand(consumers.get(i), results.get(i), batch);
                    }
                    if (batch == END) {
                        break;
                    }
                    batch = batch(input);
                }
                List<BsonArray> out = new ArrayList<>();
                for (Future<BsonArray> result : results) {
                    out.add(result.get());
                }
                return out;
            } catch (ExecutionException e) {
                results.forEach(r -> r.cancel(true));
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                results.forEach(r -> r.cancel(true));
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running $facet", e);
            } catch (RuntimeException | Error e) { // the input failed: the sub-pipelines waiting for it must end too
                results.forEach(r -> r.cancel(true));
                throw e;
            }
        }
    }

    /** Gives the batch to a sub-pipeline once it asks for more; a finished one takes nothing (its failure is thrown). */
    private static void hand(Consumer consumer, Future<BsonArray> result, List<BsonDocument> batch)
            throws InterruptedException, ExecutionException {
        while (!consumer.batches.offer(batch, 10, TimeUnit.MILLISECONDS)) {
            if (result.isDone()) {
                result.get();
                return;
            }
        }
    }

    /** The next documents of the input up to 100 MiB (at least one, if any is left); the end marker when none is. */
    static List<BsonDocument> batch(Iterator<BsonDocument> input) {
        if (!input.hasNext()) {
            return END;
        }
        List<BsonDocument> batch = new ArrayList<>();
        long bytes = 0;
        while (input.hasNext() && bytes < MemoryLimit.BYTES) {
            BsonDocument d = input.next();
            batch.add(d);
            bytes += MemoryLimit.sizeOf(d);
        }
        return batch;
    }

    /** One sub-pipeline's input: the batches as they are handed over, until the empty one. */
    private static final class Consumer implements Iterator<BsonDocument> {
        private final SynchronousQueue<List<BsonDocument>> batches = new SynchronousQueue<>();
        private List<BsonDocument> current = List.of();
        private int at;
        private boolean ended;

        @Override
        public boolean hasNext() {
            while (!ended && at == current.size()) {
                try {
                    current = batches.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("$facet was abandoned", e);
                }
                at = 0;
                ended = current == END;
            }
            return !ended;
        }

        @Override
        public BsonDocument next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.get(at++);
        }
    }
}
