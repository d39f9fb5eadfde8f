package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;

/**
 * create: an empty collection (its table and catalog row; capped ones with their insertion order and
 * limits, see {@link CappedOptions}; clustered ones, see {@link ClusteredOptions}), or a view (viewOn +
 * pipeline: a catalog row only).
 */
final class CreateCommand implements Command {
    /** Options MongoDB knows that Tusk does not implement yet: refused rather than silently ignored. */
    private static final Set<String> NOT_YET = Set.of("timeseries",
            "changeStreamPreAndPostImages", "encryptedFields", "storageEngine", "indexOptionDefaults", "collation");
    private static final Set<String> KNOWN = Set.of("capped", "size", "max", "timeseries", "expireAfterSeconds",
            "viewOn", "pipeline", "validator", "validationLevel", "validationAction", "clusteredIndex",
            "changeStreamPreAndPostImages", "encryptedFields", "storageEngine", "indexOptionDefaults", "collation",
            "autoIndexId", "idIndex", "flags", "recordPreImages");

    @Override
    public String name() {
        return "create";
    }

    @Override
    public String help() {
        return "create a collection explicitly";
    }

    @Override
    public boolean acceptsWriteConcern() {
        return true;
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, KNOWN);
        String collection = args.collection();
        boolean view = ViewOptions.present(args);
        for (String option : request.body().keySet()) {
            if (view && option.equals("collation")) {
                continue; // a view's default collation
            }
            if (NOT_YET.contains(option) && isSet(request.body().get(option))) {
                throw ErrorCode.NOT_IMPLEMENTED.error("create option '%s' is not supported by Tusk yet", option);
            }
        }
        BsonDocument options = CappedOptions.from(args, new BsonDocument());
        if (!view) {
            options = ClusteredOptions.from(args, options);
            if (args.value(ClusteredTtl.FIELD).isPresent()) {
                options = ClusteredTtl.with(options, args.value(ClusteredTtl.FIELD).get(), "create");
            }
        }
        if (ViewOptions.present(args)) {
            for (String option : List.of("validator", "validationLevel", "validationAction", "idIndex", "autoIndexId", "clusteredIndex", "expireAfterSeconds")) {
                if (args.value(option).isPresent()) {
                    throw ErrorCode.INVALID_OPTIONS.error("option not supported on a view: %s", option);
                }
            }
            BsonDocument viewOptions = ViewOptions.from(args, request.database(), collection, Optional.empty());
            ViewOptions.defaultCollation(args, cx.catalog(), request.database(), viewOptions)
                    .ifPresent(c -> viewOptions.append("collation", c));
            cx.catalog().createView(request.database(), collection, viewOptions);
            return Replies.ok();
        }
        cx.catalog().createCollection(request.database(), collection, ValidationOptions.from(args, options), true);
        return Replies.ok();
    }

    private static boolean isSet(org.bson.BsonValue v) {
        return !(v.isBoolean() && !v.asBoolean().getValue()) && !v.isNull();
    }
}
