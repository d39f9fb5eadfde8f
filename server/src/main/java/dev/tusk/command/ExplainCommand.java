package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.DocumentStore;
import dev.tusk.exec.ExplainStages;
import dev.tusk.exec.FindOptions;
import dev.tusk.exec.QueryExplainer;
import dev.tusk.exec.QuerySpec;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.Variables;
import dev.tusk.pipeline.Pipeline;
import dev.tusk.query.CollatedFilter;
import dev.tusk.query.Collation;
import dev.tusk.query.FilterParser;
import dev.tusk.query.SortSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * explain for find, count, distinct, aggregate, update, delete and findAndModify ({@link ExplainedWrites}): MongoDB's
 * queryPlanner / executionStats shape,
 * plus a `tusk` section with the SQL and PostgreSQL's own plan.
 */
final class ExplainCommand implements Command {
    private static final Set<String> VERBOSITIES = Set.of("queryPlanner", "executionStats", "allPlansExecution");

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public String help() {
        return "explain how a find, count, distinct, aggregate, update, delete or findAndModify runs";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("verbosity"));
        BsonValue inner = request.commandValue();
        if (!inner.isDocument() || inner.asDocument().isEmpty()) {
            throw ErrorCode.FAILED_TO_PARSE.error("explain command requires a nested object");
        }
        String verbosity = args.string("verbosity").orElse("allPlansExecution");
        if (!VERBOSITIES.contains(verbosity)) {
            throw ErrorCode.BAD_VALUE.error("verbosity string must be one of {'queryPlanner', 'executionStats', 'allPlansExecution'}");
        }
        BsonDocument asked = inner.asDocument();
        BsonValue askedName = asked.get(asked.getFirstKey());
        if (!askedName.isString()) {
            throw ErrorCode.INVALID_NAMESPACE.error("collection name has invalid type %s", dev.tusk.bson.BsonText.typeName(askedName));
        }
        BsonDocument command = cx.catalog().collection(request.database(), askedName.asString().getValue())
                .filter(CollectionInfo::isView)
                .map(view -> overSource(cx, view, asked))
                .orElse(asked);
        String innerName = command.getFirstKey();
        BsonValue collectionName = command.get(innerName);
        Optional<ExplainedWrites.Statement> write = ExplainedWrites.handles(innerName)
                ? Optional.of(ExplainedWrites.of(command)) : Optional.empty();
        Collation collation = Collation.parse(write.map(ExplainedWrites.Statement::collation)
                .orElse(Optional.ofNullable(command.get("collation"))), "collation");
        String ns = request.database() + "." + collectionName.asString().getValue();
        Optional<BsonArray> tail = Optional.empty();
        Optional<GroupPushdowns.Pushed> group = Optional.empty();
        Optional<GroupPushdowns.Counted> counted = Optional.empty();
        Optional<List<FacetPushdowns.Branch>> facets = Optional.empty();
        // the pipeline as it runs: $match conditions moved ahead (MatchPlacement), as MongoDB's explain shows it
        BsonArray placed = innerName.equals("aggregate") && command.isArray("pipeline")
                ? dev.tusk.pipeline.MatchPlacement.earliest(command.getArray("pipeline")) : new BsonArray();
        QuerySpec spec = switch (innerName) {
            case "find" -> new QuerySpec(CollatedFilter.of(FilterParser.parse(doc(command, "filter")), collation),
                    Optional.of(doc(command, "sort")).filter(d -> !d.isEmpty()).map(SortSpec::parse).filter(o -> !o.isNatural())
                            .map(o -> o.collated(collation)),
                    number(command, "skip"), number(command, "limit"), Optional.empty());
            case "count" -> new QuerySpec(CollatedFilter.of(FilterParser.parse(doc(command, "query")), collation), Optional.empty(),
                    number(command, "skip"), number(command, "limit"), Optional.empty());
            case "distinct" -> new QuerySpec(CollatedFilter.of(FilterParser.parse(doc(command, "query")), collation),
                    Optional.empty(), 0, 0, Optional.empty());
            case "aggregate" -> {
                BsonArray stages = placed;
                Pipeline pipeline = Pipeline.parse(stages, ParseContext.of(Variables.defaults()).withCollation(collation));
                Optional<CollectionInfo> read = cx.catalog().collection(request.database(), collectionName.asString().getValue());
                if (!pipeline.stages().isEmpty() && pipeline.stages().get(0) instanceof dev.tusk.pipeline.GeoNearStage near
                        && read.isPresent()) { // the collection read is the $geoNear's: its query and $near through the geo index
                    var bound = dev.tusk.exec.GeoNears.bind(near, cx.indexes().secondary(read.get()), ns);
                    tail = Optional.of(new BsonArray(stages.subList(1, stages.size())));
                    yield new QuerySpec(bound.filter(), Optional.empty(), 0, 0, Optional.empty());
                }
                Pipeline.LeadingRead leading = pipeline.leadingRead();
                var filter = leading.match().map(m -> m.filter()).orElseGet(() -> FilterParser.parse(new BsonDocument()));
                if (read.isPresent()) { // a count or a $group PostgreSQL computes: the read of the matches, then that
                    var queries = new dev.tusk.exec.QueryExecutor(cx.store(), request.timeBudget(), cx.indexes().secondary(read.get()));
                    var pushdown = queries.pushdown(filter);
                    counted = GroupPushdowns.counted(pushdown, pipeline);
                    boolean diskUse = !command.containsKey("allowDiskUse") || Flags.bool(command, "allowDiskUse", "aggregate");
                    group = counted.isPresent() ? Optional.empty() : GroupPushdowns.decide(pushdown, read.get(), pipeline, diskUse,
                            name -> cx.catalog().collection(request.database(), name));
                    int afterMatch = leading.match().isPresent() ? 1 : 0;
                    facets = FacetPushdowns.at(pipeline, afterMatch).flatMap(f -> FacetPushdowns.decide(f, filter, pushdown, read.get(),
                            diskUse, queries::pushdown, name -> cx.catalog().collection(request.database(), name)));
                    if (facets.isPresent()) { // each sub-pipeline one statement; the stages after the $facet in Java
                        tail = Optional.of(new BsonArray(stages.subList(afterMatch + 1, stages.size())));
                        yield new QuerySpec(filter, Optional.empty(), 0, 0, Optional.empty());
                    }
                }
                tail = Optional.of(counted.isPresent() ? new BsonArray()
                        : group.isPresent() ? GroupPushdowns.tail(stages, leading.match().isPresent(), group.get().group())
                        : new BsonArray(stages.subList(leading.stages(), stages.size())));
                yield new QuerySpec(filter, leading.sort(), leading.skip(), leading.limit(), Optional.empty());
            }
            case "update", "delete", "findAndModify", "findandmodify" -> new QuerySpec(
                    CollatedFilter.of(FilterParser.parse(write.get().query()), collation),
                    write.get().sort().map(SortSpec::parse).map(o -> o.collated(collation)), 0, write.get().limit(), Optional.empty());
            default -> throw ErrorCode.NOT_IMPLEMENTED.error("explain of %s is not supported by Tusk yet", innerName);
        };
        Optional<CollectionInfo> info = cx.catalog().collection(request.database(), collectionName.asString().getValue());
        BsonDocument parsedQuery = write.isPresent() ? write.get().query()
                : innerName.equals("find") ? doc(command, "filter") : innerName.equals("aggregate")
                ? placed.stream().findFirst().map(v -> v.asDocument())
                        .filter(d -> d.isDocument("$match")).map(d -> d.getDocument("$match")).orElseGet(BsonDocument::new)
                : doc(command, "query");
        boolean execute = !verbosity.equals("queryPlanner");
        BsonDocument queryPlanner = new BsonDocument("namespace", new BsonString(ns))
                .append("indexFilterSet", BsonBoolean.FALSE)
                .append("parsedQuery", parsedQuery);
        BsonDocument reply = new BsonDocument("explainVersion", new BsonString("1"));
        FindOptions options = info.map(c -> write.isPresent()
                ? FindOptions.of(Hints.resolve(cx, c, write.get().hint()), false, new BsonDocument(), new BsonDocument())
                : innerName.equals("find") ? findOptions(cx, c, command)
                : innerName.equals("distinct") && command.isString("key") ? FindOptions.distinct(c, command.getString("key").getValue())
                : FindOptions.NONE).orElse(FindOptions.NONE);
        Optional<QueryExplainer.Explained> explained = info.map(c -> new QueryExplainer(cx.store(), cx.indexes().secondary(c))
                .explain(c, spec, options, execute));
        Optional<BsonDocument> projection = innerName.equals("find") ? Optional.of(doc(command, "projection")) : Optional.empty();
        BsonDocument winning = explained.map(e -> ExplainStages.winningPlan(e, spec, options, parsedQuery, projection))
                .orElseGet(() -> new BsonDocument("stage", new BsonString("EOF")));
        if (innerName.equals("count")) {
            winning = new BsonDocument("stage", new BsonString("COUNT")).append("inputStage", winning);
        }
        if (group.isPresent()) {
            winning = new BsonDocument("stage", new BsonString("GROUP")).append("inputStage", winning);
        }
        if (counted.isPresent()) {
            winning = new BsonDocument("stage", new BsonString("COUNT")).append("inputStage", winning);
        }
        if (facets.isPresent()) {
            winning = new BsonDocument("stage", new BsonString("FACET")).append("inputStage", winning);
        }
        BsonDocument executedStages = winning.clone();
        if (write.isPresent()) {
            long matched = explained.map(QueryExplainer.Explained::nReturned).orElse(0L);
            long modified = execute && !write.get().delete() && info.isPresent()
                    ? ExplainedWrites.wouldModify(write.get(), new dev.tusk.exec.QueryExecutor(cx.store(), request.timeBudget(),
                            cx.indexes().secondary(info.get())).open(info.get(), spec, options), spec.filter())
                    : 0;
            executedStages = ExplainedWrites.stage(write.get(), executedStages.append("nReturned", new BsonInt32((int) matched)),
                    Optional.of(matched), modified);
            winning = ExplainedWrites.stage(write.get(), winning, Optional.empty(), 0);
        }
        queryPlanner.append("winningPlan", winning).append("rejectedPlans", new BsonArray());
        BsonDocument planner = new BsonDocument("queryPlanner", queryPlanner);
        if (execute) {
            long n = write.isPresent() ? 0 : explained.map(QueryExplainer.Explained::nReturned).orElse(0L);
            planner.append("executionStats", new BsonDocument("executionSuccess", BsonBoolean.TRUE)
                    .append("nReturned", new BsonInt32((int) n))
                    .append("executionTimeMillis", new BsonInt32((int) explained.map(QueryExplainer.Explained::millis).orElse(0L).longValue()))
                    .append("totalKeysExamined", new BsonInt32((int) explained.map(QueryExplainer.Explained::keysExamined).orElse(0L).longValue()))
                    .append("totalDocsExamined", new BsonInt32((int) explained.map(QueryExplainer.Explained::docsExamined).orElse(0L).longValue()))
                    .append("executionStages", write.isPresent() ? executedStages : executedStages.append("nReturned", new BsonInt32((int) n)))
                    .append("allPlansExecution", new BsonArray()));
        }
        if (tail.isPresent()) {
            BsonArray stageList = new BsonArray();
            stageList.add(new BsonDocument("$cursor", planner));
            tail.get().forEach(stageList::add);
            reply.append("stages", stageList);
        } else {
            planner.forEach(reply::append);
        }
        BsonDocument commandEcho = command.clone();
        commandEcho.put("$db", new BsonString(request.database()));
        reply.append("command", commandEcho);
        reply.append("serverInfo", new BsonDocument("host", new BsonString(cx.topology().me()))
                .append("version", new BsonString(ServerInfo.VERSION))
                .append("gitVersion", new BsonString("tusk")));
        if (facets.isPresent() && info.isPresent()) { // each sub-pipeline's count or grouping statement, with its plan
            BsonDocument each = new BsonDocument();
            for (FacetPushdowns.Branch b : facets.get()) {
                DocumentStore.SqlPlan plan = b.counted().isPresent()
                        ? cx.store().explainCount(info.get(), b.counted().get().filter().condition(), execute)
                        : dev.tusk.exec.GroupQuery.explain(cx.store(), info.get(), b.grouped().get().filter().condition(),
                                b.grouped().get().group(), b.grouped().get().foreign(), execute);
                each.append(b.name(), new BsonDocument("sql", new BsonString(plan.sql())).append("postgresPlan", plan.plan()));
            }
            reply.append("tusk", new BsonDocument("pushdown", new BsonString("exact")).append("facets", each));
        } else if (counted.isPresent() && info.isPresent()) {
            DocumentStore.SqlPlan count = cx.store().explainCount(info.get(), counted.get().filter().condition(), execute);
            reply.append("tusk", new BsonDocument("sql", new BsonString(count.sql()))
                    .append("pushdown", new BsonString("exact"))
                    .append("postgresPlan", count.plan()));
        } else if (group.isPresent() && info.isPresent()) {
            DocumentStore.SqlPlan grouping = dev.tusk.exec.GroupQuery.explain(cx.store(), info.get(), group.get().filter().condition(),
                    group.get().group(), group.get().foreign(), execute);
            reply.append("tusk", new BsonDocument("sql", new BsonString(grouping.sql()))
                    .append("pushdown", new BsonString("exact"))
                    .append("group", new BsonString("in PostgreSQL (a group whose key or sums need Java sends the pipeline there)"))
                    .append("postgresPlan", grouping.plan()));
        } else {
            explained.ifPresent(e -> reply.append("tusk", e.tuskSection()));
        }
        return Replies.ok(reply);
    }

    /**
     * A read of a view, explained as MongoDB does: an aggregate over the collection under the view,
     * the view's pipeline first, then the read's own stages.
     */
    private static BsonDocument overSource(CommandContext cx, CollectionInfo view, BsonDocument read) {
        Views.Resolved resolved = Views.resolve(cx.catalog(), view);
        String name = read.getFirstKey();
        BsonArray stages = resolved.pipeline();
        switch (name) {
            case "find" -> stages.addAll(Views.findStages(doc(read, "filter"), Optional.of(doc(read, "sort")),
                    number(read, "skip"), number(read, "limit"), Optional.of(doc(read, "projection")), read));
            case "count" -> {
                stages.addAll(Views.matchSkipLimit(doc(read, "query"), number(read, "skip"), number(read, "limit")));
                stages.add(new BsonDocument("$count", new BsonString("count")));
            }
            case "distinct" -> {
                stages.addAll(Views.matchSkipLimit(doc(read, "query"), 0, 0));
                stages.add(new BsonDocument("$group", new BsonDocument("_id", new BsonString("$" + read.getString("key",
                        new BsonString("_id")).getValue()))));
            }
            case "aggregate" -> stages.addAll(read.isArray("pipeline") ? read.getArray("pipeline") : new BsonArray());
            case "update", "delete", "findAndModify", "findandmodify" ->
                    throw ErrorCode.COMMAND_NOT_SUPPORTED_ON_VIEW.error("Namespace %s.%s is a view, not a collection", view.db(), view.name());
            default -> throw ErrorCode.NOT_IMPLEMENTED.error("explain of %s is not supported by Tusk yet", name);
        }
        BsonDocument aggregate = new BsonDocument("aggregate",
                new BsonString(resolved.source().map(CollectionInfo::name).orElse(view.viewOn()))).append("pipeline", stages);
        dev.tusk.query.Collation viewDefault = ViewOptions.of(view);
        if (read.containsKey("collation") && !dev.tusk.query.Collation.parse(Optional.of(read.get("collation")), "collation")
                .sameAs(viewDefault)) {
            throw ErrorCode.OPTION_NOT_SUPPORTED_ON_VIEW.error("Cannot override a view's default collation");
        }
        viewDefault.fullSpec().ifPresent(c -> aggregate.append("collation", c));
        return aggregate;
    }

    /** A find's hint, returnKey and min/max, as the find command reads them. */
    private static FindOptions findOptions(CommandContext cx, CollectionInfo c, BsonDocument find) {
        BsonDocument min = find.isDocument("min") ? find.getDocument("min") : new BsonDocument();
        BsonDocument max = find.isDocument("max") ? find.getDocument("max") : new BsonDocument();
        boolean returnKey = find.isBoolean("returnKey") && find.getBoolean("returnKey").getValue();
        return FindOptions.of(Hints.resolve(cx, c, Optional.ofNullable(find.get("hint")))
                .or(() -> Hints.naturalSort(Optional.of(find).filter(f -> f.isDocument("sort")).map(f -> f.getDocument("sort")))),
                returnKey, min, max);
    }

    private static BsonDocument doc(BsonDocument command, String field) {
        BsonValue v = command.get(field);
        if (v == null || v.isNull()) {
            return new BsonDocument();
        }
        if (!v.isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s.%s' is the wrong type '%s', expected type 'object'",
                    command.getFirstKey(), field, dev.tusk.bson.BsonText.typeName(v));
        }
        return v.asDocument();
    }

    private static long number(BsonDocument command, String field) {
        BsonValue v = command.get(field);
        return v != null && v.isNumber() ? Math.abs(v.asNumber().longValue()) : 0;
    }

}
