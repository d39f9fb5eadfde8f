package dev.tusk.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.MongoServerException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tokenizing, parsing $search, matching and scoring, case by case (the manual's examples first). */
class TextSearchTest {
    private static final TextIndexSpec SUBJECT = TextIndexSpec.of(BsonDocument.parse(
            "{weights: {subject: 1}, default_language: 'english', language_override: 'language'}"));

    static Stream<Arguments> terms() {
        return Stream.of(
                Arguments.of("english", "Coffee Shopping", List.of("coffe", "shop")),
                Arguments.of("english", "Baking a cake", List.of("bake", "cake")),
                Arguments.of("english", "the and a of", List.of()),
                Arguments.of("english", "don't stop-believing", List.of("stop", "believ")),
                Arguments.of("english", "it's John's", List.of("john")),
                Arguments.of("english", "Café Con Leche", List.of("cafe", "con", "lech")),
                Arguments.of("english", "e-mail: a.b@c.org", List.of("e", "mail", "b", "c", "org")),
                Arguments.of("english", "snake_case x1 2024", List.of("snake_cas", "x1", "2024")),
                Arguments.of("spanish", "Café Con Leche", List.of("caf", "lech")),
                Arguments.of("spanish", "don't", List.of("don", "t")),
                Arguments.of("none", "The Running Dogs", List.of("the", "running", "dogs")),
                Arguments.of("german", "Häuser und Gärten", List.of("haus", "gart")),
                Arguments.of("russian", "Сырники", List.of("сырник")),
                Arguments.of("french", "«Les élèves»", List.of("elev")),
                Arguments.of("turkish", "KIRMIZI İstanbul", List.of("kırmız", "istanbul")),
                Arguments.of("english", "“quoted” — dash… end.", List.of("quot", "dash", "end")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("terms")
    void indexTermsAreMongoDbs(String language, String text, List<String> expected) {
        assertEquals(expected, TextTokenizer.terms(text, TextLanguage.of(language).orElseThrow(), TextTokenizer.Mode.INDEX));
    }

    static Stream<Arguments> parsedSearches() {
        return Stream.of(
                Arguments.of("coffee", Set.of("coffe"), Set.of(), List.of(), List.of()),
                Arguments.of("bake coffee cake", Set.of("bake", "coffe", "cake"), Set.of(), List.of(), List.of()),
                Arguments.of("\"coffee shop\"", Set.of("coffe", "shop"), Set.of(), List.of("coffee shop"), List.of()),
                Arguments.of("coffee -shop", Set.of("coffe"), Set.of("shop"), List.of(), List.of()),
                Arguments.of("-shop coffee", Set.of("coffe"), Set.of("shop"), List.of(), List.of()),
                Arguments.of("coffee-shop", Set.of("coffe", "shop"), Set.of(), List.of(), List.of()),
                Arguments.of("-\"coffee shop\" cake", Set.of("cake"), Set.of(), List.of(), List.of("coffee shop")),
                Arguments.of("- \"coffee shop\"", Set.of("coffe", "shop"), Set.of(), List.of("coffee shop"), List.of()),
                Arguments.of("\"a -b\"", Set.of("b"), Set.of(), List.of("a -b"), List.of()),
                Arguments.of("\"unterminated phrase", Set.of("untermin", "phrase"), Set.of(), List.of(), List.of()),
                Arguments.of("the and", Set.of(), Set.of(), List.of(), List.of()),
                Arguments.of("-coffee-cake", Set.of(), Set.of("coffe", "cake"), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsedSearches")
    void searchesParseAsMongoDbParsesThem(String search, Set<String> terms, Set<String> negated, List<String> phrases,
            List<String> negatedPhrases) {
        TextQuery q = TextQuery.compile(new TextSearch(search, Optional.empty(), false, false), SUBJECT);
        assertEquals(terms, q.termsForBounds());
        assertEquals(negated, q.negatedTerms());
        assertEquals(phrases, q.positivePhrases());
        assertEquals(negatedPhrases, q.negatedPhrases());
    }

    static Stream<Arguments> matches() {
        return Stream.of(
                Arguments.of("{subject: 'coffee'}", "coffee", 1.0),
                Arguments.of("{subject: 'Coffee Shopping'}", "coffee", 0.75),
                Arguments.of("{subject: 'Baking a cake'}", "bake coffee cake", 1.5),
                Arguments.of("{subject: 'cake'}", "cake", 1.1),
                Arguments.of("{subject: 'cake cake cake'}", "cake", 1.75),
                Arguments.of("{subject: 'Coffee Shopping'}", "coffee -shop", null),
                Arguments.of("{subject: 'coffee and cream'}", "\"coffee shop\"", null),
                Arguments.of("{subject: 'Coffee Shopping'}", "\"COFFEE SHOP\"", 1.5),
                Arguments.of("{subject: 'Coffee Shopping'}", "coffee -\"shopping\"", null),
                Arguments.of("{subject: ['tea', 'coffee cup']}", "coffee", 0.75),
                Arguments.of("{subject: {inner: 'coffee'}}", "coffee", null),
                Arguments.of("{title: 'coffee'}", "coffee", null),
                Arguments.of("{subject: 'Café con leche'}", "cafe", 0.6666666666666666),
                Arguments.of("{subject: 'leche', language: 'spanish'}", "leche", 1.0),
                Arguments.of("{subject: 'leches', language: 'none'}", "leche", null));
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @MethodSource("matches")
    void documentsMatchAndScoreAsOnMongoDb(String doc, String search, Double score) {
        OptionalDouble actual = TextQuery.compile(new TextSearch(search, Optional.empty(), false, false), SUBJECT)
                .score(BsonDocument.parse(doc));
        assertEquals(score == null ? OptionalDouble.empty() : OptionalDouble.of(score), actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sensitive")
    void caseAndDiacriticSensitiveSearches(String doc, String search, boolean caseSensitive, boolean diacriticSensitive,
            boolean matches) {
        TextQuery q = TextQuery.compile(new TextSearch(search, Optional.empty(), caseSensitive, diacriticSensitive), SUBJECT);
        assertEquals(matches, q.score(BsonDocument.parse(doc)).isPresent());
    }

    static Stream<Arguments> sensitive() {
        return Stream.of(
                Arguments.of("{subject: 'Coffee Shopping'}", "Coffee", true, false, true),
                Arguments.of("{subject: 'coffee'}", "Coffee", true, false, false),
                Arguments.of("{subject: 'Café Con Leche'}", "CAFÉ", false, true, true),
                Arguments.of("{subject: 'Cafe con Leche'}", "CAFÉ", false, true, false),
                Arguments.of("{subject: 'Cafe con Leche'}", "\"Con Leche\"", true, false, false),
                Arguments.of("{subject: 'Café Con Leche'}", "\"Cafe Con\"", true, false, true));
    }

    @org.junit.jupiter.api.Test
    void weightsWildcardsAndLanguageOverrides() {
        TextIndexSpec weighted = TextIndexSpec.of(BsonDocument.parse("{weights: {title: 10, 'a.b': 2}, default_language: 'english'}"));
        assertEquals(Map.of("coffe", 10.0, "tea", 2.2, "milk", 2.2), weighted.termScores(BsonDocument.parse(
                "{title: 'coffee', a: [{b: 'tea'}, {b: 'milk'}], c: 'ignored'}")),
                "a one-word string equal to its term gets MongoDB's 10% boost");
        TextIndexSpec all = TextIndexSpec.of(BsonDocument.parse("{weights: {'$**': 1}, default_language: 'english'}"));
        assertEquals(Set.of("coffe", "tea", "milk", "cup"), all.termScores(BsonDocument.parse(
                "{title: 'coffee', a: [{b: 'tea'}, ['milk']], c: {d: 'cup'}, language: 'english', n: 5}")).keySet());
        assertEquals(Set.of("leches"), all.termScores(BsonDocument.parse("{t: 'leches', language: 'none'}")).keySet());
        assertEquals(Set.of("lech"), all.termScores(BsonDocument.parse("{t: 'leches', sub: {language: 'es'}}")).keySet(),
                "an embedded document's language applies only inside it");
        assertEquals(17262, assertThrows(MongoServerException.class,
                () -> all.termScores(BsonDocument.parse("{t: 'x', language: 'klingon'}"))).code().code());
        assertEquals(17261, assertThrows(MongoServerException.class,
                () -> all.termScores(BsonDocument.parse("{t: 'x', language: 5}"))).code().code());
    }

    @org.junit.jupiter.api.Test
    void badTextArgumentsAreMongoDbsErrors() {
        for (String arg : List.of("{$search: 5}", "{}", "{$search: 'x', $language: 'klingon'}", "{$search: 'x', $caseSensitive: 1}",
                "{$search: 'x', $diacriticSensitive: 'yes'}", "{$search: 'x', other: 1}")) {
            assertEquals(2, assertThrows(MongoServerException.class, () -> TextSearch.parse(BsonDocument.parse(arg))).code().code(), arg);
        }
    }
}
