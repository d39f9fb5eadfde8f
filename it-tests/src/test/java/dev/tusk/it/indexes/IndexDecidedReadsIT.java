package dev.tusk.it.indexes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ExplainVerbosity;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads whose index ranges decide the filter alone (no JSONB predicate in SQL) return what the same
 * filter returns without the index, on values of every kind the ranges must keep apart (NaN, infinities,
 * decimals, strings, dates, null, missing, documents).
 */
class IndexDecidedReadsIT {
    private static final MongoCollection<Document> indexed =
            TuskTestServer.client().getDatabase("index_decided_it").getCollection("indexed");
    private static final MongoCollection<Document> plain =
            TuskTestServer.client().getDatabase("index_decided_it").getCollection("plain");

    @BeforeAll
    static void load() {
        indexed.drop();
        plain.drop();
        List<Object> values = List.of(Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -1, 0, 1, 1L, 1.5, 2.0,
                new Decimal128(new java.math.BigDecimal("1.50")), 10, "", "a", "b", "ab", new Date(0), new Date(5000),
                new ObjectId("650000000000000000000001"), true, false, new Document("k", 1));
        List<Document> docs = new ArrayList<>();
        int id = 0;
        for (int round = 0; round < 3; round++) {
            for (Object v : values) {
                docs.add(new Document("_id", id++).append("v", v));
            }
            docs.add(new Document("_id", id++).append("v", null));
            docs.add(new Document("_id", id++));
        }
        indexed.insertMany(docs);
        plain.insertMany(docs);
        indexed.createIndex(Indexes.ascending("v"));
    }

    @Test
    void decidedReadsEqualTheUnindexedAnswer() {
        List<Bson> filters = List.of(Filters.eq("v", 1), Filters.eq("v", 1.5), Filters.eq("v", "a"), Filters.in("v", List.of(0, "b", true)),
                Filters.gt("v", 0), Filters.gte("v", -1), Filters.and(Filters.gt("v", 0), Filters.lt("v", 2)),
                Filters.lt("v", 1), Filters.lte("v", "ab"), Filters.gte("v", "a"), Filters.gt("v", new Date(0)),
                Filters.lt("v", new ObjectId("650000000000000000000002")), Filters.gte("v", false),
                Filters.and(Filters.gte("v", 1), Filters.lte("v", 1)));
        for (Bson filter : filters) {
            assertEquals(sorted(ids(plain.find(filter))), sorted(ids(indexed.find(filter))), filter.toString());
            assertEquals(ids(plain.find(filter).sort(Sorts.ascending("v", "_id"))),
                    ids(indexed.find(filter).sort(Sorts.ascending("v", "_id"))), "sorted " + filter);
        }
        String sql = indexed.find(Filters.gt("v", 0)).explain(ExplainVerbosity.QUERY_PLANNER)
                .get("tusk", Document.class).getString("sql");
        assertFalse(sql.contains("jsonpath"), "the key range decides {v: {$gt: 0}} alone: " + sql);
        String open = indexed.find(Filters.lt("v", 1)).explain(ExplainVerbosity.QUERY_PLANNER)
                .get("tusk", Document.class).getString("sql");
        assertTrue(open.contains("jsonpath"), "a number range open downwards would hold NaN: " + open);
    }

    private static List<Integer> ids(Iterable<Document> docs) {
        List<Integer> ids = new ArrayList<>();
        docs.forEach(d -> ids.add(d.getInteger("_id")));
        return ids;
    }

    private static List<Integer> sorted(List<Integer> ids) {
        ids.sort(null);
        return ids;
    }
}
