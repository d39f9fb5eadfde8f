package dev.tusk.command;

import dev.tusk.bson.BsonText;
import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.CappedTrim;
import java.util.Optional;
import org.bson.BsonDocument;

/** collMod's cappedSize and cappedMax: new limits for a capped collection, checked as MongoDB 7.0 does, then applied at once. */
final class CappedResize {
    private CappedResize() {}

    static boolean requested(CommandArgs args) {
        return args.value("cappedSize").isPresent() || args.value("cappedMax").isPresent();
    }

    static CollectionInfo apply(CommandArgs args, CollectionInfo info, CommandContext cx) {
        if (!info.capped()) {
            throw ErrorCode.INVALID_OPTIONS.error("Collection must be capped.");
        }
        Optional<Long> size = number(args, "cappedSize");
        Optional<Long> max = number(args, "cappedMax");
        size.filter(s -> s < 0).ifPresent(s -> {
            throw ErrorCode.BAD_VALUE.error("size has to be >= 0");
        });
        size.filter(s -> s > CappedOptions.MAX_SIZE).ifPresent(s -> {
            throw ErrorCode.BAD_VALUE.error("size cannot exceed 1 PB");
        });
        max.filter(m -> m > CappedOptions.NO_MAX).ifPresent(m -> {
            throw ErrorCode.BAD_VALUE.error("max in a capped collection has to be < 2^31 or not set");
        });
        BsonDocument options = info.options();
        size.ifPresent(s -> options.put("size", CappedOptions.number(s)));
        max.ifPresent(m -> options.put("max", CappedOptions.number(m <= 0 ? CappedOptions.NO_MAX : m)));
        CollectionInfo resized = cx.catalog().updateOptions(info, options);
        CappedTrim.toLimits(cx.store(), resized, cx.indexes().secondary(resized));
        return resized;
    }

    private static Optional<Long> number(CommandArgs args, String field) {
        return args.value(field).map(v -> {
            if (!v.isNumber()) {
                throw ErrorCode.TYPE_MISMATCH.error("BSON field 'collMod.%s' is the wrong type '%s', expected types '[long, int, decimal, double']",
                        field, BsonText.typeName(v));
            }
            return v.asNumber().longValue();
        });
    }
}
