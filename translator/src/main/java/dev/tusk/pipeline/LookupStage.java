package dev.tusk.pipeline;

import dev.tusk.text.ScoredDocument;

import dev.tusk.bson.BsonCopy;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.Variables;
import dev.tusk.query.FilterNode;
import dev.tusk.query.ReachedValues;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * $lookup: for each document, the documents of another collection of the database whose
 * foreignField equals one of the document's localField values (missing matches null/missing), and/or
 * that come out of a sub-pipeline run with the document's `let` variables; stored as an array in `as`.
 */
public record LookupStage(String from, Optional<String> localField, Optional<String> foreignField, String as,
        BsonDocument let, Optional<BsonArray> pipeline, Variables outer, CollectionReader reader) implements Stage {

    static LookupStage parse(BsonValue spec, ParseContext cx) {
        if (!spec.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("the $lookup specification must be an Object");
        }
        BsonDocument d = spec.asDocument();
        for (String key : d.keySet()) {
            if (!List.of("from", "localField", "foreignField", "as", "let", "pipeline").contains(key)) {
                throw ErrorCode.FAILED_TO_PARSE.error("unknown argument to $lookup: %s", key);
            }
        }
        String from = string(d, "from").orElseThrow(() -> ErrorCode.FAILED_TO_PARSE.error("must specify 'from' field for a $lookup"));
        String as = string(d, "as").orElseThrow(() -> ErrorCode.FAILED_TO_PARSE.error("must specify 'as' field for a $lookup"));
        Optional<String> local = string(d, "localField");
        Optional<String> foreign = string(d, "foreignField");
        if (local.isPresent() != foreign.isPresent()) {
            throw ErrorCode.FAILED_TO_PARSE.error("$lookup requires both or neither of 'localField' and 'foreignField' to be specified");
        }
        Optional<BsonArray> pipeline = Optional.ofNullable(d.get("pipeline")).map(p -> {
            if (!p.isArray()) {
                throw ErrorCode.FAILED_TO_PARSE.error("$lookup argument 'pipeline' must be an array");
            }
            return p.asArray();
        });
        if (local.isEmpty() && pipeline.isEmpty()) {
            throw ErrorCode.FAILED_TO_PARSE.error("$lookup requires either 'pipeline' or both 'localField' and 'foreignField' to be specified");
        }
        BsonValue letValue = d.get("let");
        if (letValue != null && !letValue.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("$lookup argument 'let: %s' must be an object, is type %s",
                    dev.tusk.bson.BsonText.value(letValue), dev.tusk.bson.BsonText.typeName(letValue));
        }
        BsonDocument let = letValue == null ? new BsonDocument() : letValue.asDocument();
        Map<String, BsonValue> placeholders = new LinkedHashMap<>(cx.variables().user());
        let.keySet().forEach(name -> placeholders.put(name, org.bson.BsonNull.VALUE));
        pipeline.ifPresent(p -> Pipeline.parse(p, new Variables(cx.variables().now(), placeholders)));
        return new LookupStage(from, local, foreign, as, let, pipeline, cx.variables(), CollectionReader.NONE);
    }

    private static Optional<String> string(BsonDocument d, String field) {
        BsonValue v = d.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw ErrorCode.FAILED_TO_PARSE.error("$lookup argument '%s' must be a string, is type %s", field,
                    dev.tusk.bson.BsonText.typeName(v));
        }
        return Optional.of(v.asString().getValue());
    }

    @Override
    public Stage bind(CollectionReader reader) {
        return new LookupStage(from, localField, foreignField, as, let, pipeline, outer, reader);
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        if (localField.isEmpty()) { // the sub-pipeline alone: run per document with its let values, as an aggregate of `from`
            return Iterators.map(input, d -> ScoredDocument.carry(d,
                    joined(d, reader.aggregate(from, Pipeline.parse(pipeline.orElseThrow(), withLet(d))))));
        }
        FieldPath local = FieldPath.parse(localField.get());
        return Iterators.flatMap(Iterators.chunks(input, LookupBatch.SIZE), batch -> {
            List<List<BsonDocument>> matches = LookupBatch.matches(batch, local, foreignField.get(), f -> reader.readMatching(from, f));
            List<BsonDocument> out = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                BsonDocument doc = batch.get(i);
                Iterator<BsonDocument> own = matches.get(i) != null ? matches.get(i).iterator()
                        : reader.readMatching(from, LookupBatch.inDocument(foreignField.get(), ReachedValues.of(doc, local)));
                out.add(ScoredDocument.carry(doc, join(doc, own)));
            }
            return out.iterator();
        });
    }

    /** The document with its matches (run through the sub-pipeline, if any) in `as`. */
    private BsonDocument join(BsonDocument doc, Iterator<BsonDocument> foreign) {
        Iterator<BsonDocument> matches = foreign;
        if (pipeline.isPresent()) {
            Variables vars = withLet(doc);
            matches = Pipeline.parse(pipeline.get(), vars).run(matches, reader);
        }
        return joined(doc, matches);
    }

    private BsonDocument joined(BsonDocument doc, Iterator<BsonDocument> matches) {
        BsonArray joined = new BsonArray();
        matches.forEachRemaining(joined::add);
        BsonDocument out = BsonCopy.document(doc);
        StagePaths.set(out, as, joined);
        return out;
    }

    private Variables withLet(BsonDocument doc) {
        Map<String, BsonValue> values = new LinkedHashMap<>(outer.user());
        for (Map.Entry<String, BsonValue> e : let.entrySet()) {
            ExprParser.validateVariableName(e.getKey());
            BsonValue v = ExprParser.parse(e.getValue(), ParseContext.of(outer)).evaluate(EvalContext.of(doc, outer));
            values.put(e.getKey(), v == null ? org.bson.BsonNull.VALUE : v);
        }
        return new Variables(outer.now(), values);
    }
}
