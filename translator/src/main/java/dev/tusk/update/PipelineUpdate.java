package dev.tusk.update;

import dev.tusk.bson.BsonCopy;
import dev.tusk.bson.BsonIdentical;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.Variables;
import dev.tusk.pipeline.Pipeline;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * An update given as an aggregation pipeline: the document goes through the stages an update
 * allows ($addFields/$set, $project/$unset, $replaceRoot/$replaceWith), and `_id` may not change.
 */
final class PipelineUpdate {
    private static final Set<String> ALLOWED = Set.of("$addFields", "$set", "$project", "$unset", "$replaceRoot",
            "$replaceWith");

    private final Pipeline pipeline;

    private PipelineUpdate(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    static PipelineUpdate parse(BsonArray stages, Variables variables) {
        for (BsonValue stage : stages) {
            if (stage.isDocument() && stage.asDocument().size() == 1 && !ALLOWED.contains(stage.asDocument().getFirstKey())) {
                throw ErrorCode.INVALID_OPTIONS.error("%s is not allowed to be used within an update",
                        stage.asDocument().getFirstKey());
            }
        }
        return new PipelineUpdate(Pipeline.parse(stages, variables));
    }

    /** The updated document: `_id` kept first and unchanged (66 ImmutableField if the pipeline altered it). */
    BsonDocument apply(BsonDocument doc) {
        Iterator<BsonDocument> out = pipeline.run(List.of(BsonCopy.document(doc)).iterator());
        BsonDocument result = out.next();
        Optional<BsonValue> id = Optional.ofNullable(doc.get("_id"));
        BsonValue newId = result.get("_id");
        if (id.isPresent() && newId != null && !BsonIdentical.identical(id.get(), newId)) {
            throw ErrorCode.IMMUTABLE_FIELD.error("After applying the update, the (immutable) field '_id' was found to "
                    + "have been altered to " + BsonText.element("_id", newId));
        }
        BsonValue keptId = id.orElse(newId);
        if (keptId == null) {
            return result;
        }
        BsonDocument ordered = new BsonDocument("_id", keptId);
        for (Map.Entry<String, BsonValue> e : result.entrySet()) {
            if (!e.getKey().equals("_id")) {
                ordered.append(e.getKey(), e.getValue());
            }
        }
        return ordered;
    }
}
