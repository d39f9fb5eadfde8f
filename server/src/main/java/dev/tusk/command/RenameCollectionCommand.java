package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** renameCollection: moves a collection to a new name (also across databases); run against admin. */
final class RenameCollectionCommand implements Command {
    @Override
    public String name() {
        return "renameCollection";
    }

    @Override
    public String help() {
        return "rename a collection: {renameCollection: 'db.from', to: 'db.to', dropTarget: false}";
    }

    @Override
    public boolean acceptsWriteConcern() {
        return true;
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("to", "dropTarget", "stayTemp"));
        request.requireAdminDatabase();
        String[] from = namespace(request.commandValue(), "renameCollection");
        String[] to = namespace(args.value("to").orElseThrow(() ->
                ErrorCode.FAILED_TO_PARSE.error("BSON field 'renameCollection.to' is missing but a required field")), "to");
        boolean dropTarget = args.bool("dropTarget", false);
        cx.catalog().renameCollection(from[0], from[1], to[0], to[1], dropTarget);
        return Replies.ok();
    }

    private static String[] namespace(BsonValue v, String field) {
        if (!v.isString()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'renameCollection.%s' is the wrong type '%s', expected type 'string'",
                    field, BsonText.typeName(v));
        }
        String ns = v.asString().getValue();
        int dot = ns.indexOf('.');
        if (dot <= 0 || dot == ns.length() - 1) {
            throw ErrorCode.INVALID_NAMESPACE.error("Invalid %s namespace: %s", field.equals("to") ? "target" : "source", ns);
        }
        return new String[] {ns.substring(0, dot), ns.substring(dot + 1)};
    }
}
