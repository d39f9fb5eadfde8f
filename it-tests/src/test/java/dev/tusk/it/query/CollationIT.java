package dev.tusk.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Collation;
import com.mongodb.client.model.CollationStrength;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.DeleteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.tusk.it.support.Ids;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Collations through the driver: every read and write that takes one compares strings by it. */
class CollationIT {
    private static final MongoCollection<Document> c = TuskTestServer.client().getDatabase("collation_it").getCollection("c");
    private static final Collation CASELESS = Collation.builder().locale("en_US").collationStrength(CollationStrength.SECONDARY).build();

    @BeforeEach
    void load() {
        c.drop();
        c.insertMany(List.of(new Document("_id", 1).append("x", "ping"), new Document("_id", 2).append("x", "PING"),
                new Document("_id", 3).append("x", "pong"), new Document("_id", 4).append("x", "b"),
                new Document("_id", 5).append("x", "B"), new Document("_id", 6).append("x", "a")));
    }


    @Test
    void readsMatchAndSortByTheCollation() {
        assertEquals(List.of(1, 2), Ids.of(c.find(Filters.eq("x", "Ping")).collation(CASELESS)));
        assertEquals(List.of(), Ids.of(c.find(Filters.eq("x", "Ping"))));
        assertEquals(2, c.countDocuments(Filters.eq("x", "PING"), new CountOptions().collation(CASELESS)));
        assertEquals(2, c.find(Filters.eq("x", "Ping")).collation(CASELESS).explain(com.mongodb.ExplainVerbosity.EXECUTION_STATS)
                .get("executionStats", Document.class).getInteger("nReturned"), "explain runs the collated read");
        assertEquals(List.of("a", "b", "ping", "pong"), c.distinct("x", String.class).collation(CASELESS).into(new ArrayList<>()),
                "one value per class of equal strings, the first one met");
        assertEquals(List.of(6, 4, 5, 1, 2, 3), Ids.of(c.find().sort(Sorts.ascending("x")).collation(CASELESS)));
        assertEquals(List.of(6, 4), Ids.of(c.find().sort(Sorts.ascending("x")).limit(2).collation(CASELESS)));
        assertEquals(List.of(5, 2, 6, 4, 1, 3), Ids.of(c.find().sort(Sorts.ascending("x"))), "binary order without one");
        assertEquals(List.of(2, 1), Ids.of(c.aggregate(List.of(Aggregates.match(Filters.in("x", List.of("PING"))),
                Aggregates.sort(Sorts.descending("_id")))).collation(CASELESS)));
    }

    @Test
    void writesFindTheirDocumentsByTheCollation() {
        assertEquals(2, c.updateMany(Filters.eq("x", "PiNg"), Updates.set("hit", true), new UpdateOptions().collation(CASELESS))
                .getModifiedCount());
        Document found = c.findOneAndUpdate(Filters.eq("x", "POng"), Updates.set("hit", true),
                new FindOneAndUpdateOptions().collation(CASELESS).returnDocument(ReturnDocument.AFTER));
        assertEquals(3, found.getInteger("_id"));
        assertEquals(3, c.countDocuments(Filters.eq("hit", true)));
        assertEquals(2, c.deleteMany(Filters.eq("x", "b"), new DeleteOptions().collation(CASELESS)).getDeletedCount());
        assertEquals(List.of(1, 2, 3, 6), Ids.of(c.find()));
    }

    @Test
    void theSimpleCollationIsBinaryComparison() {
        Collation simple = Collation.builder().locale("simple").build();
        assertEquals(List.of(1), Ids.of(c.find(Filters.eq("x", "ping")).collation(simple)));
        assertEquals(1, c.countDocuments(Filters.eq("x", "PING"), new CountOptions().collation(simple)));
    }

    @Test
    void anInvalidCollationIsRefused() {
        MongoCommandException e = assertThrows(MongoCommandException.class,
                () -> c.find().collation(Collation.builder().locale("xx_nowhere").build()).first());
        assertEquals(2, e.getErrorCode());
    }
}
