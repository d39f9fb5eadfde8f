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
 * documents), {@code $listLocalSessions} (the sessions this server has seen) or {@code $currentOp}
 * (the operations running now; admin database only).
 */
final class DocumentsStage {
    private DocumentsStage() {}

    static Optional<BsonArray> leading(BsonArray stages, dev.tusk.dispatch.CommandRequest request,
            dev.tusk.dispatch.CommandContext cx) {
        if (stages.isEmpty() || !stages.get(0).isDocument()) {
            return Optional.empty();
        }
        BsonDocument first = stages.get(0).asDocument();
        if (first.containsKey("$listLocalSessions")) {
            return Optional.of(localSessions(first.get("$listLocalSessions"), cx.sessions()));
        }
        if (first.containsKey("$currentOp")) {
            return Optional.of(currentOp(first.get("$currentOp"), request, cx));
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

    /** {@code $currentOp: {idleConnections, allUsers, ...}} on the admin database. */
    static BsonArray currentOp(BsonValue spec, dev.tusk.dispatch.CommandRequest request, dev.tusk.dispatch.CommandContext cx) {
        if (!request.database().equals("admin")) {
            throw ErrorCode.INVALID_NAMESPACE.error("$currentOp must be run against the 'admin' database with {aggregate: 1}");
        }
        if (!spec.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("$currentOp options must be specified in an object, but found: %s",
                    spec.getBsonType().name().toLowerCase(java.util.Locale.ROOT));
        }
        boolean idleConnections = false;
        for (var e : spec.asDocument().entrySet()) {
            switch (e.getKey()) {
                case "idleConnections", "allUsers", "idleCursors", "idleSessions", "localOps", "backtrace", "truncateOps",
                        "targetAllNodes" -> {
                    if (!e.getValue().isBoolean()) {
                        throw ErrorCode.FAILED_TO_PARSE.error("The '%s' parameter of the $currentOp stage must be a boolean value, but found: %s",
                                e.getKey(), e.getValue().getBsonType().name().toLowerCase(java.util.Locale.ROOT));
                    }
                    if (e.getKey().equals("idleConnections")) {
                        idleConnections = e.getValue().asBoolean().getValue();
                    }
                }
                default -> throw ErrorCode.FAILED_TO_PARSE.error("Unrecognized option '%s' in $currentOp stage.", e.getKey());
            }
        }
        return new BsonArray(cx.operations().current(idleConnections, cx.topology().me()));
    }
}
