package dev.tusk.command;

import dev.tusk.cursor.DocumentSource;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.error.ErrorCode;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

/** Cursor replies ({cursor: {firstBatch|nextBatch, id, ns}}) and batch sizing, shared by cursor commands. */
final class Cursors {
    /** MongoDB's default first batch: 101 documents. */
    static final int DEFAULT_FIRST_BATCH = 101;
    /** A batch stops growing at 16 MiB of documents, so the reply fits a message. */
    static final long MAX_BATCH_BYTES = 16L * 1024 * 1024;

    private Cursors() {}

    /** The batch size from {cursor: {batchSize}} (aggregate, listCollections...). */
    static int batchSize(CommandArgs args) {
        return args.document("cursor").map(c -> {
            var v = c.get("batchSize");
            if (v == null) {
                return DEFAULT_FIRST_BATCH;
            }
            if (!v.isNumber()) {
                throw ErrorCode.TYPE_MISMATCH.error("BSON field 'cursor.batchSize' is the wrong type '%s', expected types '[long, int, decimal, double]'",
                        dev.tusk.bson.BsonText.typeName(v));
            }
            long n = v.asNumber().longValue();
            if (n < 0) {
                throw ErrorCode.LOCATION_51024.error("BSON field 'batchSize' value must be >= 0, actual value '%d'", n);
            }
            return (int) Math.min(n, Integer.MAX_VALUE);
        }).orElse(DEFAULT_FIRST_BATCH);
    }

    /** Takes the first batch; registers a cursor only if documents remain (and singleBatch is false). */
    static BsonDocument firstBatchReply(CommandContext cx, String ns, DocumentSource source, int batchSize) {
        return firstBatchReply(cx, ns, source, batchSize, false);
    }

    static BsonDocument firstBatchReply(CommandContext cx, String ns, DocumentSource source, int batchSize,
            boolean singleBatch) {
        List<BsonDocument> batch = source.next(batchSize, MAX_BATCH_BYTES);
        long id = 0;
        if (!singleBatch && !source.exhausted()) {
            id = cx.cursors().register(ns, source, dev.tusk.dispatch.Operations.currentSession());
        } else {
            source.close();
        }
        return reply("firstBatch", batch, id, ns);
    }

    static BsonDocument reply(String batchField, List<BsonDocument> batch, long id, String ns) {
        BsonArray array = new BsonArray(batch.size());
        array.addAll(batch);
        return Replies.ok(new BsonDocument("cursor", new BsonDocument(batchField, array)
                .append("id", new BsonInt64(id))
                .append("ns", new BsonString(ns))));
    }
}
