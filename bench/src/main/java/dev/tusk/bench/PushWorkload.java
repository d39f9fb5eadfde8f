package dev.tusk.bench;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.push;

import com.mongodb.client.result.UpdateResult;
import java.util.SplittableRandom;
import org.bson.BsonArray;
import org.bson.BsonString;

/**
 * updateOne by `_id` that Tusk runs as a read-modify-write in Java (two round trips: read the row,
 * then write it if unchanged): $push of a word onto `tags`, uniformly random keys. The limit: one
 * UPDATE appending to the jsonb array.
 */
final class PushWorkload extends TimedWorkload {
    static final String SQL = "UPDATE " + Targets.LIMIT_TABLE
            + " SET doc = jsonb_set(doc, '{tags}', (doc->'tags') || to_jsonb(?::text)) WHERE id = ?";

    PushWorkload(int threads) {
        super("push-" + threads, threads);
    }

    @Override
    public String title() {
        return "updateOne by _id ($push, read-modify-write), " + threads() + " threads";
    }

    @Override
    public String tuskOperation() {
        return "updateOne({_id: <key>}, {$push: {tags: <8 chars>}})";
    }

    @Override
    public String limitOperation() {
        return SQL;
    }

    @Override
    Operation operation(Side side, Targets t, SplittableRandom rnd) {
        return side == Side.TUSK
                ? () -> tuskPush(t, randomKey(t, rnd), DocumentGenerator.text(rnd, 8))
                : () -> limitPush(t, randomKey(t, rnd), DocumentGenerator.text(rnd, 8));
    }

    static void tuskPush(Targets t, String key, String word) {
        UpdateResult r = t.tusk.updateOne(eq("_id", key), push("tags", word));
        if (r.getMatchedCount() != 1) {
            throw new AssertionError("tusk: updateOne matched " + r.getMatchedCount() + " for " + key);
        }
    }

    static void limitPush(Targets t, String key, String word) throws Exception {
        UpdateWorkload.updateOneRow(t, SQL, word, key);
    }

    /**
     * One push onto the same document on both sides: the tags arrays stay equal and end with the word
     * (the rest of the document may differ: earlier update phases change counter and field1 by different
     * amounts on each side).
     */
    @Override
    public Verification verify(Targets t) throws Exception {
        String key = DocumentGenerator.key(t.config.docs() / 2 + 1);
        tuskPush(t, key, "verified");
        limitPush(t, key, "verified");
        BsonArray tusk = Documents.tusk(t, key).orElseThrow().getArray("tags");
        BsonArray limit = Documents.limit(t, key).orElseThrow().getArray("tags");
        if (!tusk.equals(limit) || !tusk.get(tusk.size() - 1).equals(new BsonString("verified"))) {
            return Verification.different(key + " tags after one $push: tusk " + tusk + ", limit " + limit);
        }
        return Verification.same("one $push onto " + key + " on each side: equal tags, the word last");
    }
}
