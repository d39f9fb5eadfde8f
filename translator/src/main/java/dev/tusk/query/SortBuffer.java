package dev.tusk.query;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.bson.BsonDocument;

/**
 * A blocking, stable sort within a memory budget. Past the budget MongoDB 7.0 spills sorted runs to
 * disk and merges them (allowDiskUse, on unless a command sets it false); so does this, with each run
 * a file of BSON documents in the temporary directory, deleted once merged or when the buffer is
 * closed. Without disk use, going past the budget throws the caller's error (292).
 */
public final class SortBuffer implements AutoCloseable {
    private static final int IO_BUFFER_BYTES = 64 * 1024;

    private final Comparator<BsonDocument> order;
    private final long budgetBytes;
    private final boolean mayUseDisk;
    private final ToLongFunction<BsonDocument> size;
    private final Supplier<? extends RuntimeException> overBudget;
    private final Path directory;
    private final List<Path> runs = new ArrayList<>();
    private final List<RunReader> readers = new ArrayList<>();
    private List<BsonDocument> buffer = new ArrayList<>();
    private long buffered;

    public SortBuffer(Comparator<BsonDocument> order, long budgetBytes, boolean mayUseDisk, ToLongFunction<BsonDocument> size,
            Supplier<? extends RuntimeException> overBudget) {
        this(order, budgetBytes, mayUseDisk, size, overBudget, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A buffer that spills into {@code directory}. */
    public SortBuffer(Comparator<BsonDocument> order, long budgetBytes, boolean mayUseDisk, ToLongFunction<BsonDocument> size,
            Supplier<? extends RuntimeException> overBudget, Path directory) {
        this.directory = directory;
        this.order = order;
        this.budgetBytes = budgetBytes;
        this.mayUseDisk = mayUseDisk;
        this.size = size;
        this.overBudget = overBudget;
    }

    public void add(BsonDocument document) {
        buffer.add(document);
        buffered += size.applyAsLong(document);
        if (buffered > budgetBytes) {
            if (!mayUseDisk) {
                close();
                throw overBudget.get();
            }
            spill();
        }
    }

    /** How many sorted runs went to disk so far. */
    public int spilledRuns() {
        return runs.size();
    }

    /**
     * Everything added, in order (documents that compare equal in the order they were added). Once
     * runs were spilled, documents come back as RawBsonDocuments and the files go when the iterator
     * ends.
     */
    public Iterator<BsonDocument> sorted() {
        if (runs.isEmpty()) {
            List<BsonDocument> all = buffer;
            buffer = new ArrayList<>();
            all.sort(order);
            return all.iterator();
        }
        if (!buffer.isEmpty()) {
            spill();
        }
        try {
            for (Path run : runs) {
                readers.add(new RunReader(readers.size(), new BufferedInputStream(Files.newInputStream(run), IO_BUFFER_BYTES)));
            }
        } catch (IOException e) {
            close();
            throw failed("reading a sorted run", e);
        }
        return new Merge();
    }

    /** Deletes the spilled runs (idempotent). */
    @Override
    public void close() {
        for (RunReader r : readers) {
            r.close();
        }
        readers.clear();
        for (Path run : runs) {
            try {
                Files.deleteIfExists(run);
            } catch (IOException e) {
                // a leftover temp file must not fail the query; the OS cleans its temp directory
            }
        }
        runs.clear();
        buffer = new ArrayList<>();
        buffered = 0;
    }

    /**
     * Writes documents that already come in this buffer's order as one more run, after whatever was
     * added before: how a spilling $group writes its partial groups without holding them twice.
     */
    public void addRun(Iterator<? extends BsonDocument> inOrder) {
        if (!mayUseDisk) {
            throw new IllegalStateException("a buffer without disk use writes no runs");
        }
        if (!buffer.isEmpty()) {
            spill();
        }
        writeRun(inOrder);
    }

    private void spill() {
        buffer.sort(order);
        writeRun(buffer.iterator());
        buffer = new ArrayList<>();
        buffered = 0;
    }

    private void writeRun(Iterator<? extends BsonDocument> documents) {
        Path run;
        try {
            run = Files.createTempFile(directory, "tusk-sort-", ".bson");
        } catch (IOException e) {
            close();
            throw failed("creating a file for a sorted run", e);
        }
        runs.add(run);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(run), IO_BUFFER_BYTES)) {
            while (documents.hasNext()) {
                SpillFormat.write(out, documents.next());
            }
        } catch (IOException e) {
            close();
            throw failed("writing a sorted run", e);
        }
    }

    private static RuntimeException failed(String what, IOException e) {
        return SpillFormat.failed(what, e);
    }

    /** The smallest head of all runs next; on ties the earlier run, which holds the earlier input. */
    private final class Merge implements Iterator<BsonDocument> {
        private final PriorityQueue<RunReader> heads = new PriorityQueue<>((a, b) -> {
            int c = order.compare(a.head, b.head);
            return c != 0 ? c : Integer.compare(a.index, b.index);
        });

        Merge() {
            for (RunReader r : readers) {
                if (r.advance()) {
                    heads.add(r);
                }
            }
            finishIfDone();
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public BsonDocument next() {
            RunReader r = heads.poll();
            if (r == null) {
                throw new NoSuchElementException();
            }
            BsonDocument d = r.head;
            if (r.advance()) {
                heads.add(r);
            }
            finishIfDone();
            return d;
        }

        private void finishIfDone() {
            if (heads.isEmpty()) {
                close();
            }
        }
    }

    /** One run's documents, read one at a time. */
    private final class RunReader {
        final int index;
        private final InputStream in;
        BsonDocument head;

        RunReader(int index, InputStream in) {
            this.index = index;
            this.in = in;
        }

        /** Reads the next document into {@link #head}; false at the end of the run. */
        boolean advance() {
            try {
                head = SpillFormat.read(in);
                return head != null;
            } catch (IOException e) {
                SortBuffer.this.close();
                throw failed("reading a sorted run", e);
            }
        }

        void close() {
            try {
                in.close();
            } catch (IOException e) {
                // the run is deleted next; nothing else holds it
            }
        }
    }
}
