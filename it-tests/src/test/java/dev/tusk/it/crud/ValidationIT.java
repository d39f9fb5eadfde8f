package dev.tusk.it.crud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.ValidationOptions;
import dev.tusk.it.support.TuskTestServer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Collection validators ($jsonSchema and query operators): levels, actions, bypass, collMod. */
class ValidationIT {
    private final MongoDatabase db = TuskTestServer.client().getDatabase("validation_it");
    private MongoCollection<Document> students;

    @BeforeEach
    void create() {
        db.getCollection("students").drop();
        Document schema = Document.parse("""
                {$jsonSchema: {bsonType: 'object', required: ['name', 'year'],
                  properties: {name: {bsonType: 'string'}, year: {bsonType: 'int', minimum: 2017}}}}""");
        db.createCollection("students", new CreateCollectionOptions().validationOptions(new ValidationOptions().validator(schema)));
        students = db.getCollection("students");
    }

    @Test
    void invalidInsertsAndUpdatesFailWith121() {
        students.insertOne(new Document("_id", 1).append("name", "Ann").append("year", 2019));
        MongoWriteException insert = assertThrows(MongoWriteException.class,
                () -> students.insertOne(new Document("_id", 2).append("name", "Bob")));
        assertEquals(121, insert.getError().getCode());
        assertEquals("Document failed validation", insert.getError().getMessage());
        assertEquals(new org.bson.BsonInt32(2), insert.getError().getDetails().get("failingDocumentId"));
        MongoWriteException update = assertThrows(MongoWriteException.class,
                () -> students.updateOne(Filters.eq("_id", 1), Updates.set("year", 1999)));
        assertEquals(121, update.getError().getCode());
        assertEquals(2019, students.find().first().getInteger("year"));
        students.insertOne(new Document("_id", 3), new InsertOneOptions().bypassDocumentValidation(true));
        assertEquals(2, students.countDocuments());
    }

    @Test
    void collModChangesActionAndLevel() {
        Document listed = db.listCollections().filter(Filters.eq("name", "students")).first();
        assertTrue(listed.get("options", Document.class).containsKey("validator"));
        db.runCommand(new Document("collMod", "students").append("validationAction", "warn"));
        students.insertOne(new Document("_id", 5).append("name", 5));
        assertEquals(1, students.countDocuments());
        db.runCommand(new Document("collMod", "students").append("validationAction", "error").append("validationLevel", "moderate"));
        students.updateOne(Filters.eq("_id", 5), Updates.set("note", "invalid docs may still change under moderate"));
        db.runCommand(new Document("collMod", "students").append("validator", new Document("year", new Document("$gte", 2000)))
                .append("validationLevel", "strict"));
        MongoWriteException queryValidator = assertThrows(MongoWriteException.class,
                () -> students.insertOne(new Document("_id", 6).append("year", 1990)));
        assertEquals(121, queryValidator.getError().getCode());
        students.insertOne(new Document("_id", 7).append("year", 2001));
    }
}
