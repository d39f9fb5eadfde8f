package dev.tusk.it.spec;

import static dev.tusk.it.spec.Operations.Kind.CLIENT;
import static dev.tusk.it.spec.Operations.Kind.COLLECTION;
import static dev.tusk.it.spec.Operations.Kind.DATABASE;
import static dev.tusk.it.spec.ReadOps.coll;

import com.mongodb.client.ClientSession;
import com.mongodb.client.ListCollectionsIterable;
import com.mongodb.client.ListDatabasesIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ChangeStreamPreAndPostImagesOptions;
import com.mongodb.client.model.ClusteredIndexOptions;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.CreateViewOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.TimeSeriesGranularity;
import com.mongodb.client.model.TimeSeriesOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/** Databases, collections, indexes and runCommand. */
final class SchemaOps {
    private SchemaOps() {}

    static void register(Operations t) {
        t.add(DATABASE, "createCollection", SchemaOps::createCollection);
        t.add(DATABASE, "dropCollection", (d, a, cx) -> {
            ClientSession s = a.session();
            var c = db(d).getCollection(a.string("collection"));
            a.checkAllUsed();
            if (s == null) {
                c.drop();
            } else {
                c.drop(s);
            }
            return null;
        });
        t.add(DATABASE, "listCollections", (d, a, cx) -> Results.all(listCollections(db(d), a)));
        t.add(DATABASE, "listCollectionObjects", (d, a, cx) -> Results.all(listCollections(db(d), a)));
        t.add(DATABASE, "listCollectionNames", (d, a, cx) -> {
            BsonArray names = new BsonArray();
            listCollections(db(d), a).forEach(c -> names.add(c.get("name")));
            return names;
        });
        t.add(DATABASE, "runCommand", SchemaOps::runCommand);
        t.add(DATABASE, "modifyCollection", SchemaOps::modifyCollection);
        t.add(CLIENT, "listDatabases", (c, a, cx) -> Results.all(listDatabases(client(c), a)));
        t.add(CLIENT, "listDatabaseObjects", (c, a, cx) -> Results.all(listDatabases(client(c), a)));
        t.add(CLIENT, "listDatabaseNames", (c, a, cx) -> {
            BsonArray names = new BsonArray();
            listDatabases(client(c), a).nameOnly(true).forEach(d -> names.add(d.get("name")));
            return names;
        });
        t.add(CLIENT, "dropDatabase", (c, a, cx) -> {
            ClientSession s = a.session();
            MongoDatabase d = client(c).getDatabase(a.string("database"));
            a.checkAllUsed();
            if (s == null) {
                d.drop();
            } else {
                d.drop(s);
            }
            return null;
        });
        t.add(COLLECTION, "createIndex", SchemaOps::createIndex);
        t.add(COLLECTION, "dropIndex", (c, a, cx) -> {
            ClientSession s = a.session();
            String name = a.string("name");
            a.checkAllUsed();
            if (s == null) {
                coll(c).dropIndex(name);
            } else {
                coll(c).dropIndex(s, name);
            }
            return null;
        });
        t.add(COLLECTION, "dropIndexes", (c, a, cx) -> {
            ClientSession s = a.session();
            a.checkAllUsed();
            if (s == null) {
                coll(c).dropIndexes();
            } else {
                coll(c).dropIndexes(s);
            }
            return null;
        });
        t.add(COLLECTION, "listIndexes", (c, a, cx) -> Results.all(listIndexes(c, a)));
        t.add(COLLECTION, "listIndexNames", (c, a, cx) -> {
            BsonArray names = new BsonArray();
            listIndexes(c, a).forEach(i -> names.add(i.get("name")));
            return names;
        });
    }

    private static MongoDatabase db(Object target) {
        return (MongoDatabase) target;
    }

    private static MongoClient client(Object target) {
        return ((ClientEntity) target).client();
    }

    private static Object createCollection(Object d, Args a, OpContext cx) {
        ClientSession s = a.session();
        String name = a.string("collection");
        if (a.has("viewOn")) {
            String viewOn = a.string("viewOn");
            List<BsonDocument> pipeline = a.has("pipeline") ? a.docs("pipeline") : List.of();
            a.checkAllUsed();
            if (s == null) {
                db(d).createView(name, viewOn, pipeline, new CreateViewOptions());
            } else {
                db(d).createView(s, name, viewOn, pipeline, new CreateViewOptions());
            }
            return null;
        }
        CreateCollectionOptions o = new CreateCollectionOptions();
        a.ifPresent("capped", v -> o.capped(v.asBoolean().getValue()));
        a.ifPresent("size", v -> o.sizeInBytes(v.asNumber().longValue()));
        a.ifPresent("max", v -> o.maxDocuments(v.asNumber().longValue()));
        a.ifPresent("expireAfterSeconds", v -> o.expireAfter(v.asNumber().longValue(), TimeUnit.SECONDS));
        a.ifPresent("timeseries", v -> o.timeSeriesOptions(timeSeries(v.asDocument())));
        a.ifPresent("clusteredIndex", v -> {
            BsonDocument ci = v.asDocument();
            ClusteredIndexOptions c = new ClusteredIndexOptions(ci.getDocument("key"), ci.getBoolean("unique").getValue());
            if (ci.containsKey("name")) {
                c.name(ci.getString("name").getValue());
            }
            o.clusteredIndexOptions(c);
        });
        a.ifPresent("changeStreamPreAndPostImages", v -> o.changeStreamPreAndPostImagesOptions(
                new ChangeStreamPreAndPostImagesOptions(v.asDocument().getBoolean("enabled").getValue())));
        a.checkAllUsed();
        if (s == null) {
            db(d).createCollection(name, o);
        } else {
            db(d).createCollection(s, name, o);
        }
        return null;
    }

    private static TimeSeriesOptions timeSeries(BsonDocument d) {
        TimeSeriesOptions o = new TimeSeriesOptions(d.getString("timeField").getValue());
        if (d.containsKey("metaField")) {
            o.metaField(d.getString("metaField").getValue());
        }
        if (d.containsKey("granularity")) {
            o.granularity(TimeSeriesGranularity.valueOf(d.getString("granularity").getValue().toUpperCase()));
        }
        if (d.containsKey("bucketMaxSpanSeconds")) {
            o.bucketMaxSpan(d.getNumber("bucketMaxSpanSeconds").longValue(), TimeUnit.SECONDS);
        }
        if (d.containsKey("bucketRoundingSeconds")) {
            o.bucketRounding(d.getNumber("bucketRoundingSeconds").longValue(), TimeUnit.SECONDS);
        }
        return o;
    }

    private static ListCollectionsIterable<BsonDocument> listCollections(MongoDatabase d, Args a) {
        ClientSession s = a.session();
        var it = s == null ? d.listCollections(BsonDocument.class) : d.listCollections(s, BsonDocument.class);
        a.ifPresent("filter", v -> it.filter(v.asDocument()));
        a.ifPresent("batchSize", v -> it.batchSize(v.asNumber().intValue()));
        a.ifPresent("comment", it::comment);
        a.checkAllUsed();
        return it;
    }

    private static ListDatabasesIterable<BsonDocument> listDatabases(MongoClient c, Args a) {
        ClientSession s = a.session();
        var it = s == null ? c.listDatabases(BsonDocument.class) : c.listDatabases(s, BsonDocument.class);
        a.ifPresent("filter", v -> it.filter(v.asDocument()));
        a.ifPresent("nameOnly", v -> it.nameOnly(v.asBoolean().getValue()));
        a.ifPresent("authorizedDatabases", v -> it.authorizedDatabasesOnly(v.asBoolean().getValue()));
        a.ifPresent("comment", it::comment);
        a.checkAllUsed();
        return it;
    }

    private static com.mongodb.client.ListIndexesIterable<BsonDocument> listIndexes(Object c, Args a) {
        ClientSession s = a.session();
        var it = s == null ? coll(c).listIndexes(BsonDocument.class) : coll(c).listIndexes(s, BsonDocument.class);
        a.ifPresent("batchSize", v -> it.batchSize(v.asNumber().intValue()));
        a.ifPresent("comment", it::comment);
        a.checkAllUsed();
        return it;
    }

    private static Object createIndex(Object c, Args a, OpContext cx) {
        ClientSession s = a.session();
        BsonDocument keys = a.doc("keys");
        IndexOptions o = new IndexOptions();
        a.ifPresent("name", v -> o.name(v.asString().getValue()));
        a.ifPresent("unique", v -> o.unique(v.asBoolean().getValue()));
        a.ifPresent("sparse", v -> o.sparse(v.asBoolean().getValue()));
        a.ifPresent("expireAfterSeconds", v -> o.expireAfter(v.asNumber().longValue(), TimeUnit.SECONDS));
        a.ifPresent("partialFilterExpression", v -> o.partialFilterExpression(v.asDocument()));
        a.checkAllUsed();
        return new BsonString(s == null ? coll(c).createIndex(keys, o) : coll(c).createIndex(s, keys, o));
    }

    /** The Java driver has no collMod helper: the runner sends the command, as the driver's own runner does. */
    private static Object modifyCollection(Object d, Args a, OpContext cx) {
        ClientSession s = a.session();
        BsonDocument command = new BsonDocument("collMod", a.req("collection"));
        for (String option : List.of("validator", "validationLevel", "validationAction", "index",
                "expireAfterSeconds", "changeStreamPreAndPostImages", "viewOn", "pipeline")) {
            a.ifPresent(option, v -> command.append(option, v));
        }
        a.checkAllUsed();
        return s == null ? db(d).runCommand(command, BsonDocument.class) : db(d).runCommand(s, command, BsonDocument.class);
    }

    private static Object runCommand(Object d, Args a, OpContext cx) {
        ClientSession s = a.session();
        BsonDocument command = a.doc("command");
        a.opt("commandName");
        BsonValue rp = a.opt("readPreference");
        a.checkAllUsed();
        var pref = rp == null ? com.mongodb.ReadPreference.primary() : Options.readPreference(rp.asDocument());
        return s == null ? db(d).runCommand(command, pref, BsonDocument.class)
                : db(d).runCommand(s, command, pref, BsonDocument.class);
    }
}
