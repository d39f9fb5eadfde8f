package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.cursor.IteratorSource;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.Variables;
import dev.tusk.pipeline.Pipeline;
import dev.tusk.pipeline.Sink;
import dev.tusk.exec.SinkWriter;
import dev.tusk.query.Collation;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;

/**
 * aggregate over a collection: a leading $match runs in PostgreSQL (exact or re-checked), the rest of
 * the pipeline streams through the Java stages.
 */
final class AggregateCommand implements Command {
    private static final Set<String> KNOWN = Set.of("pipeline", "cursor", "explain", "allowDiskUse",
            "bypassDocumentValidation", "collation", "hint", "let");

    @Override
    public String name() {
        return "aggregate";
    }

    @Override
    public String help() {
        return "run an aggregation pipeline";
    }

    /** For $out and $merge; MongoDB's aggregate takes a writeConcern only with them, and the drivers send one only then. */
    @Override
    public boolean acceptsWriteConcern() {
        return true;
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, KNOWN);
        Collation collation = Collation.parse(args.value("collation"), "collation");
        BsonArray stages = args.array("pipeline").orElseThrow(() ->
                ErrorCode.FAILED_TO_PARSE.error("BSON field 'aggregate.pipeline' is missing but a required field"));
        boolean databaseLevel = request.commandValue().isNumber() && request.commandValue().asNumber().intValue() == 1;
        Optional<BsonArray> documents = databaseLevel ? DocumentsStage.leading(stages, request, cx) : Optional.empty();
        if (databaseLevel && documents.isEmpty()) {
            throw ErrorCode.NOT_IMPLEMENTED.error("database-level aggregate ({aggregate: 1}) is supported with a leading $documents, $listLocalSessions or $currentOp only");
        }
        String collection = databaseLevel ? "$cmd.aggregate" : args.collection();
        if (!databaseLevel) {
            documents = CollectionStatsStages.leading(stages, request.database(), collection, cx);
        }
        if (documents.isPresent()) {
            stages = new BsonArray(stages.subList(1, stages.size()));
        }
        if (args.bool("explain", false)) {
            return explained(request, cx);
        }
        if (args.document("cursor").isEmpty()) {
            throw ErrorCode.FAILED_TO_PARSE.error("The 'cursor' option is required, except for aggregate with the explain argument");
        }
        Optional<Sink> sink = Sink.of(stages, request.database());
        if (sink.isPresent()) {
            boolean linearizable = request.generic().readConcern()
                    .map(rc -> rc.getString("level", new org.bson.BsonString("")).getValue().equals("linearizable")).orElse(false);
            if (linearizable) {
                throw ErrorCode.INVALID_OPTIONS.error("%s cannot be used with a 'linearizable' read concern level",
                        sink.get() instanceof Sink.Out ? "$out" : "$merge");
            }
            stages = new BsonArray(stages.subList(0, stages.size() - 1));
        }
        boolean allowDiskUse = args.bool("allowDiskUse", true);
        ParseContext parse = ParseContext.of(Variables.withLet(args.document("let").orElse(new BsonDocument())))
                .withDiskUse(allowDiskUse).withCollation(collation);
        Optional<CollectionInfo> info = databaseLevel ? Optional.empty() : cx.catalog().collection(request.database(), collection);
        Iterator<BsonDocument> results;
        if (info.isPresent() && info.get().isView()) {
            results = Views.read(request, cx, info.get(), stages, parse);
        } else {
            Pipeline pipeline = Pipeline.parse(dev.tusk.pipeline.MatchPlacement.earliest(stages), parse);
            Hints.check(cx, info, args.value("hint"));
            PipelineReads reads = new PipelineReads(request, cx, allowDiskUse);
            results = documents.isPresent()
                    ? pipeline.run(documents.get().stream().map(v -> v.asDocument()).iterator(), reads.reader())
                    : reads.run(info, pipeline);
        }
        if (sink.isPresent()) {
            new SinkWriter(cx.store(), cx.catalog(), cx.indexes()).write(sink.get(), results);
            return Cursors.reply("firstBatch", java.util.List.of(), 0, request.database() + "." + collection);
        }
        return Cursors.firstBatchReply(cx, request.database() + "." + collection, new IteratorSource(results), Cursors.batchSize(args));
    }

    /** {@code aggregate} with {@code explain: true}: what the explain command says of it at queryPlanner verbosity. */
    private static BsonDocument explained(CommandRequest request, CommandContext cx) {
        BsonDocument inner = new BsonDocument();
        request.body().forEach((k, v) -> {
            if (!k.equals("explain") && !k.equals("cursor") && !k.startsWith("$") && !k.equals("lsid")) {
                inner.append(k, v);
            }
        });
        BsonDocument body = new BsonDocument("explain", inner).append("verbosity", new org.bson.BsonString("queryPlanner"))
                .append("$db", new org.bson.BsonString(request.database()));
        return new ExplainCommand().execute(new CommandRequest("explain", body, request.database(), request.generic(),
                request.connection()), cx);
    }
}
