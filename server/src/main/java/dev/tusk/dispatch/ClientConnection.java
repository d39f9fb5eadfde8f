package dev.tusk.dispatch;

import dev.tusk.wire.Compressor;
import dev.tusk.wire.ConnectionState;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;

/** The state of one client connection. Mutated only by that connection's own request thread. */
public final class ClientConnection implements ConnectionState {
    private final long id;
    private final String remoteAddress;
    private final String localAddress;
    private volatile List<Compressor> compressors = List.of();
    private volatile Optional<BsonDocument> clientMetadata = Optional.empty();

    public ClientConnection(long id, String remoteAddress, String localAddress) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.localAddress = localAddress;
    }

    @Override
    public long connectionId() {
        return id;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    public String localAddress() {
        return localAddress;
    }

    @Override
    public List<Compressor> negotiatedCompressors() {
        return compressors;
    }

    @Override
    public void setNegotiatedCompressors(List<Compressor> compressors) {
        this.compressors = List.copyOf(compressors);
    }

    public Optional<BsonDocument> clientMetadata() {
        return clientMetadata;
    }

    /** The handshake's client metadata is accepted once per connection, as MongoDB does. */
    public void setClientMetadata(BsonDocument metadata) {
        this.clientMetadata = Optional.of(metadata);
    }
}
