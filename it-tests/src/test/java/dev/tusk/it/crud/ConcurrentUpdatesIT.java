package dev.tusk.it.crud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
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

    /** Issue 5's proof: two clients, each running 10,000 `$inc: 1` on one document, end at exactly 20,000. */
    @Test
    void twoClientsTenThousandIncrementsEach() throws Exception {
        c.drop();
        c.insertOne(new Document("_id", "hits").append("n", 0));
        assertEquals(20_000, incrementConcurrently(c.getNamespace().getCollectionName(), "hits", 2, 10_000));
        assertEquals(20_000, c.find().first().getInteger("n"));
    }

    /** When the incremented field is indexed, each write also moves the index key; none may be lost or left behind. */
    @Test
    void concurrentIncrementsOfAnIndexedField() throws Exception {
        MongoCollection<Document> indexed = TuskTestServer.client().getDatabase("concurrency_it").getCollection("indexed");
        indexed.drop();
        indexed.createIndex(new Document("n", 1));
        indexed.insertOne(new Document("_id", "hits").append("n", 0));
        assertEquals(1_000, incrementConcurrently("indexed", "hits", 4, 250));
        assertEquals("hits", indexed.find(Filters.eq("n", 1_000)).first().getString("_id"));
        assertEquals(0, indexed.countDocuments(Filters.lt("n", 1_000)));
        assertEquals(1, indexed.countDocuments(Filters.gte("n", 0)));
    }

    /** Runs {@code perClient} `$inc: {n: 1}` from each of {@code clients} separate MongoClients; returns the sum of modifiedCount. */
    private static long incrementConcurrently(String collection, String id, int clients, int perClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<MongoClient> opened = new ArrayList<>();
        List<Future<Long>> done = new ArrayList<>();
        try {
            for (int t = 0; t < clients; t++) {
                MongoClient client = TuskTestServer.newClient(TuskTestServer.uri() + "?directConnection=true");
                opened.add(client);
                MongoCollection<Document> target = client.getDatabase("concurrency_it").getCollection(collection);
                done.add(pool.submit(() -> {
                    long modified = 0;
                    for (int i = 0; i < perClient; i++) {
                        modified += target.updateOne(Filters.eq("_id", id), Updates.inc("n", 1)).getModifiedCount();
                    }
                    return modified;
                }));
            }
            long modified = 0;
            for (Future<Long> f : done) {
                modified += f.get();
            }
            return modified;
        } finally {
            pool.shutdown();
            opened.forEach(MongoClient::close);
        }
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
