package dev.tusk.pipeline;

import dev.tusk.text.ScoredDocument;

import dev.tusk.error.ErrorCode;
import dev.tusk.expr.ParseContext;
import dev.tusk.query.ExprProjection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** $unset: a field name or an array of them, removed like an exclusion projection ({@code _id} too). */
public record UnsetStage(ExprProjection exclusion) implements Stage {
    static UnsetStage parse(BsonValue spec, ParseContext cx) {
        List<String> paths = new ArrayList<>();
        if (spec.isString()) {
            paths.add(spec.asString().getValue());
        } else if (spec.isArray()) {
            if (spec.asArray().isEmpty()) {
                throw ErrorCode.LOCATION_31119.error("$unset specification must be a string or an array with at least one field");
            }
            for (BsonValue v : spec.asArray()) {
                if (!v.isString()) {
                    throw ErrorCode.LOCATION_31120.error("$unset specification must be a string or an array containing only string values");
                }
                paths.add(v.asString().getValue());
            }
        } else {
            throw ErrorCode.LOCATION_31002.error("$unset specification must be a string or an array");
        }
        return new UnsetStage(ExprProjection.exclusion(paths, cx.variables()));
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        return Iterators.map(input, d -> ScoredDocument.carry(d, exclusion.apply(d)));
    }
}
