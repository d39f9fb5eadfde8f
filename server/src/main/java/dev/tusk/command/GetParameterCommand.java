package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.dispatch.GenericArguments;
import dev.tusk.error.ErrorCode;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/** getParameter: the server parameters clients ask for (featureCompatibilityVersion above all). */
final class GetParameterCommand implements Command {
    private static final Map<String, BsonValue> PARAMETERS = new TreeMap<>(Map.of(
            "featureCompatibilityVersion", new BsonDocument("version", new BsonString("7.0")),
            "authenticationMechanisms", new org.bson.BsonArray(),
            "maxBSONDepth", new BsonInt32(200),
            "internalQueryMaxBlockingSortMemoryUsageBytes", new BsonInt32(100 * 1024 * 1024),
            "transactionLifetimeLimitSeconds", new BsonInt32(60),
            "requireApiVersion", BsonBoolean.FALSE,
            "logLevel", new BsonInt32(0),
            "quiet", BsonBoolean.FALSE,
            "enableTestCommands", BsonBoolean.FALSE,
            "logComponentVerbosity", logComponentVerbosity()));

    /** Every component at the default: -1 inherits the global verbosity 0 (Tusk's log levels are its logback's). */
    private static BsonDocument logComponentVerbosity() {
        BsonDocument d = new BsonDocument("verbosity", new BsonInt32(0));
        for (String component : java.util.List.of("accessControl", "command", "control", "executor", "geo", "index", "network",
                "query", "replication", "sharding", "storage", "transaction", "write")) {
            d.append(component, new BsonDocument("verbosity", new BsonInt32(-1)));
        }
        return d;
    }

    @Override
    public String name() {
        return "getParameter";
    }

    @Override
    public String help() {
        return "get administrative option(s); {getParameter: 1, <name>: 1} or {getParameter: '*'}";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        Map<String, BsonValue> parameters = new TreeMap<>(PARAMETERS);
        parameters.put("enableTestCommands", BsonBoolean.valueOf(cx.config().enableTestCommands()));
        parameters.put("logLevel", new BsonInt32(LogVerbosity.get()));
        BsonValue arg = request.commandValue();
        boolean all = arg.isString() && arg.asString().getValue().equals("*")
                || arg.isDocument() && arg.asDocument().getBoolean("allParameters", BsonBoolean.FALSE).getValue();
        BsonDocument reply = new BsonDocument();
        if (all) {
            parameters.forEach(reply::append);
        } else {
            for (String key : request.body().keySet()) {
                if (key.equals(request.name()) || GenericArguments.NAMES.contains(key)) {
                    continue;
                }
                BsonValue v = parameters.get(key);
                if (v != null) {
                    reply.append(key, v);
                }
            }
            if (reply.isEmpty()) {
                throw ErrorCode.INVALID_OPTIONS.error("no option found to get");
            }
        }
        return Replies.ok(reply);
    }
}
