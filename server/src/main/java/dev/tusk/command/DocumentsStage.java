package dev.tusk.command;

import dev.tusk.error.ErrorCode;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.ExprParser;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The leading stage of a database-level aggregate that gives its input: {@code $documents} (literal
 * documents) or {@code $listLocalSessions} (the sessions this server has seen).
 */
final class DocumentsStage {
    private DocumentsStage() {}

    static Optional<BsonArray> leading(BsonArray stages, dev.tusk.session.LocalSessions sessions) {
        if (stages.isEmpty() || !stages.get(0).isDocument()) {
            return Optional.empty();
        }
        BsonDocument first = stages.get(0).asDocument();
        if (first.containsKey("$listLocalSessions")) {
            return Optional.of(localSessions(first.get("$listLocalSessions"), sessions));
        }
        if (!first.containsKey("$documents")) {
            return Optional.empty();
        }
        BsonValue spec = stages.get(0).asDocument().get("$documents");
        BsonValue value = ExprParser.parse(spec).evaluate(EvalContext.of(new BsonDocument()));
        if (value == null || !value.isArray() || !value.asArray().stream().allMatch(BsonValue::isDocument)) {
            throw ErrorCode.LOCATION_5858203.error("an array is expected");
        }
        return Optional.of(value.asArray());
    }

    /** {@code $listLocalSessions: {}} or {@code {allUsers: true}}: every session (Tusk has no users to tell apart). */
    private static BsonArray localSessions(BsonValue spec, dev.tusk.session.LocalSessions sessions) {
        if (!spec.isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("$listLocalSessions options must be a document");
        }
        for (String field : spec.asDocument().keySet()) {
            if (!field.equals("allUsers") && !field.equals("users")) {
                throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field '$listLocalSessions.%s' is an unknown field.", field);
            }
        }
        return new BsonArray(sessions.list());
    }
}
