package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.error.ErrorCode;
import dev.tusk.index.IndexSpecs;
import java.util.Optional;
import org.bson.BsonValue;

/**
 * The `hint` option: an index name, a key pattern, or {$natural: ±1}. An index that does not exist
 * is MongoDB's error 2 BadValue; an existing one is accepted (Tusk's planner still chooses the plan).
 */
final class Hints {
    private Hints() {}

    static void check(CommandContext cx, Optional<CollectionInfo> info, Optional<BsonValue> hint) {
        if (hint.isEmpty() || info.isEmpty()) {
            return;
        }
        BsonValue h = hint.get();
        if (h.isDocument() && (h.asDocument().isEmpty() || h.asDocument().containsKey("$natural"))) {
            return;
        }
        boolean exists = cx.catalog().indexes(info.get()).stream().anyMatch(i -> h.isString()
                ? i.name().equals(h.asString().getValue())
                : h.isDocument() && IndexSpecs.sameKey(i.key(), h.asDocument()));
        if (!h.isString() && !h.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("hint must be a string or an object");
        }
        if (!exists) {
            throw ErrorCode.BAD_VALUE.error("hint provided does not correspond to an existing index");
        }
    }
}
