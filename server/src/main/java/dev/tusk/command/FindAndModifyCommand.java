package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.dispatch.WriteConcern;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.DeleteExecutor;
import dev.tusk.exec.UpdateExecutor;
import dev.tusk.exec.UpdateResult;
import dev.tusk.expr.Variables;
import dev.tusk.query.Collation;
import dev.tusk.query.CollatedFilter;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import dev.tusk.query.Projection;
import dev.tusk.query.SortSpec;
import dev.tusk.update.UpdateSpec;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** findAndModify: update or remove one document and return it (before or after). */
final class FindAndModifyCommand implements Command {
    private static final Set<String> KNOWN = Set.of("query", "sort", "remove", "update", "new", "fields", "upsert",
            "bypassDocumentValidation", "arrayFilters", "hint", "collation", "let");

    @Override
    public String name() {
        return "findAndModify";
    }

    @Override
    public java.util.List<String> aliases() {
        return java.util.List.of("findandmodify");
    }

    @Override
    public String help() {
        return "update or remove one document and return it";
    }

    @Override
    public boolean isWrite() {
        return true;
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        BsonDocument reply = run(request, cx);
        // as MongoDB: a w: 0 findAndModify answers only ok, so the drivers' helpers return nothing
        return WriteConcern.parse(request.generic().writeConcern()).unacknowledged()
                ? new BsonDocument("ok", new org.bson.BsonDouble(1)) : reply;
    }

    private BsonDocument run(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, KNOWN);
        Collation collation = Collation.parse(args.value("collation"), "collation");
        String collection = args.collection();
        Variables vars = Variables.withLet(args.document("let").orElse(new BsonDocument()));
        BsonDocument rawQuery = args.document("query").orElse(new BsonDocument());
        FilterNode filter = CollatedFilter.of(FilterParser.parse(rawQuery, vars), collation);
        Optional<SortSpec> sort = args.document("sort").filter(d -> !d.isEmpty()).map(SortSpec::parse)
                .map(s -> s.collated(collation));
        Optional<Projection> fields = args.document("fields").map(Projection::parse);
        boolean remove = args.bool("remove", false);
        boolean returnNew = args.bool("new", false);
        boolean upsert = args.bool("upsert", false);
        Optional<BsonValue> update = args.value("update");
        if (remove && update.isPresent()) {
            throw ErrorCode.FAILED_TO_PARSE.error("Cannot specify both an update and remove=true");
        }
        if (!remove && update.isEmpty()) {
            throw ErrorCode.FAILED_TO_PARSE.error("Either an update or remove=true must be specified");
        }
        if (remove && (upsert || returnNew)) {
            throw ErrorCode.FAILED_TO_PARSE.error(upsert ? "Cannot specify both upsert=true and remove=true"
                    : "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
        }
        Optional<CollectionInfo> info = cx.catalog().collection(request.database(), collection)
                .map(CollectionInfo::requireCollection);
        Hints.check(cx, info, args.value("hint"));
        if (remove) {
            Optional<BsonDocument> deleted = Optional.empty();
            if (info.isPresent()) {
                try (var writing = cx.indexes().writing(info.get())) {
                    deleted = new DeleteExecutor(cx.store(), writing.indexes()).deleteOne(info.get(), filter, sort);
                }
            }
            return reply(new BsonDocument("n", new BsonInt32(deleted.isPresent() ? 1 : 0)), deleted, fields);
        }
        UpdateSpec spec = UpdateSpec.parse(update.get(),
                ArrayFilterArgs.parse(args.value("arrayFilters").orElse(null), "findAndModify"), vars);
        if (info.isEmpty()) {
            if (!upsert) {
                return reply(new BsonDocument("n", new BsonInt32(0)).append("updatedExisting", BsonBoolean.FALSE),
                        Optional.empty(), fields);
            }
            info = Optional.of(cx.catalog().createCollection(request.database(), collection, new BsonDocument(), false));
        }
        UpdateResult r;
        try (var writing = cx.indexes().writing(info.get())) {
            r = new UpdateExecutor(cx.store(), writing, args.bool("bypassDocumentValidation", false)
                        ? Optional.empty() : dev.tusk.exec.DocumentValidator.of(info.get())).update(info.get(), args.namespace(),
                    new UpdateExecutor.Statement(filter, rawQuery, spec, false, upsert, sort));
        }
        BsonDocument lastError = new BsonDocument("n", new BsonInt32(r.upsertedId().isPresent() ? 1 : (int) r.matched()))
                .append("updatedExisting", BsonBoolean.valueOf(r.matched() > 0));
        r.upsertedId().ifPresent(id -> lastError.append("upserted", id));
        Optional<BsonDocument> value = returnNew ? r.after() : r.before();
        return reply(lastError, value, fields);
    }

    private static BsonDocument reply(BsonDocument lastError, Optional<BsonDocument> value, Optional<Projection> fields) {
        BsonValue shown = value.<BsonValue>map(d -> fields.map(p -> p.apply(d, java.util.Optional.<dev.tusk.query.FilterNode>empty())).orElse(d)).orElse(BsonNull.VALUE);
        return Replies.ok(new BsonDocument("lastErrorObject", lastError).append("value", shown));
    }
}
