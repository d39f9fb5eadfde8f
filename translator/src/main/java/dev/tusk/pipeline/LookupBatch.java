package dev.tusk.pipeline;

import dev.tusk.bson.FieldPath;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import dev.tusk.query.ReachedValues;
import dev.tusk.storage.IdKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * $lookup's equality join for a batch of input documents with one read of the other collection: the
 * foreign documents whose foreignField equals any of the batch's localField values, each handed to
 * the input documents holding one of its values (found through a map of its values' IdKeys, then
 * re-checked with the evaluator, so each input gets exactly the documents its own query would return,
 * in `_id` order — MongoDB leaves the order to the plan). Inputs whose values include a regex (which
 * $in matches as a pattern) query alone.
 */
final class LookupBatch {
    static final int SIZE = 500;

    private LookupBatch() {}

    /** Each input document's matches, in input order (null for documents to be joined one by one). */
    static List<List<BsonDocument>> matches(List<BsonDocument> batch, FieldPath local, String foreignField,
            java.util.function.Function<BsonDocument, java.util.Iterator<BsonDocument>> read) {
        FieldPath foreign = FieldPath.parse(foreignField);
        List<List<BsonValue>> values = new ArrayList<>();
        Map<ByteBuffer, BsonValue> union = new LinkedHashMap<>();
        for (BsonDocument doc : batch) {
            List<BsonValue> own = ReachedValues.of(doc, local);
            boolean regex = own.stream().anyMatch(BsonValue::isRegularExpression);
            values.add(regex ? null : own);
            if (!regex) {
                own.forEach(v -> union.putIfAbsent(ByteBuffer.wrap(IdKey.encode(v)), v));
            }
        }
        List<BsonDocument> candidates = new ArrayList<>();
        if (!union.isEmpty()) {
            read.apply(inDocument(foreignField, new ArrayList<>(union.values()))).forEachRemaining(candidates::add);
        }
        // `_id` order, whatever order the read came in (an index's): the same for every batch an input falls in
        Map<BsonDocument, byte[]> ids = new java.util.IdentityHashMap<>();
        candidates.forEach(c -> ids.put(c, IdKey.encode(c.get("_id"))));
        candidates.sort((a, b) -> java.util.Arrays.compareUnsigned(ids.get(a), ids.get(b)));
        Map<ByteBuffer, List<Integer>> byValue = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            for (BsonValue v : ReachedValues.of(candidates.get(i), foreign)) {
                List<Integer> at = byValue.computeIfAbsent(ByteBuffer.wrap(IdKey.encode(v)), k -> new ArrayList<>());
                if (at.isEmpty() || at.get(at.size() - 1) != i) {
                    at.add(i);
                }
            }
        }
        List<List<BsonDocument>> out = new ArrayList<>();
        for (List<BsonValue> own : values) {
            if (own == null) {
                out.add(null);
                continue;
            }
            FilterNode filter = in(foreignField, own);
            TreeSet<Integer> hits = new TreeSet<>();
            for (BsonValue v : own) {
                hits.addAll(byValue.getOrDefault(ByteBuffer.wrap(IdKey.encode(v)), List.of()));
            }
            List<BsonDocument> matched = new ArrayList<>();
            for (int i : hits) {
                if (FilterEvaluator.matches(filter, candidates.get(i))) {
                    matched.add(candidates.get(i));
                }
            }
            out.add(matched);
        }
        return out;
    }

    static FilterNode in(String foreignField, List<BsonValue> values) {
        return FilterParser.parse(inDocument(foreignField, values));
    }

    /** {@code {foreignField: {$in: values}}}: the read of the other collection for these values. */
    static BsonDocument inDocument(String foreignField, List<BsonValue> values) {
        return new BsonDocument(foreignField, new BsonDocument("$in", new BsonArray(new ArrayList<>(values))));
    }
}
