package dev.tusk.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Query operator families through the driver: element, array, evaluation and bitwise; and `hint`. */
class QueryOperatorsIT {
    private final MongoCollection<Document> c = TuskTestServer.client().getDatabase("query_ops_it").getCollection("c");

    @BeforeEach
    void load() {
        c.drop();
        c.insertMany(List.of(
                new Document("_id", 1).append("a", 54).append("tags", List.of("red", "blank")).append("s", "apple"),
                new Document("_id", 2).append("a", 20).append("tags", List.of("blank")).append("s", "Banana"),
                new Document("_id", 3).append("a", new Binary(new byte[] {0x66})).append("tags", List.of()).append("s", 5),
                new Document("_id", 4).append("a", 20.5).append("s", null)));
    }

    private List<Integer> ids(Bson filter) {
        List<Integer> out = new ArrayList<>();
        c.find(filter).sort(Sorts.ascending("_id")).forEach(d -> out.add(d.getInteger("_id")));
        return out;
    }

    @Test
    void families() {
        assertEquals(List.of(1, 3), ids(Filters.bitsAllSet("a", 34)));
        assertEquals(List.of(2), ids(Filters.bitsAllClear("a", 34)));
        assertEquals(List.of(1, 2, 3), ids(Filters.bitsAnySet("a", 4)));
        assertEquals(List.of(2), ids(Filters.bitsAnyClear("a", 6)));
        assertEquals(List.of(1, 2), ids(Filters.all("tags", List.of("blank"))));
        assertEquals(List.of(3), ids(Filters.size("tags", 0)));
        assertEquals(List.of(1), ids(Filters.elemMatch("tags", new Document("$eq", "red"))));
        assertEquals(List.of(3), ids(Filters.type("s", "number")));
        assertEquals(List.of(1, 2), ids(Filters.regex("s", "^[ab]", "i")));
        assertEquals(List.of(1, 2, 4), ids(Filters.mod("a", 2, 0)), "20.5 truncates to 20");
        assertEquals(List.of(4), ids(Filters.and(Filters.exists("s"), Filters.eq("s", null))));
        assertEquals(List.of(1, 3), ids(Filters.expr(new Document("$gt", List.of("$a", 50)))), "$expr compares across types: BinData > numbers");
    }

    @Test
    void arrayProjections() {
        c.insertOne(new Document("_id", 9).append("scores", List.of(3, 8, 9, 12)).append("tags", List.of("a", "b", "c")));
        Document sliced = c.find(Filters.eq("_id", 9)).projection(com.mongodb.client.model.Projections.slice("tags", 2)).first();
        assertEquals(List.of("a", "b"), sliced.getList("tags", String.class));
        assertEquals(List.of(3, 8, 9, 12), sliced.getList("scores", Integer.class));
        Document matched = c.find(Filters.eq("_id", 9)).projection(
                new Document("scores", new Document("$elemMatch", new Document("$gt", 8)))).first();
        assertEquals(new Document("_id", 9).append("scores", List.of(9)), matched);
        Document positional = c.find(Filters.gte("scores", 10)).projection(new Document("scores.$", 1)).first();
        assertEquals(new Document("_id", 9).append("scores", List.of(12)), positional);
    }

    @Test
    void sampleRateSelectsARandomShare() {
        List<Document> many = new ArrayList<>();
        for (int i = 100; i < 2_100; i++) {
            many.add(new Document("_id", i).append("k", i % 2));
        }
        c.insertMany(many);
        long sampled = c.countDocuments(new Document("$sampleRate", 0.5).append("k", 1));
        assertTrue(sampled > 400 && sampled < 600, sampled + " of 1,000 at 0.5 (mean 500, sd 16)");
        List<Document> counted = c.aggregate(List.of(new Document("$match", new Document("$sampleRate", 0.1)),
                new Document("$count", "n"))).into(new ArrayList<>());
        int n = counted.get(0).getInteger("n");
        assertTrue(n > 120 && n < 300, n + " of 2,004 at 0.1");
        assertEquals(2_004, c.countDocuments(new Document("$sampleRate", 1.0)));
        assertEquals(List.of(), ids(new Document("$sampleRate", 0)));
        MongoCommandException e = assertThrows(MongoCommandException.class, () -> c.find(new Document("$sampleRate", 2)).first());
        assertEquals(2, e.getErrorCode());
        assertTrue(e.getErrorMessage().contains("numeric argument to $sampleRate must be in [0, 1]"), e.getErrorMessage());
    }

    @Test
    void hintMustNameAnIndex() {
        c.createIndex(Indexes.ascending("s"));
        assertEquals(4, c.find().hint(Indexes.ascending("s")).into(new ArrayList<>()).size());
        assertEquals(4, c.find().hintString("s_1").into(new ArrayList<>()).size());
        MongoCommandException e = assertThrows(MongoCommandException.class, () -> c.find().hintString("nope").first());
        assertEquals(2, e.getErrorCode());
        assertThrows(MongoCommandException.class, () -> c.countDocuments(Filters.empty(),
                new com.mongodb.client.model.CountOptions().hint(Indexes.ascending("zzz"))));
    }
}
