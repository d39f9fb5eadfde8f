package dev.tusk.wire;

import java.util.Optional;

/** The wire compressors Tusk speaks, with their OP_COMPRESSED ids and the names used in hello. */
public enum Compressor {
    NOOP(0, "noop"),
    SNAPPY(1, "snappy"),
    ZLIB(2, "zlib"),
    ZSTD(3, "zstd");

    private final int id;
    private final String wireName;

    Compressor(int id, String wireName) {
        this.id = id;
        this.wireName = wireName;
    }

    public int id() {
        return id;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Compressor> byId(int id) {
        for (Compressor c : values()) {
            if (c.id == id) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public static Optional<Compressor> byName(String name) {
        for (Compressor c : values()) {
            if (c.wireName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
