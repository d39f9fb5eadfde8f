package dev.tusk.it.indexes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ExplainVerbosity;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.TextSearchOptions;
import com.mongodb.client.model.Updates;
import dev.tusk.it.support.TuskTestServer;
import dev.tusk.text.TextIndexSpec;
import dev.tusk.text.TextQuery;
import dev.tusk.text.TextSearch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Text indexes and $text through the Java driver: the MongoDB manual's examples (terms, phrases,
 * negations, languages, case and diacritic sensitivity), textScore in projections, sorts and
 * pipelines, MongoDB's errors, and on 10,000 documents that PostgreSQL reads the text index's side
 * table and that the results equal the reference evaluator's over every document.
 */
class TextSearchIT {
    private static final MongoDatabase db = TuskTestServer.client().getDatabase("text_search_it");
    private static final MongoCollection<Document> articles = db.getCollection("articles");
    private static final MongoCollection<Document> corpus = db.getCollection("corpus");
    private static final String[] WORDS = {"coffee", "tea", "cake", "baking", "bakes", "shop", "shopping", "cream",
        "milk", "sugar", "the", "and", "running", "runner", "ran", "café", "Café", "CAFE", "garden", "gardens", "river",
        "bank", "banks", "quickly", "quick", "blue", "BLUE", "don't", "it's", "walking", "walked", "leche", "señor"};
    private static final List<String> SEARCHES = List.of("coffee", "bake cake", "\"coffee shop\"", "coffee -shop",
            "-coffee", "running", "cafe", "quick blue", "\"blue river\" -bank", "garden -\"the river\"", "the and",
            "don't", "leche señor", "shopping-cream", "zanzibar", "\"Zanzibar\" coffee");

    @BeforeAll
    static void loadCorpus() {
        corpus.drop();
        Random random = new Random(20261205);
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String body = sentence(random, 12) + (i % 200 == 0 ? " Zanzibar" : "");
            Document d = new Document("_id", i).append("title", sentence(random, 3)).append("body", body);
            if (i % 7 == 0) {
                d.append("tags", List.of(sentence(random, 1), sentence(random, 1)));
            }
            if (i % 11 == 0) {
                d.append("language", i % 2 == 0 ? "spanish" : "none");
            }
            if (i % 13 == 0) {
                d.append("notes", new Document("text", sentence(random, 4)));
            }
            docs.add(d);
        }
        corpus.insertMany(docs);
        corpus.createIndex(new Document("title", "text").append("body", "text").append("tags", "text"),
                new IndexOptions().weights(new Document("title", 3)));
        try (var sql = TuskTestServer.server().dataSource().getConnection(); var st = sql.createStatement()) {
            st.execute("ANALYZE");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static String sentence(Random random, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(i == 0 ? "" : random.nextInt(10) == 0 ? ", " : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.toString();
    }

    @BeforeEach
    void manualArticles() {
        articles.drop();
        articles.insertMany(List.of(
                new Document("_id", 1).append("subject", "coffee").append("author", "xyz").append("views", 50),
                new Document("_id", 2).append("subject", "Coffee Shopping").append("author", "efg").append("views", 5),
                new Document("_id", 3).append("subject", "Baking a cake").append("author", "abc").append("views", 90),
                new Document("_id", 4).append("subject", "baking").append("author", "xyz").append("views", 100),
                new Document("_id", 5).append("subject", "Café Con Leche").append("author", "abc").append("views", 200),
                new Document("_id", 6).append("subject", "Сырники").append("author", "jkl").append("views", 80),
                new Document("_id", 7).append("subject", "coffee and cream").append("author", "efg").append("views", 10),
                new Document("_id", 8).append("subject", "Cafe con Leche").append("author", "xyz").append("views", 10)));
        articles.createIndex(Indexes.text("subject"));
    }

    @Test
    void theManualsExamples() {
        assertEquals(Set.of(1, 2, 7), ids(Filters.text("coffee")));
        assertEquals(Set.of(1, 2, 3, 4, 7), ids(Filters.text("bake coffee cake")));
        assertEquals(Set.of(2), ids(Filters.text("\"coffee shop\"")));
        assertEquals(Set.of(1, 7), ids(Filters.text("coffee -shop")));
        assertEquals(Set.of(5, 8), ids(Filters.text("leche", new TextSearchOptions().language("es"))));
        assertEquals(Set.of(2), ids(Filters.text("Coffee", new TextSearchOptions().caseSensitive(true))));
        assertEquals(Set.of(5), ids(Filters.text("CAFÉ", new TextSearchOptions().diacriticSensitive(true))));
        assertEquals(Set.of(5, 6, 8), ids(Filters.text("сы́рники CAFÉS")));
        assertEquals(Set.of(), ids(Filters.text("-coffee")), "negations alone find nothing");
        assertEquals(Set.of(), ids(Filters.text("the and a")), "stop words alone find nothing");
        assertEquals(Set.of(2, 7), ids(Filters.and(Filters.text("coffee"), Filters.lt("views", 20))));
        assertEquals(3, articles.countDocuments(Filters.text("coffee")));
    }

    @Test
    void scoresProjectAndSortAsMongoDbComputesThem() {
        List<Document> found = articles.find(Filters.text("bake coffee cake"))
                .projection(Projections.metaTextScore("score"))
                .sort(Sorts.orderBy(Sorts.metaTextScore("score"), Sorts.ascending("_id"))).into(new ArrayList<>());
        assertEquals(List.of(3, 1, 4, 2, 7), found.stream().map(d -> d.getInteger("_id")).toList());
        assertEquals(List.of(1.5, 1.0, 1.0, 0.75, 0.75), found.stream().map(d -> d.getDouble("score")).toList());
        assertEquals("Baking a cake", found.get(0).getString("subject"), "a $meta-only projection keeps every field");
        Document included = articles.find(Filters.text("cake"))
                .projection(new Document("subject", 1).append("s", new Document("$meta", "textScore"))).first();
        assertEquals(new Document("_id", 3).append("subject", "Baking a cake").append("s", 0.75), included);
    }

    @Test
    void pipelinesCarryTheScoreThroughTheirStages() {
        List<Document> out = articles.aggregate(List.of(
                new Document("$match", new Document("$text", new Document("$search", "coffee cake"))),
                new Document("$project", new Document("subject", 1)),
                new Document("$addFields", new Document("words", new Document("$split", List.of("$subject", " ")))),
                new Document("$unwind", "$words"),
                new Document("$sort", new Document("score", new Document("$meta", "textScore")).append("_id", 1).append("words", 1)),
                new Document("$limit", 3),
                new Document("$project", new Document("words", 1).append("score", new Document("$meta", "textScore")))))
                .into(new ArrayList<>());
        assertEquals(List.of(new Document("_id", 1).append("words", "coffee").append("score", 1.0),
                new Document("_id", 2).append("words", "Coffee").append("score", 0.75),
                new Document("_id", 2).append("words", "Shopping").append("score", 0.75)), out);
    }

    @Test
    void textUnderOrNeedsItsOtherClausesIndexedAndScoresOnlyWhatTheSearchFound() {
        org.bson.conversions.Bson coffeeOrAbc = Filters.or(Filters.text("coffee"), Filters.eq("author", "abc"));
        assertEquals(291, code(() -> articles.find(coffeeOrAbc).first()), "author has no index: NoQueryExecutionPlans");
        articles.createIndex(Indexes.ascending("author"));
        assertEquals(Set.of(1, 2, 3, 5, 7), ids(coffeeOrAbc));
        assertEquals(5, articles.countDocuments(coffeeOrAbc));
        Document explained = articles.find(coffeeOrAbc).explain(ExplainVerbosity.EXECUTION_STATS);
        assertEquals(5, explained.get("executionStats", Document.class).getInteger("nReturned"), explained.toJson());
        Map<Integer, Double> searched = new TreeMap<>();
        articles.find(Filters.text("coffee")).projection(Projections.metaTextScore("score"))
                .forEach(d -> searched.put(d.getInteger("_id"), d.getDouble("score")));
        List<Document> found = articles.find(coffeeOrAbc).projection(Projections.fields(Projections.include("_id"),
                Projections.metaTextScore("score"))).sort(Sorts.orderBy(Sorts.metaTextScore("score"), Sorts.ascending("_id")))
                .into(new ArrayList<>());
        assertEquals(List.of(1, 2, 7, 3, 5), found.stream().map(d -> d.getInteger("_id")).toList(),
                "documents the search did not find sort after every score");
        for (Document d : found) {
            assertEquals(searched.get(d.getInteger("_id")), d.getDouble("score"), "the search's score, none for the other clause's");
        }
        assertEquals(Set.of(2, 7), ids(Filters.and(Filters.eq("author", "efg"),
                Filters.or(Filters.eq("_id", 2), Filters.text("cream")))), "an $or on _id is indexed (SERVER-13039's case)");
        assertEquals(Set.of(1, 2, 3, 4, 5, 7, 8), ids(Filters.or(Filters.text("coffee"), Filters.regex("author", "^a|^x"))),
                "a regex on an indexed field is an index scan on MongoDB");
        assertEquals(291, code(() -> articles.find(Filters.or(Filters.text("coffee"), Filters.eq("views", 5))).first()));
        List<Document> piped = articles.aggregate(List.of(new Document("$match", Filters.or(Filters.text("cake"), Filters.eq("author", "jkl"))),
                new Document("$project", new Document("score", new Document("$meta", "textScore"))),
                new Document("$sort", new Document("_id", 1)))).into(new ArrayList<>());
        assertEquals(List.of(new Document("_id", 3).append("score", 0.75), new Document("_id", 6)), piped);
    }

    @Test
    void writesSelectByText() {
        assertEquals(3, articles.updateMany(Filters.text("coffee"), Updates.set("hot", true)).getModifiedCount());
        assertEquals(Set.of(1, 2, 7), ids(Filters.eq("hot", true)));
        articles.updateOne(Filters.eq("_id", 4), Updates.set("subject", "coffee beans"));
        assertEquals(Set.of(1, 2, 4, 7), ids(Filters.text("coffee")), "an update re-indexes the text");
        assertEquals(2, articles.deleteMany(Filters.text("cream beans")).getDeletedCount());
        assertEquals(Set.of(1, 2), ids(Filters.text("coffee")));
    }

    @Test
    void mongoDbsErrors() {
        assertEquals(27, code(() -> db.getCollection("no_text_index").insertOne(new Document("a", "x")),
                () -> db.getCollection("no_text_index").find(Filters.text("x")).first()));
        assertEquals(40218, code(() -> articles.find().projection(Projections.metaTextScore("s")).first()));
        assertEquals(40218, code(() -> articles.find().sort(Sorts.metaTextScore("s")).first()));
        assertEquals(17313, code(() -> articles.aggregate(List.of(new Document("$limit", 1),
                new Document("$match", new Document("$text", new Document("$search", "x"))))).first()));
        assertEquals(85, code(() -> articles.createIndex(Indexes.text("author"))));
        assertEquals(2, code(() -> articles.find(Filters.and(Filters.text("a"), Filters.text("b"))).first()));
        assertEquals(2, code(() -> articles.find(Filters.nor(Filters.text("a"))).first()));
        assertEquals(17262, code(() -> articles.insertOne(new Document("subject", "x").append("language", "klingon"))));
        assertEquals(17264, code(() -> db.getCollection("bad_language").createIndex(Indexes.text("a"),
                new IndexOptions().defaultLanguage("klingon"))));
        assertEquals(2, code(() -> articles.find(new Document("$text", new Document("$search", "x").append("$bogus", 1))).first()));
    }

    @Test
    void aCompoundTextIndexSearchesUnderItsPrefixEqualities() {
        MongoCollection<Document> posts = db.getCollection("posts");
        posts.drop();
        posts.insertMany(List.of(new Document("_id", 1).append("tenant", "a").append("body", "coffee and cake"),
                new Document("_id", 2).append("tenant", "b").append("body", "coffee shop"),
                new Document("_id", 3).append("tenant", "a").append("body", "tea time")));
        posts.createIndex(new Document("tenant", 1).append("body", "text"));
        assertEquals(new Document("tenant", 1).append("_fts", "text").append("_ftsx", 1),
                posts.listIndexes().into(new ArrayList<>()).get(1).get("key", Document.class));
        assertEquals(Set.of(1), ids(posts, Filters.and(Filters.eq("tenant", "a"), Filters.text("coffee"))));
        assertEquals(Set.of(2), ids(posts, Filters.and(Filters.eq("tenant", "b"), Filters.text("coffee"))));
        assertEquals(291, code(() -> posts.find(Filters.text("coffee")).first()), "the prefix equality is required");
        Document winning = posts.find(Filters.and(Filters.eq("tenant", "a"), Filters.text("coffee"))).explain()
                .get("queryPlanner", Document.class).get("winningPlan", Document.class);
        assertEquals(new Document("tenant", "a"), winning.get("indexPrefix", Document.class));
        assertEquals(16675, code(() -> posts.insertOne(new Document("tenant", List.of("a", "b")).append("body", "x"))));
    }

    @Test
    void listIndexesShowsTheStoredTextSpec() {
        Document text = articles.listIndexes().into(new ArrayList<>()).get(1);
        assertEquals(Document.parse("{v: 2, key: {_fts: 'text', _ftsx: 1}, name: 'subject_text', weights: {subject: 1},"
                + " default_language: 'english', language_override: 'language', textIndexVersion: 3}"), text);
        articles.dropIndex("subject_text");
        assertEquals(27, code(() -> articles.find(Filters.text("coffee")).first()));
    }

    @Test
    void postgreSqlReadsTheTextIndexAndLosesNoDocument() {
        Document spec = corpus.listIndexes().into(new ArrayList<>()).get(1);
        TextIndexSpec index = TextIndexSpec.of(BsonDocument.parse(spec.toJson()));
        List<BsonDocument> all = new ArrayList<>();
        corpus.find().forEach(d -> all.add(BsonDocument.parse(d.toJson())));
        for (String search : SEARCHES) {
            TextQuery query = TextQuery.compile(new TextSearch(search, java.util.Optional.empty(), false, false), index);
            Map<Integer, Double> expected = new TreeMap<>();
            for (BsonDocument d : all) {
                query.score(d).ifPresent(s -> expected.put(d.getInt32("_id").getValue(), s));
            }
            Map<Integer, Double> actual = new TreeMap<>();
            corpus.find(Filters.text(search)).projection(Projections.metaTextScore("score"))
                    .forEach(d -> actual.put(d.getInteger("_id"), d.getDouble("score")));
            assertEquals(expected, actual, search);
        }
        assertTrue(ids(corpus, Filters.text("coffee")).size() > 1000, "the corpus has many coffee documents");
        Document plan = corpus.find(Filters.text("\"Zanzibar\" -bank")).explain(ExplainVerbosity.EXECUTION_STATS);
        String pgPlan = plan.get("tusk", Document.class).toJson();
        assertTrue(pgPlan.matches(".*\"Index Name\": \"corpus\\$title_text_body_text_tags_text_k_[^\"]*\".*"),
                "the side table's index serves the terms: " + pgPlan);
        assertEquals(45, plan.get("executionStats", Document.class).getInteger("totalDocsExamined"),
                "only the documents holding the term are read (50 hold Zanzibar, 5 of them in Spanish, whose stem differs)");
        Document winning = plan.get("queryPlanner", Document.class).get("winningPlan", Document.class);
        assertEquals("TEXT_MATCH", winning.getString("stage"));
        assertEquals(List.of("Zanzibar"), winning.get("parsedTextQuery", Document.class).getList("phrases", String.class));
        assertEquals(List.of("bank"), winning.get("parsedTextQuery", Document.class).getList("negatedTerms", String.class));
    }

    private static Set<Integer> ids(org.bson.conversions.Bson filter) {
        return ids(articles, filter);
    }

    private static Set<Integer> ids(MongoCollection<Document> c, org.bson.conversions.Bson filter) {
        Set<Integer> out = new TreeSet<>();
        c.find(filter).forEach(d -> out.add(d.getInteger("_id")));
        return out;
    }

    private static int code(Runnable... steps) {
        MongoException e = assertThrows(MongoException.class, () -> {
            for (Runnable step : steps) {
                step.run();
            }
        });
        return e.getCode();
    }
}
