package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.catalog.IndexInfo;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.CollectionStats;
import dev.tusk.exec.IndexUsage;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The leading stages of a collection aggregate that describe the collection instead of reading it:
 * {@code $collStats} (storageStats and count, measured in PostgreSQL; latencyStats and queryExecStats, counted
 * in memory: {@link dev.tusk.exec.CollectionUsage}) and {@code $indexStats} (each
 * index with the reads it served, {@link IndexUsage}).
 */
final class CollectionStatsStages {
    private CollectionStatsStages() {}

    /** The documents the pipeline's first stage produces, if it is one of these stages. */
    static Optional<BsonArray> leading(BsonArray stages, String db, String collection, CommandContext cx) {
        if (stages.isEmpty() || !stages.get(0).isDocument() || stages.get(0).asDocument().isEmpty()) {
            return Optional.empty();
        }
        BsonDocument first = stages.get(0).asDocument();
        Optional<CollectionInfo> info = cx.catalog().collection(db, collection);
        return switch (first.getFirstKey()) {
            case "$collStats" -> Optional.of(collStats(first.get("$collStats"), db + "." + collection, info, cx));
            case "$indexStats" -> Optional.of(indexStats(first.get("$indexStats"), info, cx));
            default -> Optional.empty();
        };
    }

    private static BsonArray collStats(BsonValue spec, String ns, Optional<CollectionInfo> info, CommandContext cx) {
        if (!spec.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("$collStats must take a nested object but found: %s", spec);
        }
        BsonDocument out = new BsonDocument("ns", new BsonString(ns)).append("host", new BsonString(cx.topology().me()))
                .append("localTime", new BsonDateTime(System.currentTimeMillis()));
        CollectionStats[] measured = new CollectionStats[1]; // storageStats and count share one read of the table
        java.util.function.Function<CollectionInfo, CollectionStats> measure = c -> measured[0] != null ? measured[0]
                : (measured[0] = StatsDocuments.measure(cx, c));
        for (var e : spec.asDocument().entrySet()) {
            switch (e.getKey()) {
                case "storageStats" -> {
                    CollectionInfo c = existing(info, ns, "storageStats");
                    long scale = StatsDocuments.scale(Optional.ofNullable(e.getValue().isDocument()
                            ? e.getValue().asDocument().get("scale") : null));
                    BsonDocument storage = StatsDocuments.storage(ns, c, measure.apply(c), scale);
                    storage.remove("ns");
                    out.append("storageStats", storage);
                }
                case "count" -> out.append("count", new BsonDocument("count", new BsonInt64(info.filter(c -> !c.isView())
                        .map(c -> measure.apply(c).count()).orElse(0L))));
                case "latencyStats" -> {
                    BsonValue histograms = e.getValue().isDocument() ? e.getValue().asDocument().get("histograms") : null;
                    out.append("latencyStats", dev.tusk.exec.CollectionUsage.latencyStats(ns,
                            histograms != null && histograms.isBoolean() && histograms.asBoolean().getValue()));
                }
                case "queryExecStats" -> out.append("queryExecStats", dev.tusk.exec.CollectionUsage.queryExecStats(ns));
                default -> throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field '$collStats.%s' is an unknown field.", e.getKey());
            }
        }
        BsonArray one = new BsonArray();
        one.add(out);
        return one;
    }

    private static CollectionInfo existing(Optional<CollectionInfo> info, String ns, String what) {
        CollectionInfo c = info.orElseThrow(() -> ErrorCode.NAMESPACE_NOT_FOUND.error(
                "Unable to retrieve %s in $collStats stage :: caused by :: Collection [%s] not found.", what, ns));
        if (c.isView()) {
            throw ErrorCode.COMMAND_NOT_SUPPORTED_ON_VIEW.error("Namespace %s is a view, not a collection", ns);
        }
        return c;
    }

    private static BsonArray indexStats(BsonValue spec, Optional<CollectionInfo> info, CommandContext cx) {
        if (!spec.isDocument() || !spec.asDocument().isEmpty()) {
            throw ErrorCode.LOCATION_28803.error("The $indexStats stage specification must be an empty object");
        }
        BsonArray out = new BsonArray();
        if (info.isEmpty() || info.get().isView()) {
            return out;
        }
        CollectionInfo c = info.get();
        for (IndexInfo index : cx.catalog().indexes(c)) {
            if (!index.ready()) {
                continue;
            }
            IndexUsage.Accesses accesses = IndexUsage.accesses(c.schemaName(),
                    index.storage().orElse(IndexUsage.idIndex(c)));
            out.add(new BsonDocument("name", new BsonString(index.name()))
                    .append("key", index.key())
                    .append("host", new BsonString(cx.topology().me()))
                    .append("accesses", new BsonDocument("ops", new BsonInt64(accesses.ops().get()))
                            .append("since", new BsonDateTime(accesses.sinceMillis())))
                    .append("spec", index.spec()));
        }
        return out;
    }
}
