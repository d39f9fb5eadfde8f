package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.CappedTrim;
import java.util.List;
import java.util.Set;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;

/**
 * cloneCollectionAsCapped: a new capped collection {@code toCollection} of {@code size} bytes in the
 * same database, with the source's options (validator and the like, not its indexes) and a copy of its
 * documents in natural order, of which the oldest go while they exceed the limits, as MongoDB's
 * insert-by-insert copy leaves it. The documents are copied as they are (no validation, as on MongoDB).
 */
final class CloneCollectionAsCappedCommand implements Command {
    @Override
    public String name() {
        return "cloneCollectionAsCapped";
    }

    @Override
    public String help() {
        return "copy a collection into a new capped collection: {cloneCollectionAsCapped: 'coll', toCollection: 'capped', size: bytes}";
    }

    @Override
    public boolean acceptsWriteConcern() {
        return true;
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("toCollection", "size", "temp"));
        String db = request.database();
        String from = args.collection();
        String to = args.string("toCollection").orElseThrow(() -> ErrorCode.LOCATION_40414.error(
                "BSON field 'cloneCollectionAsCapped.toCollection' is missing but a required field"));
        if (args.value("size").isEmpty()) {
            throw ErrorCode.LOCATION_40414.error("BSON field 'cloneCollectionAsCapped.size' is missing but a required field");
        }
        long size = CappedOptions.size(args, "cloneCollectionAsCapped");
        CollectionInfo source = cx.catalog().collection(db, from).orElseThrow(
                () -> ErrorCode.NAMESPACE_NOT_FOUND.error("source collection %s.%s does not exist", db, from));
        if (source.isView()) {
            throw ErrorCode.COMMAND_NOT_SUPPORTED_ON_VIEW.error("cloneCollectionAsCapped not supported for views: %s.%s", db, from);
        }
        if (cx.catalog().collection(db, to).isPresent()) {
            throw ErrorCode.NAMESPACE_EXISTS.error("cloneCollectionAsCapped failed - destination collection %s.%s already exists. "
                    + "source collection: %s.%s", db, to, db, from);
        }
        BsonDocument options = new BsonDocument("capped", BsonBoolean.TRUE).append("size", CappedOptions.number(size));
        source.options().forEach((k, v) -> {
            if (!Set.of("capped", "size").contains(k)) {
                options.append(k, v);
            }
        });
        CollectionInfo created = cx.catalog().createCollection(db, to, options, true);
        // the rows are copied as they are: a source older than typed numbers makes the copy one too
        CollectionInfo target = source.typedNumbers() ? created : cx.catalog().markPlainNumbers(created);
        try {
            cx.store().transaction(tx -> tx.copyAll(source, target));
            CappedTrim.toLimits(cx.store(), target, List.of());
        } catch (RuntimeException e) {
            cx.catalog().dropCollection(db, to);
            throw e;
        }
        return Replies.ok();
    }
}
