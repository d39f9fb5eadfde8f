package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.cursor.DocumentSource;
import dev.tusk.cursor.SourceIterator;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.exec.QueryExecutor;
import dev.tusk.exec.QuerySpec;
import dev.tusk.pipeline.CollectionReader;
import dev.tusk.pipeline.Pipeline;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import org.bson.BsonDocument;

/**
 * Runs a parsed pipeline over a collection: its leading {@code [$match] [$sort [$skip] $limit]} is the
 * collection read (pushed into SQL), the rest streams through the Java stages. Stages that read other
 * collections ($lookup, $unionWith) read views through their pipelines.
 */
final class PipelineReads {
    private final CommandRequest request;
    private final CommandContext cx;
    private final boolean allowDiskUse;

    PipelineReads(CommandRequest request, CommandContext cx, boolean allowDiskUse) {
        this.request = request;
        this.cx = cx;
        this.allowDiskUse = allowDiskUse;
    }

    /** The pipeline's results over {@code collection} (a collection, never a view); empty input when it does not exist. */
    Iterator<BsonDocument> run(Optional<CollectionInfo> collection, Pipeline pipeline) {
        Iterator<BsonDocument> input = Collections.emptyIterator();
        Pipeline rest = pipeline;
        if (!pipeline.stages().isEmpty() && pipeline.stages().get(0) instanceof dev.tusk.pipeline.GeoNearStage near) {
            if (collection.isEmpty()) {
                return Collections.emptyIterator();
            }
            dev.tusk.pipeline.GeoNearStage bound = dev.tusk.exec.GeoNears.bind(near, cx.indexes().secondary(collection.get()),
                    collection.get().namespace());
            input = new SourceIterator(queries(collection.get()).withDiskUse(allowDiskUse)
                    .open(collection.get(), new QuerySpec(bound.filter(), Optional.empty(), 0, nearestNeeded(pipeline), Optional.empty())));
            return pipeline.withFirst(bound).run(input, reader());
        }
        if (collection.isPresent()) {
            Pipeline.LeadingRead leading = pipeline.leadingRead();
            FilterNode filter = leading.match().map(m -> m.filter()).orElseGet(() -> FilterParser.parse(new BsonDocument()));
            int afterMatch = leading.match().isPresent() ? 1 : 0;
            Optional<dev.tusk.pipeline.FacetStage> facet = FacetPushdowns.at(pipeline, afterMatch);
            if (facet.isPresent()) { // each sub-pipeline a count or a grouping in SQL
                Optional<Iterator<BsonDocument>> faceted = faceted(collection.get(), facet.get(), filter)
                        .map(doc -> pipeline.after(afterMatch + 1).run(List.of(doc).iterator(), reader()));
                if (faceted.isPresent()) {
                    return faceted.get();
                }
            }
            if (pipeline.countingTail().isPresent() || pipeline.sqlGroup().isPresent()) { // what follows the $match may run in SQL
                dev.tusk.sql.Pushdown pushdown = queries(collection.get()).pushdown(filter);
                Optional<GroupPushdowns.Counted> counted = GroupPushdowns.counted(pushdown, pipeline);
                if (counted.isPresent()) { // countDocuments: one count(*)
                    return counted.get().tail().result(cx.store().count(collection.get(), pushdown.condition(), request.timeBudget()))
                            .iterator();
                }
                Optional<Iterator<BsonDocument>> grouped = GroupPushdowns.decide(pushdown, collection.get(), pipeline, allowDiskUse,
                        name -> cx.catalog().collection(request.database(), name))
                        .flatMap(pushed -> grouped(collection.get(), pushed));
                if (grouped.isPresent()) {
                    return grouped.get();
                }
            }
            rest = pipeline.after(leading.stages());
            input = new SourceIterator(queries(collection.get()).withDiskUse(allowDiskUse)
                    .open(collection.get(), new QuerySpec(filter, leading.sort(), leading.skip(), leading.limit(), Optional.empty())));
        }
        return rest.run(input, reader());
    }

    /**
     * A $group PostgreSQL can compute ({@link dev.tusk.pipeline.SqlGroup}), after an exact filter: grouped
     * by PostgreSQL, each group's `_id` taken from its first document; the stages after it run in Java.
     * Empty (the whole pipeline then runs in Java) when a group's result cannot be made exactly
     * ({@link GroupPushdowns} decided the rest).
     */
    private Optional<Iterator<BsonDocument>> grouped(CollectionInfo c, GroupPushdowns.Pushed pushed) {
        dev.tusk.pipeline.SqlGroup g = pushed.group();
        Optional<List<BsonDocument>> outputs = g.outputs(dev.tusk.exec.GroupQuery.run(cx.store(), c, pushed.filter().condition(), g,
                pushed.foreign(), request.timeBudget()));
        cx.stats().groupPushdown(outputs.isPresent());
        return outputs.map(out -> g.rest().run(out.iterator(), reader()));
    }

    /**
     * The $facet's output document when PostgreSQL computes every sub-pipeline ({@link FacetPushdowns}); empty (the
     * pipeline then runs in Java) when one needs the documents or a group's result cannot be made exactly.
     */
    private Optional<BsonDocument> faceted(CollectionInfo c, dev.tusk.pipeline.FacetStage facet, FilterNode filter) {
        QueryExecutor queries = queries(c);
        Optional<List<FacetPushdowns.Branch>> branches = FacetPushdowns.decide(facet, filter, queries.pushdown(filter), c, allowDiskUse,
                queries::pushdown, name -> cx.catalog().collection(request.database(), name));
        if (branches.isEmpty()) {
            return Optional.empty();
        }
        BsonDocument out = new BsonDocument();
        for (FacetPushdowns.Branch b : branches.get()) {
            org.bson.BsonArray results = new org.bson.BsonArray();
            if (b.counted().isPresent()) {
                var counted = b.counted().get();
                counted.tail().result(cx.store().count(c, counted.filter().condition(), request.timeBudget())).forEach(results::add);
            } else {
                Optional<Iterator<BsonDocument>> grouped = grouped(c, b.grouped().orElseThrow());
                if (grouped.isEmpty()) {
                    return Optional.empty();
                }
                grouped.get().forEachRemaining(results::add);
            }
            out.append(b.name(), results);
        }
        return Optional.of(out);
    }

    /**
     * How many of the nearest documents a leading $geoNear must give when a $limit (after an optional
     * $skip) follows it, so the read can stop at the rings that hold them; 0: all.
     */
    private static long nearestNeeded(Pipeline pipeline) {
        var stages = pipeline.stages();
        if (stages.size() > 1 && stages.get(1) instanceof dev.tusk.pipeline.LimitStage limit) {
            return limit.n();
        }
        if (stages.size() > 2 && stages.get(1) instanceof dev.tusk.pipeline.SkipStage skip
                && stages.get(2) instanceof dev.tusk.pipeline.LimitStage limit) {
            return skip.n() + limit.n();
        }
        return 0;
    }

    /** Reads other collections of the database for $lookup and friends; a view through its pipeline. */
    CollectionReader reader() {
        return new CollectionReader() {
            @Override
            public Iterator<BsonDocument> read(String foreign, FilterNode filter) {
                Optional<CollectionInfo> info = cx.catalog().collection(request.database(), foreign);
                if (info.isPresent() && info.get().isView()) {
                    Views.Resolved view = Views.resolve(cx.catalog(), info.get());
                    Iterator<BsonDocument> all = run(view.source(), Pipeline.parse(view.pipeline()));
                    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(all, 0), false)
                            .filter(d -> FilterEvaluator.matches(filter, d)).iterator();
                }
                return collection(info, filter);
            }

            /** A view's: its pipeline followed by the filter, which moves ahead of the stages that leave its fields alone. */
            @Override
            public Iterator<BsonDocument> readMatching(String foreign, BsonDocument filter) {
                Optional<CollectionInfo> info = cx.catalog().collection(request.database(), foreign);
                if (info.isPresent() && info.get().isView()) {
                    Views.Resolved view = Views.resolve(cx.catalog(), info.get());
                    org.bson.BsonArray stages = view.pipeline().clone();
                    stages.add(new BsonDocument("$match", filter));
                    return run(view.source(), Pipeline.parse(dev.tusk.pipeline.MatchPlacement.earliest(stages)));
                }
                return collection(info, FilterParser.parse(filter));
            }

            /** A collection's: its leading $match (with the $lookup's let values bound) a read with indexes, as any aggregate's. */
            @Override
            public Iterator<BsonDocument> aggregate(String foreign, Pipeline pipeline) {
                Optional<CollectionInfo> info = cx.catalog().collection(request.database(), foreign);
                if (info.isPresent() && info.get().isView()) {
                    return CollectionReader.super.aggregate(foreign, pipeline);
                }
                return run(info, pipeline);
            }
        };
    }

    /** The matches of a collection (none when it does not exist). */
    private Iterator<BsonDocument> collection(Optional<CollectionInfo> info, FilterNode filter) {
        return info.<Iterator<BsonDocument>>map(c -> {
            DocumentSource scan = queries(c).open(c, new QuerySpec(filter, Optional.empty(), 0, 0, Optional.empty()));
            return new SourceIterator(scan);
        }).orElse(Collections.emptyIterator());
    }

    private QueryExecutor queries(CollectionInfo c) {
        return new QueryExecutor(cx.store(), request.timeBudget(), cx.indexes().secondary(c));
    }
}
