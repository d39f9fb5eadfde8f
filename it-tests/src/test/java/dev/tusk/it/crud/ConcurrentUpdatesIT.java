package dev.tusk.it.crud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Single-document writes are atomic: concurrent $inc never loses an update, concurrent upserts make one document. */
class ConcurrentUpdatesIT {
    private final MongoCollection<Document> c = TuskTestServer.client().getDatabase("concurrency_it").getCollection("counters");

    @Test
    void concurrentIncrementsAllCount() throws Exception {
        c.drop();
        c.insertOne(new Document("_id", "hits").append("n", 0));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    c.updateOne(Filters.eq("_id", "hits"), Updates.inc("n", 1));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(2000, c.find().first().getInteger("n"));
    }

    @Test
    void concurrentUpsertsOfOneIdCreateOneDocument() throws Exception {
        c.drop();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    c.updateOne(Filters.eq("_id", "k" + i), Updates.inc("n", 1), new UpdateOptions().upsert(true));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(50, c.countDocuments());
        for (int i = 0; i < 50; i++) {
            assertEquals(4, c.find(Filters.eq("_id", "k" + i)).first().getInteger("n"));
        }
    }
}
