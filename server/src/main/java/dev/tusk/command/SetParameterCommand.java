package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.dispatch.GenericArguments;
import dev.tusk.error.ErrorCode;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * setParameter: {@code logLevel} (0 to 5) at runtime; the parameters getParameter shows that only startup or other
 * commands set answer as MongoDB does for them, and unknown ones are 72 "unrecognized parameter".
 */
final class SetParameterCommand implements Command {
    private static final Set<String> NOT_AT_RUNTIME = Set.of("maxBSONDepth", "authenticationMechanisms", "enableTestCommands",
            "transactionLifetimeLimitSeconds", "internalQueryMaxBlockingSortMemoryUsageBytes", "requireApiVersion", "quiet",
            "logComponentVerbosity");

    @Override
    public String name() {
        return "setParameter";
    }

    @Override
    public String help() {
        return "set a server parameter at runtime: {setParameter: 1, logLevel: <0-5>}";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        request.requireAdminDatabase();
        BsonDocument reply = new BsonDocument();
        for (String key : request.body().keySet()) {
            if (key.equals(request.name()) || GenericArguments.NAMES.contains(key)) {
                continue;
            }
            if (!reply.isEmpty()) {
                throw ErrorCode.INVALID_OPTIONS.error("Only one parameter can be set at a time");
            }
            BsonValue v = request.body().get(key);
            switch (key) {
                case "logLevel" -> {
                    if (!v.isNumber() || v.asNumber().intValue() < 0 || v.asNumber().intValue() > 5) {
                        throw ErrorCode.BAD_VALUE.error("logLevel must be a number from 0 to 5");
                    }
                    reply.append("was", new BsonInt32(LogVerbosity.set(v.asNumber().intValue())));
                }
                case "featureCompatibilityVersion" -> throw ErrorCode.BAD_VALUE.error(
                        "Invalid parameter name 'featureCompatibilityVersion'; use setFeatureCompatibilityVersion");
                default -> {
                    if (NOT_AT_RUNTIME.contains(key)) {
                        throw ErrorCode.BAD_VALUE.error("not allowed to change [%s] at runtime", key);
                    }
                    throw ErrorCode.INVALID_OPTIONS.error("attempted to set unrecognized parameter [%s], use help:true to see options ", key);
                }
            }
        }
        if (reply.isEmpty()) {
            throw ErrorCode.INVALID_OPTIONS.error("no option found to set, use help:true to see options ");
        }
        return Replies.ok(reply);
    }
}
