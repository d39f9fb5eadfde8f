package dev.tusk.pipeline;

import dev.tusk.text.ScoredDocument;

import dev.tusk.error.ErrorCode;
import dev.tusk.expr.ParseContext;
import dev.tusk.query.ExprProjection;
import java.util.Iterator;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** $project: inclusion/exclusion plus computed fields ({@code $$REMOVE} leaves a field out). */
public record ProjectStage(ExprProjection projection) implements Stage {
    static ProjectStage parse(BsonValue spec, ParseContext cx) {
        if (!spec.isDocument()) {
            throw ErrorCode.LOCATION_15969.error("$project specification must be an object");
        }
        return new ProjectStage(ExprProjection.parseProject(spec.asDocument(), cx, "Invalid $project :: caused by :: "));
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        return Iterators.map(input, d -> ScoredDocument.carry(d, projection.apply(d)));
    }
}
