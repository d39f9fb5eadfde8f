package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterParser;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;

/**
 * currentOp: the $currentOp documents as {@code inprog}, filtered by the command's other fields (a
 * query on them); {@code $all: true} adds idle connections. Admin database only.
 */
final class CurrentOpCommand implements Command {
    @Override
    public String name() {
        return "currentOp";
    }

    @Override
    public String help() {
        return "the operations in progress";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        request.requireAdminDatabase();
        BsonDocument filter = new BsonDocument();
        boolean all = false;
        for (var e : request.body().entrySet()) {
            if (e.getKey().equals("currentOp") || dev.tusk.dispatch.GenericArguments.NAMES.contains(e.getKey()) || e.getKey().equals("$ownOps")) {
                continue;
            }
            if (e.getKey().equals("$all")) {
                all = e.getValue().isBoolean() && e.getValue().asBoolean().getValue();
                continue;
            }
            filter.append(e.getKey(), e.getValue());
        }
        BsonDocument options = new BsonDocument("idleConnections", BsonBoolean.valueOf(all));
        var query = FilterParser.parse(filter);
        BsonArray inprog = new BsonArray();
        for (var op : DocumentsStage.currentOp(options, request, cx)) {
            if (FilterEvaluator.matches(query, op.asDocument())) {
                inprog.add(op);
            }
        }
        return Replies.ok(new BsonDocument("inprog", inprog));
    }
}
