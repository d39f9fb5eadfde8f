package dev.tusk.pipeline;

import dev.tusk.text.ScoredDocument;

import dev.tusk.error.ErrorCode;
import dev.tusk.expr.ParseContext;
import dev.tusk.query.ExprProjection;
import java.util.Iterator;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** $addFields and its alias $set: computed fields set in place or appended; nested documents merge. */
public record AddFieldsStage(ExprProjection fields) implements Stage {
    static AddFieldsStage parse(String stage, BsonValue spec, ParseContext cx) {
        if (!spec.isDocument()) {
            throw ErrorCode.LOCATION_40272.error("%s specification stage must be an object, got %s", stage,
                    dev.tusk.bson.BsonText.typeName(spec));
        }
        return new AddFieldsStage(ExprProjection.parseAddFields(spec.asDocument(), cx, stage));
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        return Iterators.map(input, d -> ScoredDocument.carry(d, fields.apply(d)));
    }
}
