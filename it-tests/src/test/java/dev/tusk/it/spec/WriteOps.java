package dev.tusk.it.spec;

import static dev.tusk.it.spec.Operations.Kind.COLLECTION;
import static dev.tusk.it.spec.ReadOps.coll;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndDeleteOptions;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.InsertOneOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** insert*, update*, replaceOne, delete*, findOneAnd*, bulkWrite. */
final class WriteOps {
    private WriteOps() {}

    static void register(Operations t) {
        t.add(COLLECTION, "insertOne", WriteOps::insertOne);
        t.add(COLLECTION, "insertMany", WriteOps::insertMany);
        t.add(COLLECTION, "updateOne", (c, a, cx) -> update(coll(c), a, true));
        t.add(COLLECTION, "updateMany", (c, a, cx) -> update(coll(c), a, false));
        t.add(COLLECTION, "replaceOne", WriteOps::replaceOne);
        t.add(COLLECTION, "deleteOne", (c, a, cx) -> delete(coll(c), a, true));
        t.add(COLLECTION, "deleteMany", (c, a, cx) -> delete(coll(c), a, false));
        t.add(COLLECTION, "findOneAndUpdate", WriteOps::findOneAndUpdate);
        t.add(COLLECTION, "findOneAndReplace", WriteOps::findOneAndReplace);
        t.add(COLLECTION, "findOneAndDelete", WriteOps::findOneAndDelete);
        t.add(COLLECTION, "bulkWrite", WriteOps::bulkWrite);
    }

    private static Object insertOne(Object c, Args a, OpContext cx) {
        ClientSession s = a.session();
        BsonDocument doc = a.doc("document");
        InsertOneOptions o = new InsertOneOptions();
        a.ifPresent("bypassDocumentValidation", v -> o.bypassDocumentValidation(v.asBoolean().getValue()));
        a.ifPresent("comment", o::comment);
        a.checkAllUsed();
        return Results.of(s == null ? coll(c).insertOne(doc, o) : coll(c).insertOne(s, doc, o));
    }

    private static Object insertMany(Object c, Args a, OpContext cx) {
        ClientSession s = a.session();
        List<BsonDocument> docs = a.docs("documents");
        InsertManyOptions o = new InsertManyOptions();
        a.ifPresent("ordered", v -> o.ordered(v.asBoolean().getValue()));
        a.ifPresent("bypassDocumentValidation", v -> o.bypassDocumentValidation(v.asBoolean().getValue()));
        a.ifPresent("comment", o::comment);
        a.checkAllUsed();
        return Results.of(s == null ? coll(c).insertMany(docs, o) : coll(c).insertMany(s, docs, o));
    }

    private static Object update(MongoCollection<BsonDocument> c, Args a, boolean one) {
        ClientSession s = a.session();
        BsonDocument filter = a.doc("filter");
        BsonValue u = a.req("update");
        var o = WriteModels.update(a);
        a.checkAllUsed();
        if (u.isArray()) {
            List<BsonDocument> p = WriteModels.docs(u);
            return Results.of(one ? (s == null ? c.updateOne(filter, p, o) : c.updateOne(s, filter, p, o))
                    : (s == null ? c.updateMany(filter, p, o) : c.updateMany(s, filter, p, o)));
        }
        BsonDocument d = u.asDocument();
        return Results.of(one ? (s == null ? c.updateOne(filter, d, o) : c.updateOne(s, filter, d, o))
                : (s == null ? c.updateMany(filter, d, o) : c.updateMany(s, filter, d, o)));
    }

    private static Object replaceOne(Object c, Args a, OpContext cx) {
        ClientSession s = a.session();
        BsonDocument filter = a.doc("filter");
        BsonDocument replacement = a.doc("replacement");
        var o = WriteModels.replace(a);
        a.checkAllUsed();
        return Results.of(s == null ? coll(c).replaceOne(filter, replacement, o) : coll(c).replaceOne(s, filter, replacement, o));
    }

    private static Object delete(MongoCollection<BsonDocument> c, Args a, boolean one) {
        ClientSession s = a.session();
        BsonDocument filter = a.doc("filter");
        var o = WriteModels.delete(a);
        a.checkAllUsed();
        return Results.of(one ? (s == null ? c.deleteOne(filter, o) : c.deleteOne(s, filter, o))
                : (s == null ? c.deleteMany(filter, o) : c.deleteMany(s, filter, o)));
    }

    private static Object findOneAndUpdate(Object c, Args a, OpContext cx) {
        ClientSession s = a.session();
        BsonDocument filter = a.doc("filter");
        BsonValue u = a.req("update");
        FindOneAndUpdateOptions o = new FindOneAndUpdateOptions();
        a.ifPresent("projection", v -> o.projection(v.asDocument()));
        a.ifPresent("sort", v -> o.sort(v.asDocument()));
        a.ifPresent("upsert", v -> o.upsert(v.asBoolean().getValue()));
        a.ifPresent("returnDocument", v -> o.returnDocument(returnDocument(v)));
        a.ifPresent("arrayFilters", v -> o.arrayFilters(WriteModels.docs(v)));
        a.ifPresent("bypassDocumentValidation", v -> o.bypassDocumentValidation(v.asBoolean().getValue()));
        a.ifPresent("collation", v -> o.collation(Options.collation(v.asDocument())));
        a.ifPresent("hint", v -> {
            if (v.isString()) {
                o.hintString(v.asString().getValue());
            } else {
                o.hint(v.asDocument());
            }
        });
        a.ifPresent("comment", o::comment);
        a.ifPresent("let", v -> o.let(v.asDocument()));
        a.ifPresent("maxTimeMS", v -> o.maxTime(v.asNumber().longValue(), TimeUnit.MILLISECONDS));
        a.checkAllUsed();
        if (u.isArray()) {
            List<BsonDocument> p = WriteModels.docs(u);
            return Results.orNull(s == null ? coll(c).findOneAndUpdate(filter, p, o) : coll(c).findOneAndUpdate(s, filter, p, o));
        }
        BsonDocument d = u.asDocument();
        return Results.orNull(s == null ? coll(c).findOneAndUpdate(filter, d, o) : coll(c).findOneAndUpdate(s, filter, d, o));
    }

    private static Object findOneAndReplace(Object c, Args a, OpContext cx) {
        ClientSession s = a.session();
        BsonDocument filter = a.doc("filter");
        BsonDocument replacement = a.doc("replacement");
        FindOneAndReplaceOptions o = new FindOneAndReplaceOptions();
        a.ifPresent("projection", v -> o.projection(v.asDocument()));
        a.ifPresent("sort", v -> o.sort(v.asDocument()));
        a.ifPresent("upsert", v -> o.upsert(v.asBoolean().getValue()));
        a.ifPresent("returnDocument", v -> o.returnDocument(returnDocument(v)));
        a.ifPresent("bypassDocumentValidation", v -> o.bypassDocumentValidation(v.asBoolean().getValue()));
        a.ifPresent("collation", v -> o.collation(Options.collation(v.asDocument())));
        a.ifPresent("hint", v -> {
            if (v.isString()) {
                o.hintString(v.asString().getValue());
            } else {
                o.hint(v.asDocument());
            }
        });
        a.ifPresent("comment", o::comment);
        a.ifPresent("let", v -> o.let(v.asDocument()));
        a.ifPresent("maxTimeMS", v -> o.maxTime(v.asNumber().longValue(), TimeUnit.MILLISECONDS));
        a.checkAllUsed();
        return Results.orNull(s == null ? coll(c).findOneAndReplace(filter, replacement, o)
                : coll(c).findOneAndReplace(s, filter, replacement, o));
    }

    private static Object findOneAndDelete(Object c, Args a, OpContext cx) {
        ClientSession s = a.session();
        BsonDocument filter = a.doc("filter");
        FindOneAndDeleteOptions o = new FindOneAndDeleteOptions();
        a.ifPresent("projection", v -> o.projection(v.asDocument()));
        a.ifPresent("sort", v -> o.sort(v.asDocument()));
        a.ifPresent("collation", v -> o.collation(Options.collation(v.asDocument())));
        a.ifPresent("hint", v -> {
            if (v.isString()) {
                o.hintString(v.asString().getValue());
            } else {
                o.hint(v.asDocument());
            }
        });
        a.ifPresent("comment", o::comment);
        a.ifPresent("let", v -> o.let(v.asDocument()));
        a.ifPresent("maxTimeMS", v -> o.maxTime(v.asNumber().longValue(), TimeUnit.MILLISECONDS));
        a.checkAllUsed();
        return Results.orNull(s == null ? coll(c).findOneAndDelete(filter, o) : coll(c).findOneAndDelete(s, filter, o));
    }

    private static Object bulkWrite(Object c, Args a, OpContext cx) {
        ClientSession s = a.session();
        List<WriteModel<BsonDocument>> models = new ArrayList<>();
        for (BsonDocument r : a.docs("requests")) {
            models.add(WriteModels.model(r, cx.entities()));
        }
        BulkWriteOptions o = new BulkWriteOptions();
        a.ifPresent("ordered", v -> o.ordered(v.asBoolean().getValue()));
        a.ifPresent("bypassDocumentValidation", v -> o.bypassDocumentValidation(v.asBoolean().getValue()));
        a.ifPresent("comment", o::comment);
        a.ifPresent("let", v -> o.let(v.asDocument()));
        a.checkAllUsed();
        return Results.of(s == null ? coll(c).bulkWrite(models, o) : coll(c).bulkWrite(s, models, o));
    }

    private static ReturnDocument returnDocument(BsonValue v) {
        return v.asString().getValue().equalsIgnoreCase("after") ? ReturnDocument.AFTER : ReturnDocument.BEFORE;
    }
}
