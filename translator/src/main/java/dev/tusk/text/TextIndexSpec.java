package dev.tusk.text;

import dev.tusk.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A text index as MongoDB defines it: the weighted fields (or every string, {@code $**}), the
 * default language and the field that overrides it per (sub)document. Says which strings of a
 * document are indexed, in which language and with which weight, and scores a document's terms
 * the way MongoDB's text index does.
 */
public record TextIndexSpec(TreeMap<String, Double> weights, boolean wildcard, TextLanguage defaultLanguage,
        String languageOverride, java.util.List<String> prefix) {

    /** A string of the document that the index covers. */
    public interface StringVisitor {
        void visit(String raw, TextLanguage language, double weight);
    }

    /** From a normalised index spec (listIndexes' shape: weights, default_language, language_override). */
    public static TextIndexSpec of(BsonDocument spec) {
        TreeMap<String, Double> weights = new TreeMap<>();
        boolean wildcard = false;
        for (Map.Entry<String, BsonValue> e : spec.getDocument("weights", new BsonDocument()).entrySet()) {
            if (e.getKey().equals("$**")) {
                wildcard = true;
            } else {
                weights.put(e.getKey(), e.getValue().asNumber().doubleValue());
            }
        }
        TextLanguage language = TextLanguage.of(spec.getString("default_language", new org.bson.BsonString("english")).getValue())
                .orElse(TextLanguage.ENGLISH);
        String override = spec.getString("language_override", new org.bson.BsonString("language")).getValue();
        java.util.List<String> prefix = new java.util.ArrayList<>();
        for (String field : spec.getDocument("key", new BsonDocument()).keySet()) {
            if (field.equals("_fts")) {
                break;
            }
            prefix.add(field);
        }
        return new TextIndexSpec(weights, wildcard, language, override, java.util.List.copyOf(prefix));
    }

    /** Every indexed string of the document, with its language and weight. */
    public void forEachString(BsonDocument doc, StringVisitor visitor) {
        walk(doc, defaultLanguage, "", false, visitor);
    }

    /**
     * The document's score for each of its terms: per string, a term's weighted frequency (each
     * repetition counts half the previous one), scaled by how much of the string the term is, with a
     * small boost when the string is that one word.
     */
    public Map<String, Double> termScores(BsonDocument doc) {
        Map<String, Double> scores = new HashMap<>();
        forEachString(doc, (raw, language, weight) -> scoreString(raw, language, weight, scores));
        return scores;
    }

    private static void scoreString(String raw, TextLanguage language, double weight, Map<String, Double> scores) {
        Map<String, double[]> terms = new HashMap<>(); // term → {freq, count, exp}
        int tokens = 0;
        for (String term : TextTokenizer.terms(raw, language, TextTokenizer.Mode.INDEX)) {
            double[] data = terms.computeIfAbsent(term, t -> new double[3]);
            data[2] = data[2] == 0 ? 1 : data[2] * 2;
            data[1] += 1;
            data[0] += 1 / data[2];
            tokens++;
        }
        int rawBytes = raw.getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, double[]> e : terms.entrySet()) {
            double[] data = e.getValue();
            double coeff = 0.5 * data[1] / tokens + 0.5;
            String term = e.getKey();
            double adjustment = rawBytes == term.getBytes(StandardCharsets.UTF_8).length && raw.equalsIgnoreCase(term) ? 1.1 : 1;
            scores.merge(term, weight * data[0] * coeff * adjustment, Double::sum);
        }
    }

    private void walk(BsonDocument obj, TextLanguage parentLanguage, String parentPath, boolean isArray, StringVisitor visitor) {
        TextLanguage language = isArray ? parentLanguage : languageOf(obj, parentLanguage);
        for (Map.Entry<String, BsonValue> e : obj.entrySet()) {
            String name = e.getKey();
            if (wildcard && name.equals(languageOverride)) {
                continue;
            }
            String path = parentPath.isEmpty() ? name : isArray ? parentPath : parentPath + "." + name;
            Double exact = weights.get(path);
            if (!wildcard && exact == null && !isPrefixOfWeighted(path)) {
                continue;
            }
            double weight = exact == null ? 1 : exact;
            BsonValue v = e.getValue();
            if (v.isString()) {
                if (exact != null || wildcard) {
                    visitor.visit(v.asString().getValue(), language, weight);
                }
            } else if (v.isDocument()) {
                if (exact == null || wildcard) {
                    walk(v.asDocument(), language, path, false, visitor);
                }
            } else if (v.isArray() && (!isArray || wildcard)) {
                walk(asDocument(v.asArray()), language, path, true, visitor);
            }
        }
    }

    private boolean isPrefixOfWeighted(String path) {
        String next = weights.ceilingKey(path);
        return next != null && next.startsWith(path + ".");
    }

    private TextLanguage languageOf(BsonDocument obj, TextLanguage parent) {
        BsonValue v = obj.get(languageOverride);
        if (v == null) {
            return parent;
        }
        if (!v.isString()) {
            throw ErrorCode.LOCATION_17261.error("found language override field in document with non-string type");
        }
        return TextLanguage.of(v.asString().getValue()).orElseThrow(() ->
                ErrorCode.LOCATION_17262.error("language override unsupported: %s", v.asString().getValue()));
    }

    private static BsonDocument asDocument(BsonArray array) {
        BsonDocument out = new BsonDocument();
        for (int i = 0; i < array.size(); i++) {
            out.append(Integer.toString(i), array.get(i));
        }
        return out;
    }
}
