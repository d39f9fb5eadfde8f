package dev.tusk.wire;

import org.bson.BsonDocument;

/**
 * What the wire layer hands decoded requests to. Called on the connection's own thread, one request at a time
 * per connection (so replies keep request order); may block on JDBC.
 */
public interface CommandExecutor {
    /** A new client connection was accepted. */
    ConnectionState open(String remoteAddress, String localAddress);

    /**
     * Runs one command and returns its reply body (an {ok: 0} error reply instead of throwing). The
     * reply may contain RawBsonDocument values, which are written to the socket byte for byte.
     */
    BsonDocument execute(WireRequest request, ConnectionState connection);

    /** The connection closed (by the client, by an error, or at shutdown); release its cursors etc. */
    void close(ConnectionState connection);
}
