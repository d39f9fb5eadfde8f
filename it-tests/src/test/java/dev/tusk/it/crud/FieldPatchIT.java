package dev.tusk.it.crud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import dev.tusk.it.support.TuskTestServer;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Updates by `_id` that PostgreSQL applies to the stored row itself (top-level $set, $unset, integer
 * $inc): the same documents, counts and errors as the Java path.
 */
class FieldPatchIT {
    private final MongoCollection<Document> c = TuskTestServer.client().getDatabase("field_patch_it").getCollection("docs");

    @BeforeEach
    void fresh() {
        c.drop();
        c.insertOne(new Document("_id", 1).append("a", 1).append("s", "x").append("n", Integer.MAX_VALUE)
                .append("big", Long.MAX_VALUE - 1).append("d", 1.5)
                .append("address", new Document("city", "A").append("geo", new Document("lat", 1)).append("tags", List.of("x"))));
    }

    /** serverStatus's count of updates by _id PostgreSQL applied in one statement, and of those its function declined. */
    private static long[] updatesById() {
        Document counts = TuskTestServer.client().getDatabase("admin").runCommand(new Document("serverStatus", 1))
                .get("tusk", Document.class).get("updatesById", Document.class);
        return new long[] {counts.getLong("inOneStatement"), counts.getLong("declinedByPostgres")};
    }

    private static void assertRan(long[] before, long inOneStatement, long declined) {
        long[] after = updatesById();
        assertEquals(inOneStatement, after[0] - before[0], "updates applied by PostgreSQL in one statement");
        assertEquals(declined, after[1] - before[1], "updates the function declined");
    }

    @Test
    void setIncAndUnsetRunInPostgresql() {
        long[] before = updatesById();
        UpdateResult r = c.updateOne(Filters.eq("_id", 1), Updates.combine(Updates.inc("n", 1), Updates.set("z", "last"),
                Updates.set("y", List.of(1, 2)), Updates.unset("a")));
        assertEquals(1, r.getMatchedCount());
        assertEquals(1, r.getModifiedCount());
        assertRan(before, 1, 0);
        Document doc = c.find(Filters.eq("_id", 1)).first();
        assertEquals(List.of("_id", "s", "n", "big", "d", "address", "y", "z"), List.copyOf(doc.keySet()), "new fields appended in path order");
        assertEquals(2147483648L, doc.get("n"), "an int32 $inc past the int32 range becomes an int64");
        assertEquals(1, c.countDocuments(Filters.and(Filters.exists("a", false), Filters.eq("y", 2), Filters.eq("z", "last"),
                Filters.gt("n", Integer.MAX_VALUE))), "the query form follows the document");
    }

    @Test
    void fieldsInsideEmbeddedDocuments() {
        c.updateOne(Filters.eq("_id", 1), Updates.combine(Updates.set("address.city", "Berlin"), Updates.set("address.zip", "10115"),
                Updates.inc("address.geo.lat", 2), Updates.unset("address.tags")));
        Document address = c.find(Filters.eq("_id", 1)).first().get("address", Document.class);
        assertEquals(new Document("city", "Berlin").append("geo", new Document("lat", 3)).append("zip", "10115"), address);
        assertEquals(1, c.countDocuments(Filters.and(Filters.eq("address.city", "Berlin"), Filters.eq("address.geo.lat", 3),
                Filters.exists("address.tags", false))));
        // parents to create, or an array on the way: the Java update language's rules
        c.updateOne(Filters.eq("_id", 1), Updates.combine(Updates.set("new.deep.x", 1), Updates.set("address.geo.lat", 4)));
        assertEquals(28, assertThrows(MongoWriteException.class, () -> c.updateOne(Filters.eq("_id", 1), Updates.set("s.x", 1)))
                .getCode());
        Document doc = c.find(Filters.eq("_id", 1)).first();
        assertEquals(new Document("deep", new Document("x", 1)), doc.get("new"));
        assertEquals(4, doc.get("address", Document.class).get("geo", Document.class).getInteger("lat"));
    }

    @Test
    void sameValuesModifyNothing() {
        UpdateResult r = c.updateOne(Filters.eq("_id", 1), Updates.combine(Updates.set("s", "x"), Updates.inc("a", 0),
                Updates.unset("missing")));
        assertEquals(1, r.getMatchedCount());
        assertEquals(0, r.getModifiedCount());
        assertEquals(0, c.updateOne(Filters.eq("_id", 2), Updates.set("s", "y")).getMatchedCount());
    }

    @Test
    void whatTheFunctionDeclinesRunsInJavaWithMongodbsErrors() {
        long[] before = updatesById();
        MongoWriteException notNumber = assertThrows(MongoWriteException.class,
                () -> c.updateOne(Filters.eq("_id", 1), Updates.inc("s", 1)));
        assertEquals(14, notNumber.getCode());
        MongoWriteException overflow = assertThrows(MongoWriteException.class,
                () -> c.updateOne(Filters.eq("_id", 1), Updates.inc("big", 5L)));
        assertEquals(2, overflow.getCode());
        assertEquals(1, c.updateOne(Filters.eq("_id", 1), Updates.inc("d", 1)).getModifiedCount());
        assertRan(before, 0, 3);
        Document doc = c.find(Filters.eq("_id", 1)).first();
        assertEquals(2.5, doc.getDouble("d"));
        assertEquals("x", doc.getString("s"));
        assertEquals(Long.MAX_VALUE - 1, doc.getLong("big"));
    }

    @Test
    void upsertOfAMissingIdInsertsIt() {
        UpdateResult r = c.updateOne(Filters.eq("_id", 7), Updates.inc("n", 2), new UpdateOptions().upsert(true));
        assertEquals(0, r.getMatchedCount());
        assertEquals(7, r.getUpsertedId().asInt32().getValue());
        assertEquals(new Document("_id", 7).append("n", 2), c.find(Filters.eq("_id", 7)).first());
    }

    @Test
    void anIndexedFieldIsUpdatedInJavaAndItsIndexFollows() {
        c.createIndex(new Document("a", 1));
        long[] before = updatesById();
        assertEquals(1, c.updateOne(Filters.eq("_id", 1), Updates.inc("a", 41)).getModifiedCount());
        assertRan(before, 0, 0); // never sent to the function: the index must see the new value
        assertEquals(1, c.find(Filters.eq("a", 42)).hint(new Document("a", 1)).into(new java.util.ArrayList<>()).size());
        assertFalse(c.find(Filters.eq("a", 1)).hint(new Document("a", 1)).iterator().hasNext());
    }
}
