package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.catalog.IndexInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import dev.tusk.index.IndexSpecs;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/**
 * collMod: a collection's validation, a capped collection's limits (cappedSize, cappedMax), a clustered
 * collection's expiry ({@link ClusteredTtl}), the index options MongoDB lets you change (hidden,
 * expireAfterSeconds), a view's viewOn and pipeline.
 */
final class CollModCommand implements Command {
    private static final Set<String> NOT_YET = Set.of("changeStreamPreAndPostImages", "timeseries", "clusteredIndex",
            "recordPreImages");
    private static final Set<String> INDEX_FIELDS = Set.of("keyPattern", "name", "hidden", "expireAfterSeconds",
            "prepareUnique", "unique");

    @Override
    public String name() {
        return "collMod";
    }

    @Override
    public String help() {
        return "change collection and index options";
    }

    @Override
    public boolean acceptsWriteConcern() {
        return true;
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        var known = new java.util.HashSet<>(union());
        known.addAll(Set.of(CollectionInfo.VIEW_ON, CollectionInfo.PIPELINE));
        CommandArgs args = new CommandArgs(request, known);
        String collection = args.collection();
        for (String option : NOT_YET) {
            if (args.value(option).isPresent()) {
                throw ErrorCode.NOT_IMPLEMENTED.error("collMod option '%s' is not supported by Tusk yet", option);
            }
        }
        CollectionInfo info = cx.catalog().collection(request.database(), collection)
                .orElseThrow(() -> ErrorCode.NAMESPACE_NOT_FOUND.error("ns does not exist: %s", args.namespace()));
        if (info.isView() || ViewOptions.present(args)) {
            return changeView(args, info, cx);
        }
        BsonDocument reply = new BsonDocument();
        if (args.value("validator").isPresent() || args.value("validationLevel").isPresent()
                || args.value("validationAction").isPresent()) {
            info = cx.catalog().updateOptions(info, ValidationOptions.from(args, info.options()));
        }
        if (args.value(ClusteredTtl.FIELD).isPresent()) {
            info = cx.catalog().updateOptions(info, ClusteredTtl.changed(info.options(), args.value(ClusteredTtl.FIELD).get()));
        }
        if (CappedResize.requested(args)) {
            info = CappedResize.apply(args, info, cx);
        }
        boolean dryRun = args.bool("dryRun", false);
        if (dryRun && !args.document("index").map(i -> i.containsKey("unique")).orElse(false)) {
            throw ErrorCode.INVALID_OPTIONS.error("dryRun: true is only supported with unique: true");
        }
        if (args.document("index").isPresent()) {
            changeIndex(args.document("index").get(), info, cx, reply, dryRun);
        }
        return Replies.ok(reply);
    }

    private static BsonDocument changeView(CommandArgs args, CollectionInfo info, CommandContext cx) {
        for (String option : union()) {
            if (args.value(option).isPresent()) {
                throw ErrorCode.INVALID_OPTIONS.error("option not supported on a view: %s", option);
            }
        }
        if (!info.isView()) {
            throw ErrorCode.INVALID_OPTIONS.error("option only supported on a view: %s",
                    args.value(CollectionInfo.VIEW_ON).isPresent() ? CollectionInfo.VIEW_ON : CollectionInfo.PIPELINE);
        }
        if (ViewOptions.present(args)) {
            cx.catalog().updateView(info, ViewOptions.from(args, info.db(), info.name(), Optional.of(info)));
        }
        return Replies.ok();
    }

    private static void changeIndex(BsonDocument change, CollectionInfo info, CommandContext cx, BsonDocument reply,
            boolean dryRun) {
        for (String field : change.keySet()) {
            if (!INDEX_FIELDS.contains(field)) {
                throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field 'collMod.index.%s' is an unknown field.", field);
            }
        }
        IndexInfo index = cx.catalog().indexes(info).stream().filter(i -> matches(i, change)).findFirst()
                .orElseThrow(() -> ErrorCode.INDEX_NOT_FOUND.error("cannot find index %s for ns %s",
                        change.containsKey("name") ? change.get("name").toString() : change.getDocument("keyPattern", new BsonDocument()).toJson(),
                        info.namespace()));
        BsonDocument spec = index.spec().clone(); // the cached IndexInfo's own document stays as stored
        if (change.containsKey("hidden")) {
            if (index.isIdIndex()) {
                throw ErrorCode.BAD_VALUE.error("can't hide _id index");
            }
            boolean hidden = change.get("hidden").isBoolean() && change.getBoolean("hidden").getValue();
            reply.append("hidden_old", BsonBoolean.valueOf(index.hidden())).append("hidden_new", BsonBoolean.valueOf(hidden));
            if (hidden) {
                spec.put("hidden", BsonBoolean.TRUE);
            } else {
                spec.remove("hidden");
            }
        }
        if (change.containsKey("expireAfterSeconds")) {
            BsonValue v = change.get("expireAfterSeconds");
            if (!v.isNumber()) {
                throw ErrorCode.BAD_VALUE.error("expireAfterSeconds must be a number");
            }
            if (index.expireAfterSeconds().isEmpty()) {
                throw ErrorCode.INVALID_OPTIONS.error("no expireAfterSeconds field to update");
            }
            reply.append("expireAfterSeconds_old", new BsonInt64(index.expireAfterSeconds().get()))
                    .append("expireAfterSeconds_new", new BsonInt64(v.asNumber().longValue()));
            spec.put("expireAfterSeconds", v);
        }
        if (UniqueConversion.requested(change) && !index.isIdIndex()) { // _id's index is unique already
            // writers wait (and those in flight finish first), so each one writes under the rule before or after
            try (var noWrites = cx.indexes().building(info)) {
                UniqueConversion.apply(change, index, info, cx, spec, reply, dryRun);
                if (!dryRun) {
                    cx.catalog().updateIndexSpec(info, index.name(), spec);
                }
            }
            return;
        }
        if (dryRun) {
            return;
        }
        cx.catalog().updateIndexSpec(info, index.name(), spec);
    }

    private static boolean matches(IndexInfo index, BsonDocument change) {
        if (change.isString("name")) {
            return index.listedName().equals(change.getString("name").getValue());
        }
        return change.isDocument("keyPattern") && IndexSpecs.sameKey(index.key(), change.getDocument("keyPattern"));
    }

    private static Set<String> union() {
        var all = new java.util.HashSet<>(NOT_YET);
        all.add("index");
        all.addAll(Set.of("validator", "validationLevel", "validationAction", "cappedSize", "cappedMax", ClusteredTtl.FIELD, "dryRun"));
        return all;
    }
}
