package dev.tusk.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** find's returnKey, showRecordId, min and max through the driver. */
class FindOptionsIT {
    private final MongoDatabase db = TuskTestServer.client().getDatabase("find_options_it");
    private final MongoCollection<Document> c = db.getCollection("c");

    /** _ids inserted out of `a` order, so index order and `_id` order differ. */
    @BeforeEach
    void load() {
        c.drop();
        c.insertMany(List.of(
                new Document("_id", 1).append("a", 3).append("b", "p"),
                new Document("_id", 2).append("a", 1).append("b", "q"),
                new Document("_id", 3).append("a", 5).append("b", "r"),
                new Document("_id", 4).append("a", 2).append("b", "s"),
                new Document("_id", 5).append("a", 4).append("b", "t")));
    }

    private static List<Document> all(FindIterable<Document> find) {
        return find.into(new ArrayList<>());
    }

    private static List<Integer> ids(FindIterable<Document> find) {
        return all(find).stream().map(d -> d.getInteger("_id")).toList();
    }

    private static Document doc(String json) {
        return Document.parse(json);
    }

    @Test
    void aHintChoosesThePlanAndNeverTheResults() {
        c.createIndex(Indexes.ascending("a"));
        c.createIndex(Indexes.ascending("b"));
        var filter = Filters.and(Filters.gte("a", 2), Filters.lte("b", "s"));
        List<Integer> unhinted = ids(c.find(filter).sort(Sorts.descending("_id")));
        assertEquals(List.of(4, 3, 1), unhinted);
        for (Document hint : List.of(doc("{a: 1}"), doc("{b: 1}"), doc("{_id: 1}"), doc("{$natural: 1}"))) {
            assertEquals(unhinted, ids(c.find(filter).sort(Sorts.descending("_id")).hint(hint)), "hint " + hint.toJson());
            assertEquals(List.of(3, 1, 4), ids(c.find(filter).sort(Sorts.descending("a")).hint(hint)), "sorted, hint " + hint.toJson());
        }
        assertEquals("b_1", innermost(c.find(filter).hint(doc("{b: 1}")).explain()).getString("indexName"));
        assertEquals("a_1", innermost(c.find(filter).hint(doc("{a: 1}")).explain()).getString("indexName"));
        assertEquals("COLLSCAN", innermost(c.find(filter).hint(doc("{$natural: 1}")).explain()).getString("stage"));
        assertEquals("COLLSCAN", innermost(c.find(Filters.eq("_id", 3)).hint(doc("{$natural: 1}")).explain()).getString("stage"),
                "not IDHACK");
        Document wholeIndex = innermost(c.find(Filters.eq("b", "r")).hint(doc("{a: 1}")).explain());
        assertEquals("a_1", wholeIndex.getString("indexName"), "an index the filter does not bound is read whole");
        assertEquals(new Document("a", List.of("[MinKey, MaxKey]")), wholeIndex.get("indexBounds", Document.class));
        assertEquals(List.of(3), ids(c.find(Filters.eq("b", "r")).hint(doc("{a: 1}"))));
        Document sorted = c.find(filter).sort(Sorts.descending("_id")).hint(doc("{a: 1}")).explain()
                .get("queryPlanner", Document.class).get("winningPlan", Document.class);
        assertEquals("SORT", sorted.getString("stage"), sorted.toJson());
    }

    private static Document innermost(Document explain) {
        Document stage = explain.get("queryPlanner", Document.class).get("winningPlan", Document.class);
        while (stage.containsKey("inputStage")) {
            stage = stage.get("inputStage", Document.class);
        }
        return stage;
    }

    @Test
    void returnKeyGivesTheKeysOfTheIndexUsed() {
        c.createIndex(Indexes.ascending("a"));
        assertEquals(List.of(doc("{a: 4}"), doc("{a: 5}")), all(c.find(Filters.gte("a", 4)).sort(Sorts.ascending("a")).returnKey(true)));
        assertEquals(List.of(doc("{a: 5}"), doc("{a: 4}"), doc("{a: 3}")),
                all(c.find(Filters.gte("a", 3)).sort(Sorts.descending("a")).returnKey(true)), "sort served by the index");
        assertEquals(List.of(doc("{a: 3}")), all(c.find(Filters.eq("a", 3)).returnKey(true)
                .projection(Projections.include("b"))), "the projection does not apply");
        assertEquals(List.of(doc("{a: 1}")), all(c.find(Filters.eq("b", "q")).hint(Indexes.ascending("a")).returnKey(true)),
                "a hinted index gives its keys");
    }

    @Test
    void returnKeyOnCompoundDottedAndMultikeyIndexes() {
        c.insertOne(new Document("_id", 6).append("a", List.of(7, 9)).append("b", "z").append("n", new Document("x", 8)));
        c.createIndex(Indexes.compoundIndex(Indexes.descending("b"), Indexes.ascending("n.x")));
        assertEquals(List.of(doc("{b: 'z', 'n.x': 8}"), doc("{b: 't', 'n.x': null}")),
                all(c.find(Filters.gte("b", "t")).sort(Sorts.descending("b")).returnKey(true)));
        c.createIndex(Indexes.ascending("a"));
        assertEquals(List.of(doc("{a: 9}")), all(c.find(Filters.gt("a", 8)).returnKey(true)),
                "the element of a multikey index the scan met");
    }

    @Test
    void returnKeyWithoutAnIndexGivesEmptyDocuments() {
        assertEquals(List.of(new Document(), new Document()), all(c.find(Filters.in("b", "p", "q")).returnKey(true)));
        c.createIndex(Indexes.ascending("a"));
        assertEquals(List.of(new Document()), all(c.find(Filters.eq("a", 3)).hint(new Document("$natural", 1)).returnKey(true)));
    }

    @Test
    void returnKeyOnIdGivesTheId() {
        assertEquals(List.of(doc("{_id: 4}")), all(c.find(Filters.eq("_id", 4)).returnKey(true)));
        assertEquals(List.of(doc("{_id: 4}"), doc("{_id: 5}")), all(c.find(Filters.gte("_id", 4)).returnKey(true)));
        assertEquals(List.of(doc("{_id: 4}")), all(c.find(Filters.eq("_id", 4)).returnKey(true).showRecordId(true)),
                "returnKey leaves out $recordId");
    }

    @Test
    void showRecordIdAppendsADistinctInt64() {
        c.createIndex(Indexes.ascending("a"));
        List<FindIterable<Document>> finds = List.of(c.find(), c.find(Filters.gt("a", 0)), c.find().sort(Sorts.ascending("a")),
                c.find().sort(Sorts.descending("b")), c.find().projection(Projections.include("b")), c.find().batchSize(2));
        for (FindIterable<Document> find : finds) {
            List<Document> docs = all(find.showRecordId(true));
            assertEquals(5, docs.size());
            Set<Long> recordIds = new HashSet<>();
            for (Document d : docs) {
                List<String> keys = new ArrayList<>(d.keySet());
                assertEquals("$recordId", keys.get(keys.size() - 1), d.toJson());
                assertTrue(d.get("$recordId") instanceof Long, d.toJson());
                recordIds.add(d.getLong("$recordId"));
            }
            assertEquals(5, recordIds.size());
        }
        assertEquals(List.of("_id", "b", "$recordId"),
                List.copyOf(c.find().sort(Sorts.descending("b")).projection(Projections.include("b")).showRecordId(true).first().keySet()),
                "projection first, $recordId after (in-memory sort)");
        assertEquals(doc("{_id: 3, a: 5, b: 'r'}"), withoutRecordId(c.find(Filters.eq("_id", 3)).showRecordId(true).first()));
        assertEquals(3, all(c.find().showRecordId(false)).get(0).size());
    }

    @Test
    void recordIdIsTheRowsPositionSoAnUpdateChangesIt() {
        long before = c.find(Filters.eq("_id", 2)).showRecordId(true).first().getLong("$recordId");
        assertEquals(before, c.find(Filters.eq("b", "q")).showRecordId(true).first().getLong("$recordId"));
        c.updateOne(Filters.eq("_id", 2), Updates.set("b", "qq"));
        assertNotEquals(before, c.find(Filters.eq("_id", 2)).showRecordId(true).first().getLong("$recordId"));
    }

    private static Document withoutRecordId(Document d) {
        d.remove("$recordId");
        return d;
    }

    @Test
    void minMaxOnASingleFieldIndex() {
        c.createIndex(Indexes.ascending("a"));
        var hint = Indexes.ascending("a");
        assertEquals(List.of(4, 1, 5), ids(c.find().min(doc("{a: 2}")).max(doc("{a: 5}")).hint(hint)), "index order, max exclusive");
        assertEquals(List.of(5, 3), ids(c.find().min(doc("{a: 4.0}")).hintString("a_1")), "min alone: to the end");
        assertEquals(List.of(2, 4), ids(c.find().max(doc("{a: {$numberLong: '3'}}")).hint(hint)), "max alone: from the start");
        assertEquals(List.of(1, 5), ids(c.find(Filters.gt("a", 2)).min(doc("{a: 1}")).max(doc("{a: 5}")).hint(hint)), "and the filter");
        assertEquals(List.of(5, 4, 1), ids(c.find().min(doc("{a: 2}")).max(doc("{a: 5}")).hint(hint).sort(Sorts.descending("b"))));
        assertEquals(List.of(1), ids(c.find().min(doc("{a: 2}")).max(doc("{a: 5}")).hint(hint).skip(1).limit(1)));
        assertEquals(List.of(doc("{a: 2}"), doc("{a: 3}")), all(c.find().min(doc("{a: 2}")).max(doc("{a: 4}")).hint(hint).returnKey(true)));
        List<Document> withIds = all(c.find().min(doc("{a: 2}")).max(doc("{a: 4}")).hint(hint).showRecordId(true));
        assertTrue(withIds.stream().allMatch(d -> d.get("$recordId") instanceof Long));
    }

    @Test
    void minMaxOnDescendingAndCompoundIndexes() {
        c.createIndex(Indexes.descending("a"));
        assertEquals(List.of(3, 5, 1), ids(c.find().min(doc("{a: 5}")).max(doc("{a: 2}")).hint(Indexes.descending("a"))),
                "a descending index runs from high to low");
        c.insertMany(List.of(new Document("_id", 6).append("a", 2).append("b", "a"),
                new Document("_id", 7).append("a", 2).append("b", "z")));
        var compound = Indexes.compoundIndex(Indexes.ascending("a"), Indexes.descending("b"));
        c.createIndex(compound);
        assertEquals(List.of(7, 4, 6, 1), ids(c.find().min(doc("{a: 2, b: 'z'}")).max(doc("{a: 3, b: 'a'}")).hint(compound)));
        assertEquals(List.of(4), ids(c.find().min(doc("{a: 2, b: 'y'}")).max(doc("{a: 2, b: 'a'}")).hint(compound)),
                "within a = 2, b from 'y' down, 'a' excluded");
    }

    @Test
    void minMaxOnTheIdIndex() {
        assertEquals(List.of(2, 3), ids(c.find().min(doc("{_id: 2}")).max(doc("{_id: 4}")).hint(Indexes.ascending("_id"))));
        assertEquals(List.of(4, 5), ids(c.find().min(doc("{_id: 4}")).hintString("_id_")));
    }

    @Test
    void minMaxOnAMultikeyIndexUsesTheElements() {
        c.insertMany(List.of(new Document("_id", 6).append("a", List.of(0, 7, 8)),
                new Document("_id", 7).append("a", List.of(0, 1)), new Document("_id", 8).append("a", List.of())));
        c.createIndex(Indexes.ascending("a"));
        assertEquals(List.of(3, 6), ids(c.find().min(doc("{a: 5}")).hint(Indexes.ascending("a"))),
                "once each; a whole array is not a key");
        assertEquals(List.of(doc("{a: 7}")), all(c.find(Filters.eq("_id", 6)).min(doc("{a: 5}")).hint(Indexes.ascending("a")).returnKey(true)));
    }

    @Test
    void minMaxErrors() {
        c.createIndex(Indexes.compoundIndex(Indexes.ascending("a"), Indexes.ascending("b")));
        assertEquals(51173, queryError(c.find().min(doc("{a: 1, b: 'a'}"))).getErrorCode());
        assertTrue(queryError(c.find().max(doc("{a: 1, b: 'a'}"))).getErrorMessage().contains("hint"));
        assertEquals(51174, queryError(c.find().min(doc("{a: 1}")).hint(doc("{a: 1, b: 1}"))).getErrorCode(), "a prefix is not enough");
        assertEquals(51174, queryError(c.find().min(doc("{b: 'a', a: 1}")).hint(doc("{a: 1, b: 1}"))).getErrorCode(), "field order");
        assertEquals(51175, queryError(c.find().min(doc("{a: 2, b: 'a'}")).max(doc("{a: 2, b: 'a'}")).hint(doc("{a: 1, b: 1}")))
                .getErrorCode(), "min must come before max");
        assertEquals(51176, queryError(c.find().min(doc("{a: 2, b: 'a'}")).max(doc("{a: 3}")).hint(doc("{a: 1, b: 1}")))
                .getErrorCode());
        assertEquals(291, queryError(c.find().min(doc("{a: 2, b: 'a'}")).hint(doc("{$natural: 1}"))).getErrorCode());
        assertEquals(2, queryError(c.find().min(doc("{a: 2}")).hintString("nope")).getErrorCode());
        assertEquals(List.of(), ids(db.getCollection("absent").find().min(doc("{a: 1}"))), "no collection: no plan to check");
    }

    @Test
    void wrongTypesAreTypeMismatch() {
        for (String option : List.of("returnKey", "showRecordId", "min", "max")) {
            MongoCommandException e = assertThrows(MongoCommandException.class,
                    () -> db.runCommand(new Document("find", "c").append(option, "x")), option);
            assertEquals(14, e.getErrorCode(), option);
        }
        Document reply = db.runCommand(new Document("find", "c").append("filter", doc("{_id: 1}")).append("returnKey", 1));
        assertEquals(List.of(doc("{_id: 1}")), reply.get("cursor", Document.class).getList("firstBatch", Document.class));
    }

    private static MongoCommandException queryError(FindIterable<Document> find) {
        return assertThrows(MongoCommandException.class, () -> find.into(new ArrayList<>()));
    }
}
