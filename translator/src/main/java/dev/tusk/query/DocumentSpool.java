package dev.tusk.query;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.bson.BsonDocument;

/**
 * Documents kept in arrival order to be read again, by position or from the start as often as
 * needed (a $facet's input for each sub-pipeline, a $setWindowFields partition): in memory up to a
 * budget, past it all of them in a temporary file (when disk use is allowed; otherwise the caller's
 * error, 292), deleted on {@link #close()}. Documents read back from the file are RawBsonDocuments.
 */
public final class DocumentSpool implements AutoCloseable {
    private static final int IO_BUFFER_BYTES = 64 * 1024;

    private final long budgetBytes;
    private final boolean mayUseDisk;
    private final ToLongFunction<BsonDocument> size;
    private final Supplier<? extends RuntimeException> overBudget;
    private final Path directory;
    private List<BsonDocument> memory = new ArrayList<>();
    private long memoryBytes;
    private Path file;
    private FileChannel channel;
    private OutputStream out;
    private long[] offsets = new long[0];
    private int spilled;
    private long written;

    public DocumentSpool(long budgetBytes, boolean mayUseDisk, ToLongFunction<BsonDocument> size,
            Supplier<? extends RuntimeException> overBudget) {
        this(budgetBytes, mayUseDisk, size, overBudget, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A spool that spills into {@code directory}. */
    public DocumentSpool(long budgetBytes, boolean mayUseDisk, ToLongFunction<BsonDocument> size,
            Supplier<? extends RuntimeException> overBudget, Path directory) {
        this.budgetBytes = budgetBytes;
        this.mayUseDisk = mayUseDisk;
        this.size = size;
        this.overBudget = overBudget;
        this.directory = directory;
    }

    public void add(BsonDocument d) {
        if (file != null) {
            append(d);
            return;
        }
        memoryBytes += size.applyAsLong(d);
        memory.add(d);
        if (memoryBytes > budgetBytes) {
            if (!mayUseDisk) {
                close();
                throw overBudget.get();
            }
            spill();
        }
    }

    public int size() {
        return file != null ? spilled : memory.size();
    }

    /** Whether the documents went to a file. */
    public boolean spilled() {
        return file != null;
    }

    public BsonDocument get(int i) {
        if (file == null) {
            return memory.get(i);
        }
        if (i < 0 || i >= spilled) {
            throw new IndexOutOfBoundsException(i);
        }
        try {
            out.flush();
            long from = offsets[i];
            int length = (int) ((i + 1 < spilled ? offsets[i + 1] : written) - from);
            ByteBuffer bytes = ByteBuffer.allocate(length);
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, from + bytes.position()) < 0) {
                    throw new java.io.EOFException("truncated spill file");
                }
            }
            return SpillFormat.read(new ByteArrayInputStream(bytes.array()));
        } catch (IOException e) {
            close();
            throw SpillFormat.failed("reading spilled documents", e);
        }
    }

    /** A read-only view by position (reads from the file once spilled). */
    public List<BsonDocument> asList() {
        return new AbstractList<>() {
            @Override
            public BsonDocument get(int index) {
                return DocumentSpool.this.get(index);
            }

            @Override
            public int size() {
                return DocumentSpool.this.size();
            }
        };
    }

    private void spill() {
        try {
            file = Files.createTempFile(directory, "tusk-spool-", ".bson");
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            out = new BufferedOutputStream(Channels.newOutputStream(channel), IO_BUFFER_BYTES);
        } catch (IOException e) {
            close();
            throw SpillFormat.failed("creating a spill file", e);
        }
        List<BsonDocument> held = memory;
        memory = new ArrayList<>();
        memoryBytes = 0;
        held.forEach(this::append);
    }

    private void append(BsonDocument d) {
        if (spilled == offsets.length) {
            offsets = Arrays.copyOf(offsets, Math.max(1024, offsets.length * 2));
        }
        offsets[spilled++] = written;
        try {
            written += SpillFormat.write(out, d);
        } catch (IOException e) {
            close();
            throw SpillFormat.failed("writing spilled documents", e);
        }
    }

    /** Forgets the documents and deletes the file (idempotent). */
    @Override
    public void close() {
        memory = new ArrayList<>();
        memoryBytes = 0;
        if (file == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // deleted next; nothing else holds it
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temp file must not fail the query; the OS cleans its temp directory
        }
        file = null;
        channel = null;
        out = null;
        offsets = new long[0];
        spilled = 0;
        written = 0;
    }
}
