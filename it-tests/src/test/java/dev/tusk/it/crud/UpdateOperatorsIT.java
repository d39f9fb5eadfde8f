package dev.tusk.it.crud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.tusk.it.support.TuskTestServer;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Array and bitwise update operators and positional paths through the driver. */
class UpdateOperatorsIT {
    private final MongoCollection<Document> c = TuskTestServer.client().getDatabase("update_ops_it").getCollection("students");

    @BeforeEach
    void fresh() {
        c.drop();
        c.insertMany(List.of(
                new Document("_id", 1).append("grades", List.of(95, 92, 90)).append("flags", 13),
                new Document("_id", 2).append("grades", List.of(98, 100, 102)).append("flags", 3)));
    }

    @Test
    void positionalOperators() {
        c.updateOne(Filters.eq("grades", 92), Updates.set("grades.$", 93));
        assertEquals(List.of(95, 93, 90), c.find(Filters.eq("_id", 1)).first().getList("grades", Integer.class));
        c.updateMany(Filters.empty(), Updates.inc("grades.$[]", 1));
        assertEquals(List.of(96, 94, 91), c.find(Filters.eq("_id", 1)).first().getList("grades", Integer.class));
        c.updateMany(Filters.empty(), Updates.set("grades.$[g]", 100),
                new UpdateOptions().arrayFilters(List.of(new Document("g", new Document("$gte", 100)))));
        assertEquals(List.of(99, 100, 100), c.find(Filters.eq("_id", 2)).first().getList("grades", Integer.class));
        Document after = c.findOneAndUpdate(Filters.eq("_id", 1), Updates.set("grades.$[low]", 0),
                new FindOneAndUpdateOptions().arrayFilters(List.of(new Document("low", new Document("$lt", 95))))
                        .returnDocument(ReturnDocument.AFTER));
        assertEquals(List.of(96, 0, 0), after.getList("grades", Integer.class));
    }

    @Test
    void bitAndPullAll() {
        c.updateOne(Filters.eq("_id", 1), new Document("$bit", new Document("flags", new Document("and", 10))));
        assertEquals(8, c.find(Filters.eq("_id", 1)).first().getInteger("flags"));
        c.updateOne(Filters.eq("_id", 2), Updates.pullAll("grades", List.of(98, 102)));
        assertEquals(List.of(100), c.find(Filters.eq("_id", 2)).first().getList("grades", Integer.class));
    }

    @Test
    void renameWithNumericFieldNames() {
        c.insertOne(new Document("_id", 3).append("scores", new Document("0", 7).append("1", 8)));
        c.updateOne(Filters.eq("_id", 3), Updates.rename("scores.0", "first"));
        assertEquals(new Document("_id", 3).append("scores", new Document("1", 8)).append("first", 7), c.find(Filters.eq("_id", 3)).first());
        MongoWriteException intoArray = assertThrows(MongoWriteException.class,
                () -> c.updateOne(Filters.eq("_id", 1), Updates.rename("grades.0", "top")));
        assertEquals(2, intoArray.getError().getCode());
        assertEquals("The source field cannot be an array element, 'grades.0' in doc with _id: 1 has an array field called 'grades'",
                intoArray.getError().getMessage());
    }

    @Test
    void pipelineStyleUpdates() {
        c.updateMany(Filters.empty(), List.of(new Document("$set", new Document("best", new Document("$max", "$grades"))),
                new Document("$unset", "flags")));
        Document one = c.find(Filters.eq("_id", 1)).first();
        assertEquals(95, one.getInteger("best"));
        assertEquals(false, one.containsKey("flags"));
        com.mongodb.client.result.UpdateResult up = c.updateOne(Filters.eq("_id", 9),
                List.of(new Document("$set", new Document("created", "$$NOW"))), new UpdateOptions().upsert(true));
        assertEquals(9, up.getUpsertedId().asInt32().getValue());
        assertEquals(true, c.find(Filters.eq("_id", 9)).first().get("created") instanceof java.util.Date);
        MongoWriteException changeId = assertThrows(MongoWriteException.class,
                () -> c.updateOne(Filters.eq("_id", 1), List.of(new Document("$set", new Document("_id", 5)))));
        assertEquals(66, changeId.getError().getCode());
    }

    @Test
    void positionalErrors() {
        MongoWriteException noMatch = assertThrows(MongoWriteException.class,
                () -> c.updateOne(Filters.eq("_id", 1), Updates.set("grades.$", 1)));
        assertEquals(2, noMatch.getError().getCode());
        MongoWriteException unused = assertThrows(MongoWriteException.class,
                () -> c.updateOne(Filters.eq("_id", 1), Updates.set("flags", 1),
                        new UpdateOptions().arrayFilters(List.of(new Document("x", 1)))));
        assertEquals(9, unused.getError().getCode());
    }
}
