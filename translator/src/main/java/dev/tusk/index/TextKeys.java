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
        byte[] prefix = prefix(spec, doc);
        Set<ByteBuffer> keys = new LinkedHashSet<>();
        for (String term : spec.termScores(doc).keySet()) {
            keys.add(ByteBuffer.wrap(key(prefix, term)));
        }
        return keys;
    }

    /**
     * A compound text index's prefix: the document's values of the fields before the text fields (a
     * search must name each with an equality), one value each as MongoDB requires (16675 for an array).
     */
    static byte[] prefix(TextIndexSpec spec, org.bson.BsonDocument doc) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String field : spec.prefix()) {
            List<org.bson.BsonValue> values = dev.tusk.query.ReachedValues.unexpanded(doc, dev.tusk.bson.FieldPath.parse(field));
            if (values.size() != 1 || values.get(0).isArray()) {
                throw dev.tusk.error.ErrorCode.LOCATION_16675.error("cannot have a multi-key as a prefix to a text index");
            }
            out.writeBytes(IndexKeys.component(values.get(0), false));
        }
        return out.toByteArray();
    }

    /**
     * The key prefix a search on a compound text index reads under: the filter's equality on each
     * leading field (MongoDB's planner cannot use the index without them, and nor can Tusk).
     */
    public static byte[] searchPrefix(TextIndexSpec spec, dev.tusk.query.FilterNode filter) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String field : spec.prefix()) {
            dev.tusk.bson.FieldPath path = dev.tusk.bson.FieldPath.parse(field);
            org.bson.BsonValue value = IndexBounds.conjuncts(filter).stream()
                    .filter(n -> n instanceof dev.tusk.query.FilterNode.Compare c && c.op() == dev.tusk.query.FilterNode.Op.EQ
                            && c.path().equals(path) && !c.value().isArray() && !c.value().isDocument())
                    .map(n -> ((dev.tusk.query.FilterNode.Compare) n).value()).findFirst()
                    .orElseThrow(() -> dev.tusk.error.ErrorCode.NO_QUERY_EXECUTION_PLANS.error("error processing query: planner "
                            + "returned error :: caused by :: failed to use text index to satisfy $text query (if text index is "
                            + "compound, are equality predicates given for all prefix fields?)"));
            out.writeBytes(IndexKeys.component(value, false));
        }
        return out.toByteArray();
    }

    /** Point ranges for the terms a search looks up, after the prefix its equalities give. */
    public static List<KeyRange> ranges(byte[] prefix, Collection<String> terms) {
        return terms.stream().map(t -> ByteBuffer.wrap(key(prefix, t))).distinct()
                .map(k -> new KeyRange(k.array(), IndexBounds.successor(k.array()), true)).toList();
    }

    private static byte[] key(byte[] prefix, String term) {
        String cut = term.length() > MAX_TERM_CHARS ? term.substring(0, MAX_TERM_CHARS) : term;
        byte[] t = IndexKeys.component(new BsonString(cut), false);
        byte[] k = java.util.Arrays.copyOf(prefix, prefix.length + t.length);
        System.arraycopy(t, 0, k, prefix.length, t.length);
        return k;
    }
}
