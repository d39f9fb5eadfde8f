package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.cursor.DocumentSource;
import dev.tusk.cursor.IteratorSource;
import dev.tusk.cursor.ListSource;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.DocumentStore;
import dev.tusk.exec.FindOptions;
import dev.tusk.exec.QueryExecutor;
import dev.tusk.exec.QuerySpec;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.Variables;
import dev.tusk.query.Collation;
import dev.tusk.query.CollatedFilter;
import dev.tusk.query.FilterParser;
import dev.tusk.query.Projection;
import dev.tusk.query.SortSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;

/** find: filter/sort/projection/skip/limit over one collection, answered with a cursor. */
final class FindCommand implements Command {
    private static final Set<String> KNOWN = Set.of("filter", "sort", "projection", "skip", "limit", "batchSize",
            "singleBatch", "hint", "min", "max", "returnKey", "showRecordId", "tailable", "oplogReplay",
            "noCursorTimeout", "awaitData", "allowPartialResults", "collation", "allowDiskUse", "let", "readOnce",
            "term");

    @Override
    public String name() {
        return "find";
    }

    @Override
    public String help() {
        return "query for documents";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, KNOWN);
        Collation collation = Collation.parse(args.value("collation"), "collation");
        String collection = args.collection();
        Variables vars = Variables.withLet(args.document("let").orElse(new BsonDocument()));
        var filter = CollatedFilter.of(FilterParser.parse(args.document("filter").orElse(new BsonDocument()), vars), collation);
        // a sort on $natural alone is a collection scan in natural order: the hint it becomes (Hints.naturalSort) says which way
        Optional<SortSpec> sort = args.document("sort").filter(d -> !d.isEmpty()).map(SortSpec::parse)
                .filter(s -> !s.isNatural()).map(s -> s.collated(collation));
        Optional<Projection> projection = args.document("projection").map(p -> Projection.parse(p, vars));
        boolean wantsTextScore = args.document("projection").filter(dev.tusk.text.TextScoreUse::in).isPresent()
                || args.document("sort").filter(dev.tusk.text.TextScoreUse::in).isPresent();
        if (wantsTextScore && dev.tusk.query.TextFilters.find(filter).isEmpty()) {
            throw dev.tusk.text.ScoredDocument.unavailable();
        }
        long skip = args.nonNegative("skip", 0);
        long limit = args.integer("limit").orElse(0L);
        if (limit < 0) {
            throw ErrorCode.LOCATION_51024.error("BSON field 'limit' value must be >= 0, actual value '%d'", limit);
        }
        long batchSize = args.nonNegative("batchSize", Cursors.DEFAULT_FIRST_BATCH);
        boolean singleBatch = args.bool("singleBatch", false);
        boolean returnKey = args.bool("returnKey", false);
        boolean showRecordId = args.bool("showRecordId", false);
        BsonDocument min = args.document("min").orElse(new BsonDocument());
        BsonDocument max = args.document("max").orElse(new BsonDocument());
        dev.tusk.index.MinMaxBounds.checkSameFields(min, max);
        boolean tailable = TailableFind.requested(args);
        String ns = args.namespace();
        Optional<CollectionInfo> info = cx.catalog().collection(request.database(), collection);
        if (tailable) {
            return Cursors.firstBatchReply(cx, ns, TailableFind.open(cx, args, info, filter, projection, skip, limit,
                    request.timeBudget()), firstBatch(batchSize, limit), false);
        }
        if (info.isPresent() && info.get().isView()) {
            BsonArray stages = Views.findStages(args.document("filter").orElse(new BsonDocument()), args.document("sort"),
                    skip, limit, args.document("projection"), request.body());
            ParseContext parse = ParseContext.of(vars).withDiskUse(args.bool("allowDiskUse", true)).withCollation(collation);
            DocumentSource source = new IteratorSource(Views.read(request, cx, info.get(), stages, parse));
            return Cursors.firstBatchReply(cx, ns, source, firstBatch(batchSize, limit), singleBatch);
        }
        Hints.check(cx, info, args.value("hint"));
        DocumentSource source = new ListSource(List.of());
        if (info.isPresent()) {
            Optional<FindOptions.Hint> hint = Hints.resolve(cx, info.get(), args.value("hint")).or(() -> Hints.naturalSort(args.document("sort")));
            FindOptions options = FindOptions.of(hint, returnKey, min, max);
            // with returnKey a result is the index key alone: MongoDB drops $recordId too
            DocumentStore store = showRecordId && !returnKey ? cx.store().withRecordIds() : cx.store();
            source = new QueryExecutor(store, request.timeBudget(), cx.indexes().secondary(info.get()))
                    .withDiskUse(args.bool("allowDiskUse", true))
                    .open(info.get(), new QuerySpec(filter, sort, skip, limit, projection), options);
        }
        return Cursors.firstBatchReply(cx, ns, source, firstBatch(batchSize, limit), singleBatch);
    }

    private static int firstBatch(long batchSize, long limit) {
        return (int) Math.min(batchSize, limit == 0 ? Integer.MAX_VALUE : limit);
    }
}
