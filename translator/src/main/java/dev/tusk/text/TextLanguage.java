package dev.tusk.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.HungarianStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

/**
 * The languages of MongoDB's text search (its names and two-letter codes), each with the Snowball
 * stemmer MongoDB uses and a stop-word list. Stemmers and lists come from Lucene's analysis module
 * (the Snowball project's lists; Romanian and Turkish from Lucene's own), so a few stop words differ
 * from MongoDB's private lists (docs/COMPATIBILITY.md). {@code none}: no stemming, no stop words.
 */
public enum TextLanguage {
    DANISH("danish", "da", DanishStemmer::new, "snowball/danish_stop.txt"),
    DUTCH("dutch", "nl", DutchStemmer::new, "snowball/dutch_stop.txt"),
    ENGLISH("english", "en", EnglishStemmer::new, "snowball/english_stop.txt"),
    FINNISH("finnish", "fi", FinnishStemmer::new, "snowball/finnish_stop.txt"),
    FRENCH("french", "fr", FrenchStemmer::new, "snowball/french_stop.txt"),
    GERMAN("german", "de", GermanStemmer::new, "snowball/german_stop.txt"),
    HUNGARIAN("hungarian", "hu", HungarianStemmer::new, "snowball/hungarian_stop.txt"),
    ITALIAN("italian", "it", ItalianStemmer::new, "snowball/italian_stop.txt"),
    NORWEGIAN("norwegian", "nb", NorwegianStemmer::new, "snowball/norwegian_stop.txt"),
    PORTUGUESE("portuguese", "pt", PortugueseStemmer::new, "snowball/portuguese_stop.txt"),
    ROMANIAN("romanian", "ro", RomanianStemmer::new, "ro/stopwords.txt"),
    RUSSIAN("russian", "ru", RussianStemmer::new, "snowball/russian_stop.txt"),
    SPANISH("spanish", "es", SpanishStemmer::new, "snowball/spanish_stop.txt"),
    SWEDISH("swedish", "sv", SwedishStemmer::new, "snowball/swedish_stop.txt"),
    TURKISH("turkish", "tr", TurkishStemmer::new, "tr/stopwords.txt"),
    NONE("none", "none", null, null);

    private static final Map<String, TextLanguage> BY_NAME = new HashMap<>();

    static {
        for (TextLanguage l : values()) {
            BY_NAME.put(l.mongoName, l);
            BY_NAME.put(l.code, l);
        }
    }

    private final String mongoName;
    private final String code;
    private final String stopWordFile;
    private final ThreadLocal<SnowballStemmer> stemmer;
    private volatile Set<String> stopWords;

    TextLanguage(String mongoName, String code, Supplier<SnowballStemmer> stemmers, String stopWordFile) {
        this.mongoName = mongoName;
        this.code = code;
        this.stopWordFile = stopWordFile;
        this.stemmer = stemmers == null ? null : ThreadLocal.withInitial(stemmers);
    }

    /** A MongoDB language name or code ("english", "en", "none"); MongoDB accepts them in any case. */
    public static Optional<TextLanguage> of(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    /** MongoDB's name of the language ("english" for "en" too). */
    public String mongoName() {
        return mongoName;
    }

    public boolean isEnglish() {
        return this == ENGLISH;
    }

    public boolean isTurkish() {
        return this == TURKISH;
    }

    /** The word's stem (the word itself for {@code none}). */
    public String stem(String word) {
        if (stemmer == null) {
            return word;
        }
        SnowballStemmer s = stemmer.get();
        s.setCurrent(word);
        s.stem();
        return s.getCurrent();
    }

    /** True if the lower-cased word is one of the language's stop words. */
    public boolean isStopWord(String lowerCased) {
        return stopWords().contains(lowerCased);
    }

    private Set<String> stopWords() {
        Set<String> words = stopWords;
        if (words == null) {
            words = stopWordFile == null ? Set.of() : load(stopWordFile);
            stopWords = words;
        }
        return words;
    }

    private static Set<String> load(String file) {
        String resource = "/org/apache/lucene/analysis/" + file;
        try (InputStream in = TextLanguage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing stop-word list " + resource);
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            CharArraySet set = file.startsWith("snowball/") ? WordlistLoader.getSnowballWordSet(reader)
                    : WordlistLoader.getWordSet(reader, "#");
            java.util.HashSet<String> out = new java.util.HashSet<>();
            for (Object w : set) {
                out.add(w instanceof char[] chars ? new String(chars) : w.toString());
            }
            return Set.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
