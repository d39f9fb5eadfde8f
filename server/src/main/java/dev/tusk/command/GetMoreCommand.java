package dev.tusk.command;

import dev.tusk.cursor.OpenCursor;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.TailableScan;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** getMore: the next batch of an open cursor. */
final class GetMoreCommand implements Command {
    @Override
    public String name() {
        return "getMore";
    }

    @Override
    public String help() {
        return "retrieve more documents from an open cursor";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        BsonValue idValue = request.commandValue();
        if (!idValue.isInt64()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'getMore.getMore' is the wrong type '%s', expected type 'long'",
                    BsonText.typeName(idValue));
        }
        CommandArgs args = new CommandArgs(request, Set.of("collection", "batchSize", "term", "lastKnownCommittedOpTime"));
        String collection = args.string("collection").orElseThrow(() ->
                ErrorCode.FAILED_TO_PARSE.error("BSON field 'getMore.collection' is missing but a required field"));
        long batchSize = args.nonNegative("batchSize", 0);
        long id = idValue.asInt64().getValue();
        OpenCursor cursor = cx.cursors().get(id)
                .orElseThrow(() -> ErrorCode.CURSOR_NOT_FOUND.error("cursor id %d not found", id));
        String ns = request.database() + "." + collection;
        if (!cursor.namespace().equals(ns) && !cursor.namespace().startsWith(request.database() + ".$cmd")) {
            throw ErrorCode.UNAUTHORIZED.error("Requested getMore on namespace '%s', but cursor belongs to a different namespace %s",
                    ns, cursor.namespace());
        }
        boolean awaitData = cursor.source() instanceof TailableScan t && t.awaitsData();
        if (request.generic().maxTimeMS().isPresent() && !awaitData) {
            throw ErrorCode.BAD_VALUE.error("cannot set maxTimeMS on getMore command for a non-awaitData cursor");
        }
        if (!cursor.lock().tryLock()) {
            throw ErrorCode.CURSOR_IN_USE.error("Cursor id %d is already in use", id);
        }
        try {
            int maxDocs = batchSize == 0 ? Integer.MAX_VALUE : (int) Math.min(batchSize, Integer.MAX_VALUE);
            List<BsonDocument> batch = cursor.source().next(maxDocs, Cursors.MAX_BATCH_BYTES);
            if (awaitData) {
                batch = AwaitData.untilDocuments(cursor.source(), batch, maxDocs,
                        TailableFind.awaitMillis(request.generic().maxTimeMS()));
            }
            long replyId = id;
            if (cursor.source().exhausted()) {
                cx.cursors().kill(id);
                replyId = 0;
            }
            return Cursors.reply("nextBatch", batch, replyId, cursor.namespace());
        } finally {
            cursor.lock().unlock();
        }
    }
}
