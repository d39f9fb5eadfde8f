package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.exec.UpdateExecutor;
import dev.tusk.exec.UpdateResult;
import dev.tusk.exec.WriteError;
import dev.tusk.expr.Variables;
import dev.tusk.query.Collation;
import dev.tusk.query.CollatedFilter;
import dev.tusk.query.FilterParser;
import dev.tusk.update.UpdateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/** update: a batch of update statements (replacement or operators; upsert; multi). */
final class UpdateCommand implements Command {
    private static final Set<String> STATEMENT_FIELDS = Set.of("q", "u", "upsert", "multi", "arrayFilters", "hint",
            "collation", "c", "sort", "upsertSupplied");

    @Override
    public String name() {
        return "update";
    }

    @Override
    public String help() {
        return "update documents";
    }

    @Override
    public boolean isWrite() {
        return true;
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("updates", "ordered", "bypassDocumentValidation", "let"));
        String collection = args.collection();
        BsonArray updates = args.array("updates").orElseThrow(() ->
                ErrorCode.FAILED_TO_PARSE.error("BSON field 'update.updates' is missing but a required field"));
        boolean ordered = args.bool("ordered", true);
        WriteBatches.checkSize(updates.size());
        Variables vars = Variables.withLet(args.document("let").orElse(new BsonDocument()));
        Optional<CollectionInfo> existing = cx.catalog().collection(request.database(), collection);
        if (existing.isPresent() && existing.get().isView()) {
            return WriteBatches.onView(existing.get(), new BsonDocument("n", new BsonInt32(0)).append("nModified", new BsonInt32(0)),
                    updates.size(), ordered);
        }
        long n = 0;
        long nModified = 0;
        BsonArray upserted = new BsonArray();
        List<WriteError> errors = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            try {
                UpdateExecutor.Statement st = parse(updates.get(i), i, vars);
                Hints.check(cx, existing, Optional.ofNullable(updates.get(i).asDocument().get("hint")));
                if (existing.isEmpty()) {
                    if (!st.upsert()) {
                        continue;
                    }
                    existing = Optional.of(cx.catalog().createCollection(request.database(), collection, new BsonDocument(), false));
                }
                UpdateResult r;
                try (var writing = cx.indexes().writing(existing.get())) {
                    r = new UpdateExecutor(cx.store(), writing, args.bool("bypassDocumentValidation", false)
                        ? Optional.empty() : dev.tusk.exec.DocumentValidator.of(existing.get())).updateForCounts(existing.get(), args.namespace(), st);
                }
                n += r.matched();
                nModified += r.modified();
                if (r.upsertedId().isPresent()) {
                    n++;
                    upserted.add(new BsonDocument("index", new BsonInt32(i)).append("_id", r.upsertedId().get()));
                }
            } catch (MongoServerException e) {
                errors.add(new WriteError(i, e));
                if (ordered) {
                    break;
                }
            }
        }
        BsonDocument counts = new BsonDocument("n", new BsonInt32((int) n));
        if (!upserted.isEmpty()) {
            counts.append("upserted", upserted);
        }
        counts.append("nModified", new BsonInt32((int) nModified));
        return WriteBatches.reply(counts, errors);
    }

    private static UpdateExecutor.Statement parse(BsonValue v, int index, Variables vars) {
        if (!v.isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'update.updates.%d' is the wrong type '%s', expected type 'object'",
                    index, dev.tusk.bson.BsonText.typeName(v));
        }
        BsonDocument s = v.asDocument();
        for (String key : s.keySet()) {
            if (!STATEMENT_FIELDS.contains(key)) {
                throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field 'update.updates.%s' is an unknown field.", key);
            }
        }
        Collation collation = Collation.parse(Optional.ofNullable(s.get("collation")), "update.updates.collation");
        BsonValue q = s.get("q");
        if (q == null) {
            throw ErrorCode.FAILED_TO_PARSE.error("BSON field 'update.updates.q' is missing but a required field");
        }
        if (!q.isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'update.updates.q' is the wrong type '%s', expected type 'object'",
                    dev.tusk.bson.BsonText.typeName(q));
        }
        BsonValue u = s.get("u");
        if (u == null) {
            throw ErrorCode.FAILED_TO_PARSE.error("BSON field 'update.updates.u' is missing but a required field");
        }
        boolean multi = Flags.bool(s, "multi", "update.updates");
        UpdateSpec spec = UpdateSpec.parse(u, ArrayFilterArgs.parse(s.get("arrayFilters"), "update.updates"), vars);
        if (multi && spec.isReplacement()) {
            throw ErrorCode.FAILED_TO_PARSE.error("multi update is not supported for replacement-style update");
        }
        return new UpdateExecutor.Statement(CollatedFilter.of(FilterParser.parse(q.asDocument(), vars), collation),
                q.asDocument(), spec, multi,
                Flags.bool(s, "upsert", "update.updates"), Optional.empty());
    }
}
