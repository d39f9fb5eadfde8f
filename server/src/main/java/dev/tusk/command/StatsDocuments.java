package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.CollectionStats;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/** The storage figures collStats, $collStats and dbStats report, in MongoDB's shape and scale. */
final class StatsDocuments {
    private StatsDocuments() {}

    /** A {@code scale} argument: a positive number (sizes are divided by it, rounded down). */
    static long scale(Optional<BsonValue> value) {
        if (value.isEmpty()) {
            return 1;
        }
        if (!value.get().isNumber()) {
            throw ErrorCode.TYPE_MISMATCH.error("scale has to be a number");
        }
        long scale = (long) value.get().asNumber().doubleValue();
        if (scale < 1) {
            throw ErrorCode.BAD_VALUE.error("scale has to be >= 1");
        }
        return scale;
    }

    static CollectionStats measure(CommandContext cx, CollectionInfo c) {
        return cx.store().stats(c, cx.indexes().secondary(c));
    }

    /** collStats' fields (also $collStats' storageStats). */
    static BsonDocument storage(String ns, CollectionInfo c, CollectionStats s, long scale) {
        BsonDocument sizes = new BsonDocument();
        for (Map.Entry<String, Long> e : s.indexSizes().entrySet()) {
            sizes.append(e.getKey(), new BsonInt64(e.getValue() / scale));
        }
        BsonDocument out = new BsonDocument("ns", new BsonString(ns))
                .append("size", new BsonInt64(s.dataSize() / scale))
                .append("count", new BsonInt64(s.count()))
                .append("avgObjSize", new BsonInt64(s.averageObjectSize()))
                .append("numOrphanDocs", new BsonInt32(0))
                .append("storageSize", new BsonInt64(s.storageSize() / scale))
                .append("freeStorageSize", new BsonInt32(0))
                .append("capped", BsonBoolean.valueOf(c.capped()));
        if (c.capped()) { // MongoDB's collStats: the document limit (0: none) and the size limit, scaled
            out.append("max", CappedOptions.number(c.cappedMax()))
                    .append("maxSize", CappedOptions.number(c.cappedSize() / scale));
        }
        return out.append("nindexes", new BsonInt32(s.indexSizes().size()))
                .append("indexBuilds", new org.bson.BsonArray())
                .append("totalIndexSize", new BsonInt64(s.totalIndexSize() / scale))
                .append("totalSize", new BsonInt64((s.storageSize() + s.totalIndexSize()) / scale))
                .append("indexSizes", sizes)
                .append("scaleFactor", new BsonInt64(scale));
    }
}
