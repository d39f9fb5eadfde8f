package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.catalog.IndexInfo;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.FindOptions;
import dev.tusk.exec.SecondaryIndex;
import dev.tusk.index.IndexSpecs;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The `hint` option: an index name, a key pattern, or {$natural: ±1}. An index that does not exist
 * (or is hidden) is MongoDB's error 2 BadValue; an existing one is accepted (Tusk's planner still chooses the plan;
 * find's returnKey and min/max use the hinted index).
 */
final class Hints {
    private Hints() {}

    static void check(CommandContext cx, Optional<CollectionInfo> info, Optional<BsonValue> hint) {
        if (hint.isEmpty() || info.isEmpty() || noIndex(hint.get())) {
            return;
        }
        BsonValue h = hint.get();
        // a hidden index is invisible to the planner, hints included (as on MongoDB)
        boolean exists = cx.catalog().indexes(info.get()).stream().anyMatch(i -> names(h, i) && !i.hidden() && i.ready());
        if (!h.isString() && !h.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("hint must be a string or an object");
        }
        if (!exists) {
            throw ErrorCode.BAD_VALUE.error("hint provided does not correspond to an existing index");
        }
    }

    /** What a hint that passed {@link #check} names; empty when there is no hint. */
    static Optional<FindOptions.Hint> resolve(CommandContext cx, CollectionInfo info, Optional<BsonValue> hint) {
        if (hint.isEmpty() || hint.get().isDocument() && hint.get().asDocument().isEmpty()) {
            return Optional.empty();
        }
        BsonValue h = hint.get();
        if (noIndex(h)) {
            return Optional.of(new FindOptions.Hint.Natural(isBackward(h.asDocument().get("$natural"))));
        }
        IndexInfo index = cx.catalog().indexes(info).stream().filter(i -> names(h, i) && i.ready()).findFirst().orElseThrow();
        return Optional.of(index.isIdIndex() ? new FindOptions.Hint.IdIndex()
                : new FindOptions.Hint.Secondary(SecondaryIndex.of(info, index)));
    }

    /** A sort on {@code $natural} alone reads as the same hint would: a collection scan, backward for {@code -1}. */
    static Optional<FindOptions.Hint> naturalSort(Optional<BsonDocument> sort) {
        return sort.filter(s -> s.size() == 1 && s.containsKey("$natural"))
                .map(s -> new FindOptions.Hint.Natural(isBackward(s.get("$natural"))));
    }

    /** {@code $natural: -1} (or any negative number): natural order backward. */
    static boolean isBackward(BsonValue direction) {
        return direction != null && direction.isNumber() && direction.asNumber().doubleValue() < 0;
    }

    /** {} (no hint) or {$natural: ±1} (a collection scan). */
    private static boolean noIndex(BsonValue h) {
        return h.isDocument() && (h.asDocument().isEmpty() || h.asDocument().containsKey("$natural"));
    }

    private static boolean names(BsonValue h, IndexInfo index) {
        return h.isString()
                ? index.listedName().equals(h.asString().getValue())
                : h.isDocument() && IndexSpecs.sameKey(index.key(), h.asDocument());
    }
}
