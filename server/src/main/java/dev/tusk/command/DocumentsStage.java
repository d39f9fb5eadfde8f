package dev.tusk.command;

import dev.tusk.error.ErrorCode;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.ExprParser;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** A leading $documents stage of a database-level aggregate: its literal documents are the input. */
final class DocumentsStage {
    private DocumentsStage() {}

    static Optional<BsonArray> leading(BsonArray stages) {
        if (stages.isEmpty() || !stages.get(0).isDocument() || !stages.get(0).asDocument().containsKey("$documents")) {
            return Optional.empty();
        }
        BsonValue spec = stages.get(0).asDocument().get("$documents");
        BsonValue value = ExprParser.parse(spec).evaluate(EvalContext.of(new BsonDocument()));
        if (value == null || !value.isArray() || !value.asArray().stream().allMatch(BsonValue::isDocument)) {
            throw ErrorCode.LOCATION_5858203.error("an array is expected");
        }
        return Optional.of(value.asArray());
    }
}
