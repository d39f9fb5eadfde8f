package dev.tusk.command;

import dev.tusk.dispatch.CommandArgs;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.DocumentValidator;
import dev.tusk.query.FilterParser;
import org.bson.BsonDocument;
import org.bson.BsonString;

/** validator, validationLevel and validationAction of create and collMod, checked and merged into the options. */
final class ValidationOptions {
    private ValidationOptions() {}

    static BsonDocument from(CommandArgs args, BsonDocument current) {
        BsonDocument options = current.clone();
        args.document("validator").ifPresent(v -> {
            FilterParser.parse(v);
            options.put("validator", v);
        });
        args.string("validationLevel").ifPresent(level -> {
            if (!DocumentValidator.LEVELS.contains(level)) {
                throw ErrorCode.BAD_VALUE.error("Enumeration value '%s' for field 'validationLevel' is not a valid value.", level);
            }
            options.put("validationLevel", new BsonString(level));
        });
        args.string("validationAction").ifPresent(action -> {
            if (!DocumentValidator.ACTIONS.contains(action)) {
                throw ErrorCode.BAD_VALUE.error("Enumeration value '%s' for field 'validationAction' is not a valid value.", action);
            }
            options.put("validationAction", new BsonString(action));
        });
        if (options.containsKey("validator")) {
            options.putIfAbsent("validationLevel", new BsonString("strict"));
            options.putIfAbsent("validationAction", new BsonString("error"));
        }
        return options;
    }
}
