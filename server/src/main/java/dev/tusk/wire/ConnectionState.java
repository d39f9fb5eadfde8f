package dev.tusk.wire;

import java.util.List;

/**
 * Per-connection state shared between the wire layer and command handlers.
 */
public interface ConnectionState {
    long connectionId();

    String remoteAddress();

    /** Compressors agreed in the handshake (the intersection of the client's list and ours). */
    List<Compressor> negotiatedCompressors();

    void setNegotiatedCompressors(List<Compressor> compressors);
}
