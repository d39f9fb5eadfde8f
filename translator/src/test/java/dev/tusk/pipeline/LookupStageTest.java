package dev.tusk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.MongoServerException;
import dev.tusk.query.FilterEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** $lookup with the manual's examples, over in-memory collections. */
class LookupStageTest {
    private static final Map<String, List<BsonDocument>> DB = Map.of(
            "inventory", docs("{_id: 1, sku: 'almonds', instock: 120}", "{_id: 2, sku: 'bread', instock: 80}",
                    "{_id: 3, sku: 'cashews', instock: 60}", "{_id: 4, sku: 'pecans', instock: 70}", "{_id: 5, sku: null}", "{_id: 6}"),
            "warehouses", docs("{_id: 1, stock_item: 'almonds', warehouse: 'A', instock: 120}",
                    "{_id: 2, stock_item: 'pecans', warehouse: 'A', instock: 80}", "{_id: 3, stock_item: 'almonds', warehouse: 'B', instock: 60}"));

    private static final CollectionReader READER = (collection, filter) -> DB.getOrDefault(collection, List.of()).stream()
            .filter(d -> FilterEvaluator.matches(filter, d)).iterator();

    private static List<BsonDocument> docs(String... json) {
        List<BsonDocument> out = new ArrayList<>();
        for (String j : json) {
            out.add(BsonDocument.parse(j));
        }
        return out;
    }

    private static List<BsonDocument> run(String pipeline, String... input) {
        List<BsonDocument> out = new ArrayList<>();
        Pipeline.parse(BsonArray.parse(pipeline)).run(docs(input).iterator(), READER).forEachRemaining(out::add);
        return out;
    }

    @Test
    void equalityMatchIncludingNullsAndMissing() {
        List<BsonDocument> out = run("[{$lookup: {from: 'inventory', localField: 'item', foreignField: 'sku', as: 'inv'}}]",
                "{_id: 1, item: 'almonds'}", "{_id: 3}");
        assertEquals(docs("{_id: 1, sku: 'almonds', instock: 120}"), out.get(0).getArray("inv").getValues());
        assertEquals(docs("{_id: 5, sku: null}", "{_id: 6}"), out.get(1).getArray("inv").getValues());
    }

    @Test
    void arrayLocalFieldMatchesElements() {
        List<BsonDocument> out = run("[{$lookup: {from: 'inventory', localField: 'items', foreignField: 'sku', as: 'inv'}}]",
                "{_id: 1, items: ['bread', 'pecans']}");
        assertEquals(List.of(2, 4), out.get(0).getArray("inv").stream().map(d -> d.asDocument().getInt32("_id").getValue()).toList());
    }

    @Test
    void pipelineWithLetVariables() {
        List<BsonDocument> out = run("""
                [{$lookup: {from: 'warehouses', let: {item: '$item', qty: '$ordered'},
                  pipeline: [{$match: {$expr: {$and: [{$eq: ['$stock_item', '$$item']}, {$gte: ['$instock', '$$qty']}]}}},
                             {$project: {stock_item: 0, _id: 0}}],
                  as: 'stockdata'}}]""", "{_id: 1, item: 'almonds', ordered: 100}");
        assertEquals(docs("{warehouse: 'A', instock: 120}"), out.get(0).getArray("stockdata").getValues());
    }

    @Test
    void badSpecs() {
        assertThrows(MongoServerException.class, () -> Pipeline.parse(BsonArray.parse("[{$lookup: {from: 'x'}}]")));
        assertThrows(MongoServerException.class, () -> Pipeline.parse(BsonArray.parse("[{$lookup: {from: 'x', as: 'y', localField: 'a'}}]")));
        assertThrows(MongoServerException.class, () -> Pipeline.parse(BsonArray.parse("[{$lookup: {from: 'x', as: 'y', bogus: 1}}]")));
        MongoServerException let = assertThrows(MongoServerException.class,
                () -> Pipeline.parse(BsonArray.parse("[{$lookup: {from: 'x', as: 'y', let: 1, pipeline: []}}]")));
        org.junit.jupiter.api.Assertions.assertEquals("$lookup argument 'let: 1' must be an object, is type int", let.getMessage());
    }
}
