package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.catalog.IndexInfo;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.exec.SecondaryIndex;
import dev.tusk.exec.TimeBudget;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;

/**
 * collMod's conversion of an index to unique (MongoDB 6.0+), in two steps: {@code prepareUnique: true} makes writes
 * refuse new keys another document holds (11000) while existing duplicates stay, then {@code unique: true} checks
 * that no two documents share a key (359 with the conflicting {@code _id}s otherwise; with {@code dryRun} only the
 * check) and makes the side table's b-tree unique.
 */
final class UniqueConversion {
    private static final int MAX_VIOLATIONS = 1000;

    private UniqueConversion() {}

    static boolean requested(BsonDocument change) {
        return change.containsKey("prepareUnique") || change.containsKey("unique");
    }

    /** Applies the change to {@code spec} (prepareUnique) or converts the index (unique); fills collMod's reply. */
    static void apply(BsonDocument change, IndexInfo index, CollectionInfo info, CommandContext cx, BsonDocument spec,
            BsonDocument reply, boolean dryRun) {
        if (change.containsKey("prepareUnique")) {
            if (change.containsKey("unique") || change.containsKey("hidden") || change.containsKey("expireAfterSeconds")) {
                throw ErrorCode.INVALID_OPTIONS.error("prepareUnique cannot be combined with other index modifications");
            }
            if (dryRun) {
                throw ErrorCode.INVALID_OPTIONS.error("dryRun: true is only supported with unique: true");
            }
            boolean prepare = Flags.bool(change, "prepareUnique", "collMod.index");
            if (index.unique()) {
                return; // already enforced
            }
            reply.append("prepareUnique_old", BsonBoolean.valueOf(index.prepareUnique()))
                    .append("prepareUnique_new", BsonBoolean.valueOf(prepare));
            if (prepare) {
                spec.put("prepareUnique", BsonBoolean.TRUE);
            } else {
                spec.remove("prepareUnique");
            }
            return;
        }
        if (!Flags.bool(change, "unique", "collMod.index")) {
            throw ErrorCode.NOT_IMPLEMENTED.error("collMod index unique: false (converting a unique index back) is not supported by Tusk yet");
        }
        if (index.unique()) {
            return;
        }
        if (!index.prepareUnique()) {
            throw ErrorCode.INVALID_OPTIONS.error(
                    "Cannot make index unique with 'unique: true' unless 'prepareUnique' is set to true");
        }
        SecondaryIndex side = SecondaryIndex.of(info, index);
        if (dryRun) {
            BsonArray violations = violations(cx, info, side);
            if (!violations.isEmpty()) {
                throw cannotConvert().withExtra("violations", violations);
            }
            return;
        }
        BsonDocument unique = spec.clone();
        unique.remove("prepareUnique");
        unique.put("unique", BsonBoolean.TRUE);
        try {
            cx.catalog().makeIndexUnique(info, index, unique);
        } catch (MongoServerException e) {
            if (e.code() == ErrorCode.CANNOT_CONVERT_INDEX_TO_UNIQUE) {
                throw cannotConvert().withExtra("violations", violations(cx, info, side));
            }
            throw e;
        }
        reply.append("unique_new", BsonBoolean.TRUE);
        spec.clear();
        spec.putAll(unique);
    }

    private static MongoServerException cannotConvert() {
        return ErrorCode.CANNOT_CONVERT_INDEX_TO_UNIQUE.error(
                "Cannot convert the index to unique. Please resolve conflicting documents before running collMod again.");
    }

    /** One {@code {ids: [...]}} per key that several documents share, their {@code _id}s in key order. */
    private static BsonArray violations(CommandContext cx, CollectionInfo info, SecondaryIndex index) {
        List<List<byte[]>> groups = cx.store().transaction(tx -> tx.sharedKeys(index, MAX_VIOLATIONS));
        BsonArray out = new BsonArray();
        for (List<byte[]> group : groups) {
            BsonArray ids = new BsonArray();
            for (byte[] key : group) {
                cx.store().byKey(info, key, TimeBudget.unlimited()).ifPresent(row -> ids.add(row.document().get("_id")));
            }
            out.add(new BsonDocument("ids", ids));
        }
        return out;
    }
}
