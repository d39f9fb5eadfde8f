package dev.tusk.command;

import dev.tusk.catalog.Catalog;
import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.ParseContext;
import dev.tusk.pipeline.Pipeline;
import java.util.Iterator;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/**
 * Reads on a view, as MongoDB runs them: the view's pipeline (after the pipelines of the views it
 * reads, down to a collection) followed by the read's own stages — find's filter, sort, skip, limit
 * and projection become $match, $sort, $skip, $limit and $project.
 */
final class Views {
    private Views() {}

    /** The collection at the end of a view's viewOn chain (empty if it does not exist) and the pipeline over it. */
    record Resolved(Optional<CollectionInfo> source, BsonArray pipeline) {}

    static Resolved resolve(Catalog catalog, CollectionInfo view) {
        BsonArray pipeline = new BsonArray();
        CollectionInfo at = view;
        for (int depth = 0; at.isView(); depth++) {
            if (depth == Catalog.MAX_VIEW_DEPTH) {
                throw Catalog.viewDepthExceeded();
            }
            pipeline.addAll(0, at.viewPipeline()); // the view read by this one runs first
            Optional<CollectionInfo> on = catalog.collection(at.db(), at.viewOn());
            if (on.isEmpty()) {
                return new Resolved(Optional.empty(), pipeline);
            }
            at = on.get();
        }
        return new Resolved(Optional.of(at), pipeline);
    }

    /** The documents of {@code view} run through {@code stages}, parsed with the command's context. */
    static Iterator<BsonDocument> read(CommandRequest request, CommandContext cx, CollectionInfo view, BsonArray stages,
            ParseContext command) {
        ParseContext parse = command.withCollation(collation(request, view));
        Resolved resolved = resolve(cx.catalog(), view);
        BsonArray all = resolved.pipeline();
        all.addAll(stages);
        return new PipelineReads(request, cx, parse.allowDiskUse()).run(resolved.source(),
                Pipeline.parse(dev.tusk.pipeline.MatchPlacement.earliest(all), parse));
    }

    /**
     * The collation a read on the view runs with: the view's default; a command may only repeat it
     * (167 OptionNotSupportedOnView for another one, "simple" included, as MongoDB).
     */
    static dev.tusk.query.Collation collation(CommandRequest request, CollectionInfo view) {
        dev.tusk.query.Collation viewDefault = ViewOptions.of(view);
        org.bson.BsonValue given = request.body().get("collation");
        if (given != null && !dev.tusk.query.Collation.parse(Optional.of(given), "collation").sameAs(viewDefault)) {
            throw ErrorCode.OPTION_NOT_SUPPORTED_ON_VIEW.error("Cannot override a view's default collation");
        }
        return viewDefault;
    }

    /** find's arguments as stages; options a pipeline cannot express are 168 InvalidPipelineOperator, as on MongoDB. */
    static BsonArray findStages(BsonDocument filter, Optional<BsonDocument> sort, long skip, long limit,
            Optional<BsonDocument> projection, BsonDocument body) {
        for (String option : new String[] {"returnKey", "showRecordId", "min", "max"}) {
            BsonValue v = body.get(option);
            if (v != null && !(v.isBoolean() && !v.asBoolean().getValue()) && !(v.isDocument() && v.asDocument().isEmpty())) {
                throw ErrorCode.INVALID_PIPELINE_OPERATOR.error("Option %s not supported in aggregation.", option);
            }
        }
        BsonArray stages = matchSkipLimit(filter, 0, 0);
        sort.filter(s -> !s.isEmpty()).ifPresent(s -> stages.add(new BsonDocument("$sort", s)));
        stages.addAll(matchSkipLimit(new BsonDocument(), skip, limit));
        projection.filter(p -> !p.isEmpty()).ifPresent(p -> stages.add(new BsonDocument("$project", p)));
        return stages;
    }

    /** {@code [$match filter] [$skip n] [$limit n]}, each only when it does something (0 = no skip, no limit). */
    static BsonArray matchSkipLimit(BsonDocument filter, long skip, long limit) {
        BsonArray stages = new BsonArray();
        if (!filter.isEmpty()) {
            stages.add(new BsonDocument("$match", filter));
        }
        if (skip > 0) {
            stages.add(new BsonDocument("$skip", new BsonInt64(skip)));
        }
        if (limit > 0) {
            stages.add(new BsonDocument("$limit", new BsonInt64(limit)));
        }
        return stages;
    }
}
