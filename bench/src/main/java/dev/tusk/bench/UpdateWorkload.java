package dev.tusk.bench;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.result.UpdateResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Optional;
import java.util.SplittableRandom;
import org.bson.BsonDocument;

/**
 * updateOne by `_id`: $set of field1 (a new 80-letter string) and $inc of counter, uniformly random
 * keys. The limit: one UPDATE with two nested jsonb_set calls.
 */
final class UpdateWorkload extends TimedWorkload {
    static final String SQL = "UPDATE " + Targets.LIMIT_TABLE
            + " SET doc = jsonb_set(jsonb_set(doc, '{field1}', to_jsonb(?::text)),"
            + " '{counter}', to_jsonb((doc->>'counter')::bigint + 1)) WHERE id = ?";

    UpdateWorkload(int threads) {
        super("update-" + threads, threads);
    }

    @Override
    public String title() {
        return "updateOne by _id ($set + $inc), " + threads() + " threads";
    }

    @Override
    public String tuskOperation() {
        return "updateOne({_id: <key>}, {$set: {field1: <80 chars>}, $inc: {counter: 1}})";
    }

    @Override
    public String limitOperation() {
        return SQL;
    }

    @Override
    Operation operation(Side side, Targets t, SplittableRandom rnd) {
        return side == Side.TUSK
                ? () -> tuskUpdate(t, randomKey(t, rnd), DocumentGenerator.text(rnd, DocumentGenerator.FIELD_LENGTH))
                : () -> limitUpdate(t, randomKey(t, rnd), DocumentGenerator.text(rnd, DocumentGenerator.FIELD_LENGTH));
    }

    static void tuskUpdate(Targets t, String key, String value) {
        UpdateResult r = t.tusk.updateOne(eq("_id", key), combine(set("field1", value), inc("counter", 1)));
        if (r.getMatchedCount() != 1) {
            throw new AssertionError("tusk: updateOne matched " + r.getMatchedCount() + " for " + key);
        }
    }

    static void limitUpdate(Targets t, String key, String value) throws Exception {
        updateOneRow(t, SQL, value, key);
    }

    /** Runs a limit UPDATE whose parameters are (value, key) on a pooled connection; it must touch one row. */
    static void updateOneRow(Targets t, String sql, String value, String key) throws Exception {
        try (Connection c = t.limit.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            ps.setString(2, key);
            int n = ps.executeUpdate();
            if (n != 1) {
                throw new AssertionError("limit: UPDATE touched " + n + " rows for " + key);
            }
        }
    }

    /** One update of the same document on both sides: the counter goes up by one and the documents stay equal. */
    @Override
    public Verification verify(Targets t) throws Exception {
        String key = DocumentGenerator.key(t.config.docs() / 2);
        int before = Documents.tusk(t, key).orElseThrow().getInt32("counter").getValue();
        tuskUpdate(t, key, "verified");
        limitUpdate(t, key, "verified");
        Optional<String> diff = Documents.difference(t, key);
        if (diff.isPresent()) {
            return Verification.different(diff.get());
        }
        BsonDocument after = Documents.tusk(t, key).orElseThrow();
        if (after.getInt32("counter").getValue() != before + 1 || !after.getString("field1").getValue().equals("verified")) {
            return Verification.different(key + " after one update: " + after.toJson());
        }
        return Verification.same("one update of " + key + " on each side: counter +1, field1 set, documents equal");
    }
}
