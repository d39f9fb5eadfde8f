package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.CappedTrim;
import java.util.Set;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;

/**
 * convertToCapped: makes a collection capped at {@code size} bytes in place (its table gains the
 * `_seq` column and triggers, existing documents numbered in their stored order), then drops its
 * oldest documents past the limit. On a capped collection it sets the new size (and no max).
 */
final class ConvertToCappedCommand implements Command {
    @Override
    public String name() {
        return "convertToCapped";
    }

    @Override
    public String help() {
        return "convert a collection to a capped one: {convertToCapped: 'coll', size: bytes}";
    }

    @Override
    public boolean acceptsWriteConcern() {
        return true;
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("size"));
        String ns = args.namespace();
        if (args.value("size").isEmpty()) {
            throw ErrorCode.LOCATION_40414.error("BSON field 'convertToCapped.size' is missing but a required field");
        }
        long size = CappedOptions.size(args, "convertToCapped");
        CollectionInfo c = cx.catalog().collection(request.database(), args.collection())
                .orElseThrow(() -> ErrorCode.NAMESPACE_NOT_FOUND.error("source collection %s does not exist", ns));
        if (c.isView()) {
            throw c.notACollection();
        }
        BsonDocument options = new BsonDocument("capped", BsonBoolean.TRUE).append("size", CappedOptions.number(size));
        c.options().forEach((k, v) -> {
            if (!Set.of("capped", "size", "max").contains(k)) {
                options.append(k, v);
            }
        });
        CollectionInfo capped = c.capped() ? cx.catalog().updateOptions(c, options) : cx.catalog().convertToCapped(c, options);
        CappedTrim.toLimits(cx.store(), capped, cx.indexes().secondary(capped));
        return Replies.ok();
    }
}
