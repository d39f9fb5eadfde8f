package dev.tusk.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import org.bson.BsonDocument;

/**
 * A {@code $text} search compiled against the collection's text index, as MongoDB parses it: words
 * are terms any of which a document must contain, {@code "quoted phrases"} must all appear (their
 * words are terms too), {@code -word} and {@code -"phrase"} exclude documents. A {@code -} negates
 * only right after whitespace (or at the start); inside a phrase it is part of the phrase.
 */
public record TextQuery(TextSearch search, TextIndexSpec index, Set<String> termsForBounds, Set<String> positiveTerms,
        Set<String> negatedTerms, List<String> positivePhrases, List<String> negatedPhrases) {

    public static TextQuery compile(TextSearch search, TextIndexSpec index) {
        TextLanguage language = search.language().orElse(index.defaultLanguage());
        Set<String> bounds = new LinkedHashSet<>();
        Set<String> positive = new LinkedHashSet<>();
        Set<String> negated = new LinkedHashSet<>();
        List<String> positivePhrases = new ArrayList<>();
        List<String> negatedPhrases = new ArrayList<>();
        String s = search.search();
        boolean inNegation = false;
        boolean inPhrase = false;
        int quoteOffset = 0;
        int i = 0;
        while (i < s.length()) {
            boolean previousWhiteSpace = false;
            while (i < s.length() && isWhiteSpace(s.charAt(i))) {
                previousWhiteSpace = true;
                i++;
            }
            if (i == s.length()) {
                break;
            }
            char c = s.charAt(i);
            if (c == '-' || c == '"') {
                if (c == '-') {
                    if (!inPhrase && (previousWhiteSpace || i == 0)) {
                        inNegation = true;
                    }
                } else if (inPhrase) {
                    String phrase = s.substring(quoteOffset + 1, i);
                    (inNegation ? negatedPhrases : positivePhrases).add(phrase);
                    inNegation = false;
                    inPhrase = false;
                } else {
                    inPhrase = true;
                    if (inNegation && previousWhiteSpace) {
                        inNegation = false;
                    }
                    quoteOffset = i;
                }
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && !isWhiteSpace(s.charAt(i)) && s.charAt(i) != '-' && s.charAt(i) != '"') {
                i++;
            }
            if (inPhrase && inNegation) {
                continue;
            }
            if (inNegation && previousWhiteSpace) {
                inNegation = false;
            }
            addTerms(s.substring(start, i), language, search, inNegation, bounds, inNegation ? negated : positive);
        }
        return new TextQuery(search, index, bounds, positive, negated, positivePhrases, negatedPhrases);
    }

    private static boolean isWhiteSpace(char c) {
        return c == ' ' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    private static void addTerms(String text, TextLanguage language, TextSearch search, boolean negated, Set<String> bounds,
            Set<String> active) {
        List<String> indexTerms = TextTokenizer.terms(text, language, TextTokenizer.Mode.INDEX);
        if (!negated) {
            bounds.addAll(indexTerms);
        }
        active.addAll(search.caseSensitive() || search.diacriticSensitive()
                ? TextTokenizer.terms(text, language, new TextTokenizer.Mode(true, search.caseSensitive(), search.diacriticSensitive()))
                : indexTerms);
    }

    /** The document's text score if it matches, else empty. */
    public OptionalDouble score(BsonDocument doc) {
        if (termsForBounds.isEmpty()) {
            return OptionalDouble.empty();
        }
        java.util.Map<String, Double> scores = index.termScores(doc);
        boolean insensitive = !search.caseSensitive() && !search.diacriticSensitive();
        boolean[] positive = {false};
        boolean[] excluded = {false};
        if (insensitive) { // the match terms are the index's terms: the scores' keys tell
            positive[0] = positiveTerms.stream().anyMatch(scores::containsKey);
            excluded[0] = negatedTerms.stream().anyMatch(scores::containsKey);
        }
        List<String> strings = new ArrayList<>();
        if (!insensitive || !positivePhrases.isEmpty() || !negatedPhrases.isEmpty()) {
            TextTokenizer.Mode mode = new TextTokenizer.Mode(true, search.caseSensitive(), search.diacriticSensitive());
            index.forEachString(doc, (raw, language, weight) -> {
                if (!insensitive) {
                    for (String term : TextTokenizer.terms(raw, language, mode)) {
                        positive[0] |= positiveTerms.contains(term);
                        excluded[0] |= negatedTerms.contains(term);
                    }
                }
                strings.add(raw);
            });
        }
        if (!positive[0] || excluded[0]) {
            return OptionalDouble.empty();
        }
        for (String phrase : positivePhrases) {
            if (!containsPhrase(strings, phrase)) {
                return OptionalDouble.empty();
            }
        }
        for (String phrase : negatedPhrases) {
            if (containsPhrase(strings, phrase)) {
                return OptionalDouble.empty();
            }
        }
        double score = 0;
        for (String term : termsForBounds) {
            score += scores.getOrDefault(term, 0.0);
        }
        return OptionalDouble.of(score);
    }

    private boolean containsPhrase(List<String> strings, String phrase) {
        TextLanguage language = search.language().orElse(index.defaultLanguage());
        String needle = TextTokenizer.forPhrase(phrase, language, search.caseSensitive(), search.diacriticSensitive());
        for (String raw : strings) {
            if (TextTokenizer.forPhrase(raw, language, search.caseSensitive(), search.diacriticSensitive()).contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
