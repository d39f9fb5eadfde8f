package dev.tusk.it.spec;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoIterable;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.InsertManyResult;
import com.mongodb.client.result.InsertOneResult;
import com.mongodb.client.result.UpdateResult;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** Driver results → the documents the CRUD spec describes (InsertOneResult → {insertedId}, ...). */
final class Results {
    private Results() {}

    private static BsonDocument unacknowledged() {
        return new BsonDocument("acknowledged", BsonBoolean.FALSE);
    }

    static BsonDocument of(InsertOneResult r) {
        if (!r.wasAcknowledged()) {
            return unacknowledged();
        }
        BsonDocument d = new BsonDocument();
        if (r.getInsertedId() != null) {
            d.append("insertedId", r.getInsertedId());
        }
        return d;
    }

    static BsonDocument of(InsertManyResult r) {
        if (!r.wasAcknowledged()) {
            return unacknowledged();
        }
        BsonDocument ids = new BsonDocument();
        r.getInsertedIds().forEach((i, id) -> ids.append(String.valueOf(i), id));
        return new BsonDocument("insertedIds", ids);
    }

    static BsonDocument of(UpdateResult r) {
        if (!r.wasAcknowledged()) {
            return unacknowledged();
        }
        BsonDocument d = new BsonDocument("matchedCount", new BsonInt64(r.getMatchedCount()))
                .append("modifiedCount", new BsonInt64(r.getModifiedCount()))
                .append("upsertedCount", new BsonInt32(r.getUpsertedId() == null ? 0 : 1));
        if (r.getUpsertedId() != null) {
            d.append("upsertedId", r.getUpsertedId());
        }
        return d;
    }

    static BsonDocument of(DeleteResult r) {
        return r.wasAcknowledged() ? new BsonDocument("deletedCount", new BsonInt64(r.getDeletedCount())) : unacknowledged();
    }

    static BsonDocument of(BulkWriteResult r) {
        if (!r.wasAcknowledged()) {
            return unacknowledged();
        }
        BsonDocument inserted = new BsonDocument();
        r.getInserts().forEach(i -> inserted.append(String.valueOf(i.getIndex()), i.getId()));
        BsonDocument upserted = new BsonDocument();
        r.getUpserts().forEach(u -> upserted.append(String.valueOf(u.getIndex()), u.getId()));
        return new BsonDocument("deletedCount", new BsonInt32(r.getDeletedCount()))
                .append("insertedCount", new BsonInt32(r.getInsertedCount()))
                .append("insertedIds", inserted)
                .append("matchedCount", new BsonInt32(r.getMatchedCount()))
                .append("modifiedCount", new BsonInt32(r.getModifiedCount()))
                .append("upsertedCount", new BsonInt32(r.getUpserts().size()))
                .append("upsertedIds", upserted);
    }

    static BsonValue orNull(BsonDocument d) {
        return d == null ? BsonNull.VALUE : d;
    }

    static <T extends BsonValue> BsonArray all(MongoIterable<T> it) {
        BsonArray out = new BsonArray();
        it.forEach(out::add);
        return out;
    }

    static BsonArray strings(MongoIterable<String> it) {
        BsonArray out = new BsonArray();
        it.forEach(s -> out.add(new org.bson.BsonString(s)));
        return out;
    }
}
