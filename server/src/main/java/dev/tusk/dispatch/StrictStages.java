package dev.tusk.dispatch;

import dev.tusk.error.ErrorCode;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * With apiStrict, the aggregation stages outside API Version 1 (MongoDB's Stable API page lists them) are refused
 * wherever they appear: in an aggregate's or a view's pipeline and in the sub-pipelines of $facet, $lookup and $unionWith.
 */
final class StrictStages {
    private static final Set<String> OUTSIDE_VERSION_1 = Set.of("$currentOp", "$indexStats", "$listLocalSessions",
            "$listSessions", "$planCacheStats", "$search");

    private StrictStages() {}

    /** Checks the pipeline of an aggregate or create command body, if it has one. */
    static void check(BsonDocument body) {
        BsonValue pipeline = body.get("pipeline");
        if (pipeline != null && pipeline.isArray()) {
            checkPipeline(pipeline.asArray());
        }
    }

    private static void checkPipeline(BsonArray pipeline) {
        for (BsonValue stage : pipeline) {
            if (!stage.isDocument() || stage.asDocument().isEmpty()) {
                continue; // the command's own parsing gives MongoDB's error for a malformed stage
            }
            String name = stage.asDocument().getFirstKey();
            if (OUTSIDE_VERSION_1.contains(name)) {
                throw ErrorCode.API_STRICT_ERROR.error("stage %s is not allowed with 'apiStrict: true' in API Version 1", name);
            }
            BsonValue spec = stage.asDocument().get(name);
            if (!spec.isDocument()) {
                continue;
            }
            switch (name) {
                case "$facet" -> spec.asDocument().values().stream().filter(BsonValue::isArray)
                        .forEach(sub -> checkPipeline(sub.asArray()));
                case "$lookup", "$unionWith" -> {
                    BsonValue sub = spec.asDocument().get("pipeline");
                    if (sub != null && sub.isArray()) {
                        checkPipeline(sub.asArray());
                    }
                }
                default -> { }
            }
        }
    }
}
