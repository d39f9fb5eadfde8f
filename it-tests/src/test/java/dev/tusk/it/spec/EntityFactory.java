package dev.tusk.it.spec;

import com.mongodb.ClientSessionOptions;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;

/** createEntities: builds clients, databases, collections, sessions and GridFS buckets into an {@link EntityMap}. */
final class EntityFactory {
    private final String uri;

    EntityFactory(String uri) {
        this.uri = uri;
    }

    void createAll(List<BsonDocument> specs, EntityMap map) {
        for (BsonDocument wrapper : specs) {
            String kind = wrapper.getFirstKey();
            BsonDocument spec = wrapper.getDocument(kind);
            String id = spec.getString("id").getValue();
            switch (kind) {
                case "client" -> map.put(id, ClientEntity.create(spec, uri));
                case "database" -> map.put(id, database(spec, map));
                case "collection" -> map.put(id, collection(spec, map));
                case "session" -> map.put(id, session(spec, map));
                case "bucket" -> map.put(id, bucket(spec, map));
                default -> throw new RunnerException("unsupported entity type " + kind);
            }
        }
    }

    private static MongoDatabase database(BsonDocument spec, EntityMap map) {
        MongoDatabase db = map.client(spec.getString("client").getValue()).client()
                .getDatabase(spec.getString("databaseName").getValue());
        BsonDocument o = spec.getDocument("databaseOptions", new BsonDocument());
        for (String k : o.keySet()) {
            db = switch (k) {
                case "readConcern" -> db.withReadConcern(Options.readConcern(o.getDocument(k)));
                case "writeConcern" -> db.withWriteConcern(Options.writeConcern(o.getDocument(k)));
                case "readPreference" -> db.withReadPreference(Options.readPreference(o.getDocument(k)));
                default -> throw new RunnerException("unsupported databaseOptions." + k);
            };
        }
        return db;
    }

    private static MongoCollection<BsonDocument> collection(BsonDocument spec, EntityMap map) {
        MongoDatabase db = map.database(spec.getString("database").getValue());
        MongoCollection<BsonDocument> c = db.getCollection(spec.getString("collectionName").getValue(), BsonDocument.class);
        BsonDocument o = spec.getDocument("collectionOptions", new BsonDocument());
        for (String k : o.keySet()) {
            c = switch (k) {
                case "readConcern" -> c.withReadConcern(Options.readConcern(o.getDocument(k)));
                case "writeConcern" -> c.withWriteConcern(Options.writeConcern(o.getDocument(k)));
                case "readPreference" -> c.withReadPreference(Options.readPreference(o.getDocument(k)));
                default -> throw new RunnerException("unsupported collectionOptions." + k);
            };
        }
        map.noteDatabase(c, db);
        return c;
    }

    private static GridFSBucket bucket(BsonDocument spec, EntityMap map) {
        MongoDatabase db = map.database(spec.getString("database").getValue());
        BsonDocument o = spec.getDocument("bucketOptions", new BsonDocument());
        GridFSBucket b = GridFSBuckets.create(db, o.getString("bucketName", new BsonString("fs")).getValue());
        for (String k : o.keySet()) {
            b = switch (k) {
                case "bucketName" -> b;
                case "chunkSizeBytes" -> b.withChunkSizeBytes(o.getNumber(k).intValue());
                case "readConcern" -> b.withReadConcern(Options.readConcern(o.getDocument(k)));
                case "writeConcern" -> b.withWriteConcern(Options.writeConcern(o.getDocument(k)));
                case "readPreference" -> b.withReadPreference(Options.readPreference(o.getDocument(k)));
                // driver 5 never computes MD5, which is what the GridFS spec asks of this option once MD5 is gone
                case "disableMD5" -> b;
                default -> throw new RunnerException("unsupported bucketOptions." + k);
            };
        }
        map.noteDatabase(b, db);
        return b;
    }

    private static EntityMap.SessionEntity session(BsonDocument spec, EntityMap map) {
        ClientEntity client = map.client(spec.getString("client").getValue());
        ClientSessionOptions.Builder b = ClientSessionOptions.builder();
        BsonDocument o = spec.getDocument("sessionOptions", new BsonDocument());
        for (String k : o.keySet()) {
            switch (k) {
                case "causalConsistency" -> b.causallyConsistent(o.getBoolean(k).getValue());
                case "snapshot" -> b.snapshot(o.getBoolean(k).getValue());
                case "defaultTransactionOptions" -> b.defaultTransactionOptions(Options.transaction(o.getDocument(k)));
                default -> throw new RunnerException("unsupported sessionOptions." + k);
            }
        }
        ClientSession s = client.client().startSession(b.build());
        return new EntityMap.SessionEntity(spec.getString("id").getValue(), s,
                s.getServerSession().getIdentifier().clone(), client);
    }
}
