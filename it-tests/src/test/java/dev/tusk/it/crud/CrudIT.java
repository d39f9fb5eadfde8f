package dev.tusk.it.crud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.UpdateResult;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** insert, find, update, delete, count, distinct and findAndModify through the driver's own methods. */
class CrudIT {
    private final MongoDatabase db = TuskTestServer.client().getDatabase("crud_it");
    private MongoCollection<Document> people;

    @BeforeEach
    void fresh() {
        people = db.getCollection("people");
        people.drop();
        people.insertMany(List.of(
                new Document("_id", 1).append("name", "ann").append("age", 31).append("tags", List.of("a", "b"))
                        .append("address", new Document("city", "Oslo")),
                new Document("_id", 2).append("name", "bob").append("age", 25).append("tags", List.of("b")),
                new Document("_id", 3).append("name", "cy").append("age", 40L)
                        .append("address", new Document("city", "Rome")),
                new Document("_id", 4).append("name", "di").append("age", 25.0).append("tags", List.of())));
    }

    @Test
    void documentsNestedPastTheLimitAreRefusedAndTheConnectionStays() {
        Document deep = new Document();
        Document current = deep;
        for (int i = 0; i < 250; i++) {
            Document next = new Document();
            current.append("a", next);
            current = next;
        }
        Document tooDeep = deep;
        MongoCommandException e = assertThrows(MongoCommandException.class, () -> db.runCommand(
                new Document("insert", "people").append("documents", List.of(new Document("_id", 9).append("x", tooDeep)))));
        assertEquals(15, e.getErrorCode());
        assertEquals("BSONObj exceeded maximum nested object depth: 200", e.getErrorMessage());
        assertEquals(4, people.countDocuments(), "the connection still serves, nothing was written");
    }

    private List<Object> ids(Iterable<Document> docs) {
        List<Object> out = new ArrayList<>();
        docs.forEach(d -> out.add(d.get("_id")));
        return out;
    }

    @Test
    void insertGeneratesObjectIdsFirst() {
        MongoCollection<Document> c = db.getCollection("generated");
        c.drop();
        c.insertOne(new Document("a", 1));
        Document back = c.find().first();
        assertTrue(back.get("_id") instanceof ObjectId);
        assertEquals("_id", back.keySet().iterator().next());
    }

    @Test
    void dollarPrefixedNamesAreStoredExceptInsideId() {
        MongoCollection<Document> c = db.getCollection("dollars");
        c.drop();
        c.insertOne(new Document("_id", 1).append("$price", 50).append("location", new Document("$db", "novels")));
        Document back = c.find().first();
        assertEquals(50, back.getInteger("$price"));
        assertEquals("novels", back.get("location", Document.class).getString("$db"));
        assertEquals(1, c.countDocuments(Filters.eq("location.$db", "novels")));
        MongoWriteException e = assertThrows(MongoWriteException.class,
                () -> c.insertOne(new Document("_id", new Document("a", new Document("$b", 1)))));
        assertEquals(52, e.getCode());
        assertEquals(1, c.countDocuments());
    }

    @Test
    void findWithComparisonsAndLogic() {
        assertEquals(List.of(1, 3), ids(people.find(Filters.gt("age", 30))));
        assertEquals(List.of(2, 4), ids(people.find(Filters.eq("age", 25))));
        assertEquals(List.of(1, 3), ids(people.find(Filters.ne("age", 25))));
        assertEquals(List.of(2, 3, 4), ids(people.find(Filters.in("name", "bob", "cy", "di"))));
        assertEquals(List.of(1), ids(people.find(Filters.nin("_id", 2, 3, 4))));
        assertEquals(List.of(2, 4), ids(people.find(Filters.and(Filters.gte("age", 25), Filters.lte("age", 30)))));
        assertEquals(List.of(1, 2), ids(people.find(Filters.or(Filters.eq("name", "ann"), Filters.eq("name", "bob")))));
        assertEquals(List.of(1, 3), ids(people.find(Filters.exists("address"))));
        assertEquals(List.of(2, 4), ids(people.find(Filters.exists("address", false))));
        assertEquals(List.of(3), ids(people.find(Filters.eq("address.city", "Rome"))));
        assertEquals(List.of(1, 2), ids(people.find(Filters.eq("tags", "b"))));
        assertEquals(List.of(4), ids(people.find(Filters.eq("tags", List.of()))));
    }

    @Test
    void sortSkipLimitProjection() {
        assertEquals(List.of(3, 1, 2, 4), ids(people.find().sort(Sorts.orderBy(Sorts.descending("age"), Sorts.ascending("_id")))));
        assertEquals(List.of(1, 2), ids(people.find().sort(Sorts.descending("age")).skip(1).limit(2)));
        Document projected = people.find(Filters.eq("_id", 1)).projection(Projections.include("name")).first();
        assertEquals(new Document("_id", 1).append("name", "ann"), projected);
        Document excluded = people.find(Filters.eq("_id", 3))
                .projection(Projections.fields(Projections.excludeId(), Projections.exclude("address"))).first();
        assertEquals(new Document("name", "cy").append("age", 40L), excluded);
    }

    @Test
    void projectionMixingIsAnError() {
        MongoCommandException e = assertThrows(MongoCommandException.class,
                () -> people.find().projection(new Document("name", 1).append("age", 0)).first());
        assertEquals(31254, e.getErrorCode());
    }

    @Test
    void updateOperatorsUpsertAndMulti() {
        UpdateResult r = people.updateOne(Filters.eq("_id", 1), Updates.combine(Updates.set("city", "Bergen"), Updates.inc("age", 1)));
        assertEquals(1, r.getMatchedCount());
        assertEquals(1, r.getModifiedCount());
        Document ann = people.find(Filters.eq("_id", 1)).first();
        assertEquals(32, ann.getInteger("age"));
        assertEquals("Bergen", ann.getString("city"));

        UpdateResult many = people.updateMany(Filters.eq("age", 25), Updates.unset("tags"));
        assertEquals(2, many.getMatchedCount());
        assertEquals(2, many.getModifiedCount());

        UpdateResult noop = people.updateOne(Filters.eq("_id", 2), Updates.set("name", "bob"));
        assertEquals(1, noop.getMatchedCount());
        assertEquals(0, noop.getModifiedCount());

        UpdateResult up = people.updateOne(Filters.eq("name", "eve"), Updates.set("age", 50), new UpdateOptions().upsert(true));
        assertEquals(0, up.getMatchedCount());
        Document eve = people.find(Filters.eq("_id", up.getUpsertedId())).first();
        assertEquals("eve", eve.getString("name"));
        assertEquals(50, eve.getInteger("age"));
    }

    @Test
    void replaceKeepsIdAndRejectsChangingIt() {
        people.replaceOne(Filters.eq("_id", 2), new Document("name", "robert"));
        assertEquals(new Document("_id", 2).append("name", "robert"), people.find(Filters.eq("_id", 2)).first());
        MongoWriteException e = assertThrows(MongoWriteException.class,
                () -> people.replaceOne(Filters.eq("_id", 2), new Document("_id", 99).append("name", "x")));
        assertEquals(66, e.getError().getCode());
    }

    @Test
    void incOnAStringIsTypeMismatch() {
        MongoWriteException e = assertThrows(MongoWriteException.class,
                () -> people.updateOne(Filters.eq("_id", 1), Updates.inc("name", 1)));
        assertEquals(14, e.getError().getCode());
    }

    @Test
    void deleteOneAndMany() {
        DeleteResult one = people.deleteOne(Filters.eq("age", 25));
        assertEquals(1, one.getDeletedCount());
        DeleteResult many = people.deleteMany(Filters.gte("age", 0));
        assertEquals(3, many.getDeletedCount());
        assertEquals(0, people.countDocuments());
    }

    @Test
    void countAndDistinct() {
        assertEquals(4, people.countDocuments());
        assertEquals(2, people.countDocuments(Filters.eq("age", 25)));
        assertEquals(4, people.estimatedDocumentCount());
        List<String> tags = people.distinct("tags", String.class).into(new ArrayList<>());
        assertEquals(List.of("a", "b"), tags);
        List<String> cities = people.distinct("address.city", String.class).into(new ArrayList<>());
        assertEquals(List.of("Oslo", "Rome"), cities);
    }

    @Test
    void findAndModifyReturnsBeforeOrAfter() {
        Document before = people.findOneAndUpdate(Filters.eq("_id", 2), Updates.inc("age", 5));
        assertEquals(25, before.getInteger("age"));
        Document after = people.findOneAndUpdate(Filters.eq("_id", 2), Updates.inc("age", 5),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        assertEquals(35, after.getInteger("age"));
        Document removed = people.findOneAndDelete(Filters.eq("name", "cy"));
        assertEquals(3, removed.getInteger("_id"));
        assertNull(people.find(Filters.eq("_id", 3)).first());
        Document upserted = people.findOneAndUpdate(Filters.eq("_id", 10), Updates.set("name", "new"),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        assertEquals(new Document("_id", 10).append("name", "new"), upserted);
        Document youngest = people.findOneAndUpdate(Filters.exists("age"), Updates.set("picked", true),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("age")).returnDocument(ReturnDocument.AFTER));
        assertEquals(4, youngest.getInteger("_id"));
    }

    @Test
    void duplicateIdIsError11000() {
        MongoWriteException e = assertThrows(MongoWriteException.class, () -> people.insertOne(new Document("_id", 1)));
        assertEquals(11000, e.getError().getCode());
        assertTrue(e.getError().getMessage().contains("E11000 duplicate key error collection: crud_it.people index: _id_"));
    }

    @Test
    void numericallyEqualIdsCollide() {
        MongoWriteException e = assertThrows(MongoWriteException.class, () -> people.insertOne(new Document("_id", 1.0)));
        assertEquals(11000, e.getError().getCode());
    }

    @Test
    void orderedInsertStopsAtFirstErrorUnorderedContinues() {
        MongoCollection<Document> c = db.getCollection("batches");
        c.drop();
        MongoBulkWriteException ordered = assertThrows(MongoBulkWriteException.class, () -> c.insertMany(List.of(
                new Document("_id", 1), new Document("_id", 1), new Document("_id", 2))));
        assertEquals(1, ordered.getWriteErrors().size());
        assertEquals(1, ordered.getWriteErrors().get(0).getIndex());
        assertEquals(1, c.countDocuments());

        MongoBulkWriteException unordered = assertThrows(MongoBulkWriteException.class, () -> c.insertMany(List.of(
                new Document("_id", 1), new Document("_id", 3), new Document("_id", 3), new Document("_id", 4)),
                new InsertManyOptions().ordered(false)));
        assertEquals(List.of(0, 2), unordered.getWriteErrors().stream().map(w -> w.getIndex()).toList());
        assertEquals(3, c.countDocuments());
    }

    @Test
    void badFilterOperatorIsBadValue() {
        MongoCommandException e = assertThrows(MongoCommandException.class,
                () -> people.find(new Document("age", new Document("$bogus", 1))).first());
        assertEquals(2, e.getErrorCode());
    }

    @Test
    void wrongFieldTypesAreRejected() {
        MongoCommandException e = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("find", "people").append("filter", "notadoc")));
        assertEquals(14, e.getErrorCode());
        MongoCommandException unknown = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("find", "people").append("bogusOption", 1)));
        assertEquals(40415, unknown.getErrorCode());
        MongoCommandException missing = assertThrows(MongoCommandException.class,
                () -> db.runCommand(new Document("insert", "people")));
        assertEquals(9, missing.getErrorCode());
    }
}
