package dev.tusk.bench;

import static com.mongodb.client.model.Filters.eq;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;

/** Reads one document from either side as a BsonDocument, for comparing the two (not timed). */
final class Documents {
    static final String LIMIT_BY_ID = "SELECT doc::text FROM " + Targets.LIMIT_TABLE + " WHERE id = ?";

    private Documents() {}

    static Optional<BsonDocument> tusk(Targets t, String key) {
        RawBsonDocument raw = t.tusk.find(eq("_id", key)).first();
        return Optional.ofNullable(raw).map(r -> new BsonDocumentCodec().decode(r.asBsonReader(), DecoderContext.builder().build()));
    }

    static Optional<BsonDocument> limit(Targets t, String key) throws SQLException {
        try (Connection c = t.limit.getConnection(); PreparedStatement ps = c.prepareStatement(LIMIT_BY_ID)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(BsonDocument.parse(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** Field order aside (jsonb sorts keys), the same document on both sides; empty when they are. */
    static Optional<String> difference(Targets t, String key) throws SQLException {
        Optional<BsonDocument> a = tusk(t, key);
        Optional<BsonDocument> b = limit(t, key);
        if (a.equals(b)) {
            return Optional.empty();
        }
        return Optional.of(key + ": tusk " + a.map(BsonDocument::toJson).orElse("missing") + " vs limit "
                + b.map(BsonDocument::toJson).orElse("missing"));
    }
}
