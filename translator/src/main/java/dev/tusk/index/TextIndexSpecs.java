package dev.tusk.index;

import dev.tusk.error.ErrorCode;
import dev.tusk.text.TextLanguage;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * A text index's createIndexes spec in MongoDB's stored form: the key becomes
 * {@code {_fts: "text", _ftsx: 1}}, the text fields move into {@code weights} (sorted by name,
 * default weight 1), with {@code default_language}, {@code language_override} and
 * {@code textIndexVersion: 3}.
 */
final class TextIndexSpecs {
    private static final int MAX_WEIGHT = 100_000;

    private TextIndexSpecs() {}

    static boolean isText(BsonDocument key) {
        return key.values().stream().anyMatch(v -> v.isString() && v.asString().getValue().equals("text"))
                || key.containsKey("_fts");
    }

    /** {@code out} (the generic normalised spec) rewritten as a text index. */
    static BsonDocument normalise(BsonDocument key, BsonDocument out) {
        TreeMap<String, Integer> weights = new TreeMap<>();
        BsonDocument storedKey = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : key.entrySet()) {
            boolean fts = e.getKey().equals("_fts") || e.getKey().equals("_ftsx"); // the stored form, e.g. from listIndexes
            boolean text = e.getValue().isString() && e.getValue().asString().getValue().equals("text");
            if (text && !fts) {
                weights.put(e.getKey(), 1);
            }
            if (text || fts) {
                if (!storedKey.containsKey("_fts")) {
                    storedKey.append("_fts", new BsonString("text")).append("_ftsx", new BsonInt32(1));
                }
            } else if (e.getValue().isNumber()) { // a prefix (before the text fields) or suffix field
                storedKey.append(e.getKey(), e.getValue());
            } else {
                throw ErrorCode.CANNOT_CREATE_INDEX.error("a text index can only be compound with ascending or descending fields, not '%s'",
                        e.getKey());
            }
        }
        if (out.containsKey("weights")) {
            BsonValue given = out.get("weights");
            if (given.isString() && given.asString().getValue().equals("$**")) {
                weights.put("$**", 1);
            } else if (!given.isDocument()) {
                throw ErrorCode.CANNOT_CREATE_INDEX.error("weights must be an object or \"$**\"");
            } else {
                for (Map.Entry<String, BsonValue> w : given.asDocument().entrySet()) {
                    if (!w.getValue().isNumber()) {
                        throw ErrorCode.TYPE_MISMATCH.error("weight for text index needs numeric type");
                    }
                    double weight = w.getValue().asNumber().doubleValue();
                    if (!(weight > 0 && weight < MAX_WEIGHT)) {
                        throw ErrorCode.LOCATION_16674.error("score for word too high");
                    }
                    weights.put(w.getKey(), (int) weight);
                }
            }
        }
        if (weights.isEmpty()) {
            throw ErrorCode.CANNOT_CREATE_INDEX.error("text index needs at least one field");
        }
        String language = "english";
        if (out.containsKey("default_language")) {
            BsonValue v = out.get("default_language");
            if (!v.isString()) {
                throw ErrorCode.LOCATION_17263.error("default_language needs a string type");
            }
            language = v.asString().getValue();
            if (TextLanguage.of(language).isEmpty()) {
                throw ErrorCode.LOCATION_17264.error("default_language is not valid");
            }
        }
        String override = "language";
        if (out.containsKey("language_override")) {
            BsonValue v = out.get("language_override");
            if (!v.isString() || v.asString().getValue().isEmpty()) {
                throw ErrorCode.CANNOT_CREATE_INDEX.error("language_override must be a non-empty string");
            }
            override = v.asString().getValue();
        }
        if (out.containsKey("textIndexVersion") && !(out.get("textIndexVersion").isNumber()
                && out.get("textIndexVersion").asNumber().intValue() == 3)) {
            throw ErrorCode.CANNOT_CREATE_INDEX.error("Currently only textIndexVersion 3 is supported, not %s",
                    out.get("textIndexVersion"));
        }
        if (out.containsKey("unique")) {
            throw ErrorCode.CANNOT_CREATE_INDEX.error("text indexes cannot be unique");
        }
        BsonDocument weightsDoc = new BsonDocument();
        weights.forEach((field, w) -> weightsDoc.append(field, new BsonInt32(w)));
        BsonDocument spec = new BsonDocument("v", out.get("v"))
                .append("key", storedKey)
                .append("name", out.get("name"));
        for (Map.Entry<String, BsonValue> e : out.entrySet()) {
            if (!Map.of("v", 1, "key", 1, "name", 1, "weights", 1, "default_language", 1, "language_override", 1,
                    "textIndexVersion", 1).containsKey(e.getKey())) {
                spec.append(e.getKey(), e.getValue());
            }
        }
        return spec.append("weights", weightsDoc)
                .append("default_language", new BsonString(language))
                .append("language_override", new BsonString(override))
                .append("textIndexVersion", new BsonInt32(3));
    }
}
