package dev.tusk.it.spec;

import static dev.tusk.it.spec.Operations.Kind.CLIENT;
import static dev.tusk.it.spec.Operations.Kind.COLLECTION;
import static dev.tusk.it.spec.Operations.Kind.CURSOR;
import static dev.tusk.it.spec.Operations.Kind.DATABASE;
import static dev.tusk.it.spec.ReadOps.coll;

import com.mongodb.client.ChangeStreamIterable;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.client.model.changestream.FullDocumentBeforeChange;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonNull;

/** Cursor entities (find cursors and change streams): create, iterate, close. */
final class CursorOps {
    private CursorOps() {}

    static void register(Operations t) {
        t.add(CURSOR, "iterateUntilDocumentOrError", (c, a, cx) -> cursor(c).cursor().next());
        t.add(CURSOR, "iterateOnce", (c, a, cx) -> {
            BsonDocument d = cursor(c).cursor().tryNext();
            return d == null ? BsonNull.VALUE : d;
        });
        t.add(CURSOR, "close", (c, a, cx) -> {
            cursor(c).cursor().close();
            return null;
        });
        t.add(CLIENT, "createChangeStream", (c, a, cx) -> {
            ClientSession s = a.session();
            List<BsonDocument> p = pipeline(a);
            var client = ((ClientEntity) c).client();
            return changeStream(s == null ? client.watch(p, BsonDocument.class) : client.watch(s, p, BsonDocument.class), a);
        });
        t.add(DATABASE, "createChangeStream", (d, a, cx) -> {
            ClientSession s = a.session();
            List<BsonDocument> p = pipeline(a);
            MongoDatabase db = (MongoDatabase) d;
            return changeStream(s == null ? db.watch(p, BsonDocument.class) : db.watch(s, p, BsonDocument.class), a);
        });
        t.add(COLLECTION, "createChangeStream", (c, a, cx) -> {
            ClientSession s = a.session();
            List<BsonDocument> p = pipeline(a);
            return changeStream(s == null ? coll(c).watch(p) : coll(c).watch(s, p), a);
        });
    }

    private static EntityMap.CursorEntity cursor(Object target) {
        return (EntityMap.CursorEntity) target;
    }

    private static List<BsonDocument> pipeline(Args a) {
        return a.has("pipeline") ? a.docs("pipeline") : List.of();
    }

    private static EntityMap.CursorEntity changeStream(ChangeStreamIterable<BsonDocument> it, Args a) {
        a.ifPresent("batchSize", v -> it.batchSize(v.asNumber().intValue()));
        a.ifPresent("comment", it::comment);
        a.ifPresent("fullDocument", v -> it.fullDocument(FullDocument.fromString(v.asString().getValue())));
        a.ifPresent("fullDocumentBeforeChange", v -> it.fullDocumentBeforeChange(
                FullDocumentBeforeChange.fromString(v.asString().getValue())));
        a.ifPresent("showExpandedEvents", v -> it.showExpandedEvents(v.asBoolean().getValue()));
        a.ifPresent("resumeAfter", v -> it.resumeAfter(v.asDocument()));
        a.ifPresent("startAfter", v -> it.startAfter(v.asDocument()));
        a.ifPresent("maxAwaitTimeMS", v -> it.maxAwaitTime(v.asNumber().longValue(), TimeUnit.MILLISECONDS));
        a.checkAllUsed();
        return new EntityMap.CursorEntity("", it.withDocumentClass(BsonDocument.class).cursor());
    }
}
