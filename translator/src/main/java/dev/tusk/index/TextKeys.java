package dev.tusk.index;

import dev.tusk.text.TextIndexSpec;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonString;

/**
 * The keys of a text index: one per term of the document (stemmed, lower case, no diacritics), each
 * the IdKey encoding of the term as a string. Terms longer than {@link #MAX_TERM_CHARS} are cut to
 * that prefix, for both documents and searches, so a lookup by term is a superset (and the B-tree
 * row stays small); the search's re-check decides.
 */
public final class TextKeys {
    static final int MAX_TERM_CHARS = 256;

    private TextKeys() {}

    public static Set<ByteBuffer> of(TextIndexSpec spec, org.bson.BsonDocument doc) {
        Set<ByteBuffer> keys = new LinkedHashSet<>();
        for (String term : spec.termScores(doc).keySet()) {
            keys.add(ByteBuffer.wrap(key(term)));
        }
        return keys;
    }

    /** Point ranges for the terms a search looks up. */
    public static List<KeyRange> ranges(Collection<String> terms) {
        return terms.stream().map(t -> ByteBuffer.wrap(key(t))).distinct()
                .map(k -> new KeyRange(k.array(), IndexBounds.successor(k.array()), true)).toList();
    }

    private static byte[] key(String term) {
        String cut = term.length() > MAX_TERM_CHARS ? term.substring(0, MAX_TERM_CHARS) : term;
        return IndexKeys.component(new BsonString(cut), false);
    }
}
