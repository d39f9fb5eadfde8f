package dev.tusk.it.crud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Collation;
import com.mongodb.client.model.CollationStrength;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.DeleteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.tusk.it.support.TuskTestServer;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only the simple collation is supported: others are refused (238), never silently ignored. */
class CollationIT {
    private static final Collation CASE_INSENSITIVE = Collation.builder().locale("en_US")
            .collationStrength(CollationStrength.SECONDARY).build();
    private final MongoCollection<Document> c = TuskTestServer.client().getDatabase("collation_it").getCollection("c");

    @BeforeEach
    void data() {
        c.drop();
        c.insertMany(List.of(new Document("_id", 1).append("s", "ping"), new Document("_id", 2).append("s", "PING")));
    }

    @Test
    void simpleCollationIsBinaryComparison() {
        Collation simple = Collation.builder().locale("simple").build();
        assertEquals(1, c.find(Filters.eq("s", "ping")).collation(simple).into(new java.util.ArrayList<>()).size());
        assertEquals(1, c.countDocuments(Filters.eq("s", "PING"), new CountOptions().collation(simple)));
    }

    @Test
    void otherCollationsAreRefusedByEveryCommand() {
        List<Runnable> uses = List.of(
                () -> c.find(Filters.eq("s", "ping")).collation(CASE_INSENSITIVE).first(),
                () -> c.countDocuments(Filters.eq("s", "ping"), new CountOptions().collation(CASE_INSENSITIVE)),
                () -> c.distinct("s", String.class).collation(CASE_INSENSITIVE).first(),
                () -> c.aggregate(List.of(new Document("$match", new Document("s", "ping")))).collation(CASE_INSENSITIVE).first(),
                () -> c.updateOne(Filters.eq("s", "ping"), Updates.set("x", 1), new UpdateOptions().collation(CASE_INSENSITIVE)),
                () -> c.deleteMany(Filters.eq("s", "ping"), new DeleteOptions().collation(CASE_INSENSITIVE)),
                () -> c.findOneAndUpdate(Filters.eq("s", "ping"), Updates.set("x", 1),
                        new com.mongodb.client.model.FindOneAndUpdateOptions().collation(CASE_INSENSITIVE)));
        for (Runnable use : uses) {
            MongoException e = assertThrows(MongoException.class, use::run);
            assertEquals(238, e.getCode(), e.toString());
        }
        assertEquals(2, c.countDocuments(), "a refused delete removed nothing");
        assertEquals(0, c.countDocuments(Filters.exists("x")), "a refused update changed nothing");
    }
}
