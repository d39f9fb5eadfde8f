package dev.tusk.bench;

import static com.mongodb.client.model.Filters.eq;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.SplittableRandom;
import org.bson.RawBsonDocument;

/**
 * Point read by `_id`, uniformly random keys. Tusk: find({_id}).first() into a RawBsonDocument (no
 * client-side decoding); the limit: SELECT doc by primary key, read as text (no JSON parsing).
 */
final class PointReadWorkload extends TimedWorkload {
    static final String SQL = "SELECT doc FROM " + Targets.LIMIT_TABLE + " WHERE id = ?";

    PointReadWorkload(int threads) {
        super("point-read-" + threads, threads);
    }

    @Override
    public String title() {
        return "point read by _id, " + threadsLabel();
    }

    @Override
    public String tuskOperation() {
        return "find({_id: <key>}).first()";
    }

    @Override
    public String limitOperation() {
        return SQL;
    }

    @Override
    Operation operation(Side side, Targets t, SplittableRandom rnd) {
        return side == Side.TUSK ? () -> tuskRead(t, randomKey(t, rnd)) : () -> limitRead(t, randomKey(t, rnd));
    }

    static void tuskRead(Targets t, String key) {
        RawBsonDocument d = t.tusk.find(eq("_id", key)).first();
        if (d == null) {
            throw new AssertionError("tusk: no document " + key);
        }
    }

    static void limitRead(Targets t, String key) throws Exception {
        try (Connection c = t.limit.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    throw new AssertionError("limit: no document " + key);
                }
            }
        }
    }

    @Override
    public Verification verify(Targets t) throws Exception {
        SplittableRandom rnd = new SplittableRandom(t.config.seed());
        for (int i = 0; i < 5; i++) {
            Optional<String> diff = Documents.difference(t, randomKey(t, rnd));
            if (diff.isPresent()) {
                return Verification.different(diff.get());
            }
        }
        return Verification.same("5 random documents read by _id equal on both sides");
    }
}
