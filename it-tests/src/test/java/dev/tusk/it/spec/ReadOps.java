package dev.tusk.it.spec;

import static dev.tusk.it.spec.Operations.Kind.COLLECTION;
import static dev.tusk.it.spec.Operations.Kind.DATABASE;

import com.mongodb.CursorType;
import com.mongodb.client.AggregateIterable;
import com.mongodb.client.ClientSession;
import com.mongodb.client.DistinctIterable;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.EstimatedDocumentCountOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/** find, findOne, createFindCursor, count (the command), countDocuments, estimatedDocumentCount, distinct, aggregate. */
final class ReadOps {
    private ReadOps() {}

    static void register(Operations t) {
        t.add(COLLECTION, "find", (c, a, cx) -> Results.all(find(coll(c), a)));
        t.add(COLLECTION, "findOne", (c, a, cx) -> Results.orNull(find(coll(c), a).first()));
        t.add(COLLECTION, "createFindCursor", (c, a, cx) -> new EntityMap.CursorEntity("", find(coll(c), a).cursor()));
        t.add(COLLECTION, "count", ReadOps::count);
        t.add(COLLECTION, "countDocuments", ReadOps::countDocuments);
        t.add(COLLECTION, "estimatedDocumentCount", ReadOps::estimatedDocumentCount);
        t.add(COLLECTION, "distinct", ReadOps::distinct);
        t.add(COLLECTION, "aggregate", (c, a, cx) -> {
            ClientSession s = a.session();
            List<BsonDocument> pipeline = a.docs("pipeline");
            AggregateIterable<BsonDocument> it = s == null ? coll(c).aggregate(pipeline) : coll(c).aggregate(s, pipeline);
            return aggregate(it, pipeline, a);
        });
        t.add(DATABASE, "aggregate", (d, a, cx) -> {
            ClientSession s = a.session();
            List<BsonDocument> pipeline = a.docs("pipeline");
            MongoDatabase db = (MongoDatabase) d;
            AggregateIterable<BsonDocument> it = s == null ? db.aggregate(pipeline, BsonDocument.class)
                    : db.aggregate(s, pipeline, BsonDocument.class);
            return aggregate(it, pipeline, a);
        });
    }

    @SuppressWarnings("unchecked")
    static MongoCollection<BsonDocument> coll(Object target) {
        return (MongoCollection<BsonDocument>) target;
    }

    static FindIterable<BsonDocument> find(MongoCollection<BsonDocument> c, Args a) {
        ClientSession s = a.session();
        BsonDocument filter = a.docOr("filter", new BsonDocument());
        FindIterable<BsonDocument> it = s == null ? c.find(filter) : c.find(s, filter);
        a.ifPresent("sort", v -> it.sort(v.asDocument()));
        a.ifPresent("projection", v -> it.projection(v.asDocument()));
        a.ifPresent("skip", v -> it.skip(v.asNumber().intValue()));
        a.ifPresent("limit", v -> it.limit(v.asNumber().intValue()));
        a.ifPresent("batchSize", v -> it.batchSize(v.asNumber().intValue()));
        a.ifPresent("collation", v -> it.collation(Options.collation(v.asDocument())));
        a.ifPresent("comment", it::comment);
        a.ifPresent("hint", v -> {
            if (v.isString()) {
                it.hintString(v.asString().getValue());
            } else {
                it.hint(v.asDocument());
            }
        });
        a.ifPresent("let", v -> it.let(v.asDocument()));
        a.ifPresent("maxTimeMS", v -> it.maxTime(v.asNumber().longValue(), TimeUnit.MILLISECONDS));
        a.ifPresent("maxAwaitTimeMS", v -> it.maxAwaitTime(v.asNumber().longValue(), TimeUnit.MILLISECONDS));
        a.ifPresent("allowDiskUse", v -> it.allowDiskUse(v.asBoolean().getValue()));
        a.ifPresent("min", v -> it.min(v.asDocument()));
        a.ifPresent("max", v -> it.max(v.asDocument()));
        a.ifPresent("returnKey", v -> it.returnKey(v.asBoolean().getValue()));
        a.ifPresent("showRecordId", v -> it.showRecordId(v.asBoolean().getValue()));
        a.ifPresent("noCursorTimeout", v -> it.noCursorTimeout(v.asBoolean().getValue()));
        a.ifPresent("cursorType", v -> it.cursorType(switch (v.asString().getValue()) {
            case "tailable" -> CursorType.Tailable;
            case "tailableAwait" -> CursorType.TailableAwait;
            default -> CursorType.NonTailable;
        }));
        a.checkAllUsed();
        return it;
    }

    /**
     * The deprecated count helper (gone from driver 5): the count command as the old helper sent it.
     * Without a filter, session or options but comment/maxTimeMS that command is what
     * estimatedDocumentCount sends, retried as the old helper's was (runCommand is never retried).
     */
    private static Object count(Object c, Args a, OpContext cx) {
        if (a.has("filter") && a.doc("filter").isEmpty() && a.onlyHas(List.of("filter", "comment", "maxTimeMS"))) {
            return estimatedDocumentCount(c, a, cx);
        }
        MongoCollection<BsonDocument> coll = coll(c);
        BsonDocument command = new BsonDocument("count", new org.bson.BsonString(coll.getNamespace().getCollectionName()))
                .append("query", a.docOr("filter", new BsonDocument()));
        for (String option : List.of("skip", "limit", "collation", "hint", "comment", "maxTimeMS")) {
            a.ifPresent(option, v -> command.append(option, v));
        }
        ClientSession s = a.session();
        a.checkAllUsed();
        MongoDatabase db = cx.entities().databaseOf(c).withReadPreference(coll.getReadPreference());
        BsonDocument reply = s == null ? db.runCommand(command, BsonDocument.class) : db.runCommand(s, command, BsonDocument.class);
        return new BsonInt64(reply.getNumber("n").longValue());
    }

    private static Object countDocuments(Object c, Args a, OpContext cx) {
        ClientSession s = a.session();
        BsonDocument filter = a.doc("filter");
        CountOptions o = new CountOptions();
        a.ifPresent("skip", v -> o.skip(v.asNumber().intValue()));
        a.ifPresent("limit", v -> o.limit(v.asNumber().intValue()));
        a.ifPresent("collation", v -> o.collation(Options.collation(v.asDocument())));
        a.ifPresent("comment", o::comment);
        a.ifPresent("hint", v -> {
            if (v.isString()) {
                o.hintString(v.asString().getValue());
            } else {
                o.hint(v.asDocument());
            }
        });
        a.ifPresent("maxTimeMS", v -> o.maxTime(v.asNumber().longValue(), TimeUnit.MILLISECONDS));
        a.checkAllUsed();
        return new BsonInt64(s == null ? coll(c).countDocuments(filter, o) : coll(c).countDocuments(s, filter, o));
    }

    private static Object estimatedDocumentCount(Object c, Args a, OpContext cx) {
        EstimatedDocumentCountOptions o = new EstimatedDocumentCountOptions();
        a.ifPresent("comment", o::comment);
        a.ifPresent("maxTimeMS", v -> o.maxTime(v.asNumber().longValue(), TimeUnit.MILLISECONDS));
        a.checkAllUsed();
        return new BsonInt64(coll(c).estimatedDocumentCount(o));
    }

    private static Object distinct(Object c, Args a, OpContext cx) {
        ClientSession s = a.session();
        String field = a.string("fieldName");
        BsonDocument filter = a.doc("filter");
        DistinctIterable<BsonValue> it = s == null ? coll(c).distinct(field, filter, BsonValue.class)
                : coll(c).distinct(s, field, filter, BsonValue.class);
        a.ifPresent("collation", v -> it.collation(Options.collation(v.asDocument())));
        a.ifPresent("comment", it::comment);
        a.ifPresent("maxTimeMS", v -> it.maxTime(v.asNumber().longValue(), TimeUnit.MILLISECONDS));
        a.ifPresent("batchSize", v -> it.batchSize(v.asNumber().intValue()));
        a.checkAllUsed();
        BsonArray out = new BsonArray();
        it.forEach(out::add);
        return out;
    }

    private static Object aggregate(AggregateIterable<BsonDocument> it, List<BsonDocument> pipeline, Args a) {
        a.ifPresent("batchSize", v -> it.batchSize(v.asNumber().intValue()));
        a.ifPresent("allowDiskUse", v -> it.allowDiskUse(v.asBoolean().getValue()));
        a.ifPresent("bypassDocumentValidation", v -> it.bypassDocumentValidation(v.asBoolean().getValue()));
        a.ifPresent("collation", v -> it.collation(Options.collation(v.asDocument())));
        a.ifPresent("comment", it::comment);
        a.ifPresent("hint", v -> {
            if (v.isString()) {
                it.hintString(v.asString().getValue());
            } else {
                it.hint(v.asDocument());
            }
        });
        a.ifPresent("let", v -> it.let(v.asDocument()));
        a.ifPresent("maxTimeMS", v -> it.maxTime(v.asNumber().longValue(), TimeUnit.MILLISECONDS));
        a.checkAllUsed();
        String last = pipeline.isEmpty() ? "" : pipeline.get(pipeline.size() - 1).getFirstKey();
        if (last.equals("$out") || last.equals("$merge")) {
            it.toCollection(); // the driver would otherwise add a find on the output collection
            return new BsonArray();
        }
        return Results.all(it);
    }
}
