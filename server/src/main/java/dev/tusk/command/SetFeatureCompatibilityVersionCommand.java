package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** setFeatureCompatibilityVersion: Tusk speaks 7.0 only, so "7.0" is accepted (nothing changes) and other versions refused. */
final class SetFeatureCompatibilityVersionCommand implements Command {
    @Override
    public String name() {
        return "setFeatureCompatibilityVersion";
    }

    @Override
    public String help() {
        return "set the feature compatibility version (7.0 only)";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        request.requireAdminDatabase();
        BsonValue version = request.commandValue();
        if (!version.isString()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'setFeatureCompatibilityVersion' is the wrong type '%s', expected type 'string'",
                    dev.tusk.bson.BsonText.typeName(version));
        }
        if (!version.asString().getValue().equals("7.0")) {
            throw ErrorCode.BAD_VALUE.error("Invalid feature compatibility version value '%s'; Tusk supports only '7.0'",
                    version.asString().getValue());
        }
        return Replies.ok();
    }
}
