package dev.tusk.wire;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.xerial.snappy.Snappy;

/**
 * The four wire compressors as byte-array transforms. Decompression writes into a buffer of the
 * size the message declared and fails unless the output is exactly that long, so a hostile
 * stream cannot make it allocate more than {@link WireLimits#MAX_MESSAGE_SIZE_BYTES}.
 */
final class CompressionCodec {
    private static final int ZLIB_LEVEL = 6;
    private static final int ZSTD_LEVEL = Zstd.defaultCompressionLevel();

    private CompressionCodec() {}

    static byte[] compress(Compressor compressor, byte[] src, int offset, int length) {
        try {
            return switch (compressor) {
                case NOOP -> Arrays.copyOfRange(src, offset, offset + length);
                case SNAPPY -> {
                    byte[] out = new byte[Snappy.maxCompressedLength(length)];
                    int n = Snappy.compress(src, offset, length, out, 0);
                    yield Arrays.copyOf(out, n);
                }
                case ZLIB -> deflate(src, offset, length);
                case ZSTD -> {
                    byte[] out = new byte[(int) Zstd.compressBound(length)];
                    long n = Zstd.compressByteArray(out, 0, out.length, src, offset, length, ZSTD_LEVEL);
                    if (Zstd.isError(n)) {
                        throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(n));
                    }
                    yield Arrays.copyOf(out, (int) n);
                }
            };
        } catch (IOException e) {
            throw new IllegalStateException(compressor.wireName() + " compression failed", e);
        }
    }

    /** Decompresses into {@code dst[dstOffset, dstOffset + expectedLength)}, which it must fill exactly. */
    static void decompress(Compressor compressor, byte[] src, byte[] dst, int dstOffset, int expectedLength) {
        int produced;
        try {
            produced = switch (compressor) {
                case NOOP -> {
                    System.arraycopy(src, 0, dst, dstOffset, Math.min(src.length, expectedLength));
                    yield src.length;
                }
                case SNAPPY -> {
                    // snappy writes as many bytes as its own header says: check that first
                    int declared = Snappy.uncompressedLength(src);
                    if (declared != expectedLength) {
                        yield declared;
                    }
                    yield Snappy.uncompress(src, 0, src.length, dst, dstOffset);
                }
                case ZLIB -> inflate(src, dst, dstOffset, expectedLength);
                case ZSTD -> {
                    long n = Zstd.decompressByteArray(dst, dstOffset, expectedLength, src, 0, src.length);
                    if (Zstd.isError(n)) {
                        throw new MalformedMessageException("zstd: " + Zstd.getErrorName(n));
                    }
                    yield (int) n;
                }
            };
        } catch (IOException | DataFormatException e) {
            throw new MalformedMessageException(compressor.wireName() + " data is corrupt", e);
        } catch (MalformedMessageException e) {
            throw e;
        } catch (RuntimeException e) { // e.g. ZstdException
            throw new MalformedMessageException(compressor.wireName() + " data is corrupt", e);
        }
        if (produced != expectedLength) {
            throw new MalformedMessageException(compressor.wireName() + " data does not decompress to "
                    + expectedLength + " bytes (uncompressedSize)");
        }
    }

    private static byte[] deflate(byte[] src, int offset, int length) {
        Deflater deflater = new Deflater(ZLIB_LEVEL);
        try {
            deflater.setInput(src, offset, length);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 2));
            byte[] chunk = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static int inflate(byte[] src, byte[] dst, int dstOffset, int expectedLength)
            throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(src);
            byte[] probe = new byte[1];
            int produced = 0;
            while (!inflater.finished()) {
                // once the declared size is reached, the stream may only end
                boolean full = produced == expectedLength;
                int n = full ? inflater.inflate(probe)
                        : inflater.inflate(dst, dstOffset + produced, expectedLength - produced);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new MalformedMessageException("zlib data is truncated");
                }
                if (full && n > 0) {
                    return expectedLength + 1;
                }
                produced += n;
            }
            return produced;
        } finally {
            inflater.end();
        }
    }
}
