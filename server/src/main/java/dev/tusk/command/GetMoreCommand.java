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
        checkSession(id, cursor.session(), request.generic().lsid().map(l -> l.get("id")));
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

    /** As MongoDB: a cursor is continued in the session it was opened in (50736, 50737, 50738). */
    private static void checkSession(long id, java.util.Optional<org.bson.BsonValue> opened, java.util.Optional<org.bson.BsonValue> now) {
        if (now.isPresent() && opened.isEmpty()) {
            throw ErrorCode.LOCATION_50736.error("Cannot run getMore on cursor %d, which was not created in a session, in session %s",
                    id, sessionText(now.get()));
        }
        if (now.isEmpty() && opened.isPresent()) {
            throw ErrorCode.LOCATION_50737.error("Cannot run getMore on cursor %d, which was created in session %s, without an lsid",
                    id, sessionText(opened.get()));
        }
        if (now.isPresent() && !now.equals(opened)) {
            throw ErrorCode.LOCATION_50738.error("Cannot run getMore on cursor %d, which was created in session %s, in session %s",
                    id, sessionText(opened.get()), sessionText(now.get()));
        }
    }

    /** A session id as MongoDB prints one: its UUID and the (unauthenticated) user's uid. */
    private static String sessionText(org.bson.BsonValue id) {
        String uuid = id.isBinary() && id.asBinary().getType() == 4 && id.asBinary().getData().length == 16
                ? id.asBinary().asUuid().toString() : String.valueOf(id);
        return "{ id: UUID(\"" + uuid + "\"), uid: BinData(0, E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855) }";
    }
}
