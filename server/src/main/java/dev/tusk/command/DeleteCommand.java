package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.exec.DeleteExecutor;
import dev.tusk.exec.WriteError;
import dev.tusk.expr.Variables;
import dev.tusk.query.Collation;
import dev.tusk.query.CollatedFilter;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** delete: a batch of delete statements, each removing all matches (limit 0) or the first (limit 1). */
final class DeleteCommand implements Command {
    private static final Set<String> STATEMENT_FIELDS = Set.of("q", "limit", "hint", "collation");

    @Override
    public String name() {
        return "delete";
    }

    @Override
    public String help() {
        return "delete documents";
    }

    @Override
    public boolean isWrite() {
        return true;
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("deletes", "ordered", "let"));
        String collection = args.collection();
        BsonArray deletes = args.array("deletes").orElseThrow(() ->
                ErrorCode.FAILED_TO_PARSE.error("BSON field 'delete.deletes' is missing but a required field"));
        boolean ordered = args.bool("ordered", true);
        WriteBatches.checkSize(deletes.size());
        Optional<CollectionInfo> info = cx.catalog().collection(request.database(), collection);
        if (info.isPresent() && info.get().isView()) {
            return WriteBatches.onView(info.get(), new BsonDocument("n", new org.bson.BsonInt32(0)), deletes.size(), ordered);
        }
        Variables vars = Variables.withLet(args.document("let").orElse(new BsonDocument()));
        long n = 0;
        List<WriteError> errors = new ArrayList<>();
        for (int i = 0; i < deletes.size(); i++) {
            try {
                BsonDocument s = statement(deletes.get(i), i);
                FilterNode filter = CollatedFilter.of(FilterParser.parse(s.getDocument("q"), vars),
                        Collation.parse(Optional.ofNullable(s.get("collation")), "delete.deletes.collation"));
                Hints.check(cx, info, Optional.ofNullable(s.get("hint")));
                boolean one = limitOne(s);
                if (info.isEmpty()) {
                    continue;
                }
                try (var writing = cx.indexes().writing(info.get())) {
                    DeleteExecutor executor = new DeleteExecutor(cx.store(), writing.indexes());
                    n += one ? executor.deleteOne(info.get(), filter, Optional.empty()).map(d -> 1).orElse(0)
                            : executor.deleteMany(info.get(), filter);
                }
            } catch (MongoServerException e) {
                errors.add(new WriteError(i, e));
                if (ordered) {
                    break;
                }
            }
        }
        return WriteBatches.reply(n, errors);
    }

    private static BsonDocument statement(BsonValue v, int index) {
        if (!v.isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'delete.deletes.%d' is the wrong type '%s', expected type 'object'",
                    index, BsonText.typeName(v));
        }
        BsonDocument s = v.asDocument();
        for (String key : s.keySet()) {
            if (!STATEMENT_FIELDS.contains(key)) {
                throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field 'delete.deletes.%s' is an unknown field.", key);
            }
        }
        Collation.parse(Optional.ofNullable(s.get("collation")), "delete.deletes.collation");
        BsonValue q = s.get("q");
        if (q == null) {
            throw ErrorCode.FAILED_TO_PARSE.error("BSON field 'delete.deletes.q' is missing but a required field");
        }
        if (!q.isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'delete.deletes.q' is the wrong type '%s', expected type 'object'",
                    BsonText.typeName(q));
        }
        if (!s.containsKey("limit")) {
            throw ErrorCode.FAILED_TO_PARSE.error("BSON field 'delete.deletes.limit' is missing but a required field");
        }
        return s;
    }

    private static boolean limitOne(BsonDocument s) {
        BsonValue limit = s.get("limit");
        if (!limit.isNumber()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'delete.deletes.limit' is the wrong type '%s', expected types '[long, int, decimal, double]'",
                    BsonText.typeName(limit));
        }
        double l = limit.asNumber().doubleValue();
        if (l != 0 && l != 1) {
            throw ErrorCode.FAILED_TO_PARSE.error("The limit field in delete objects must be 0 or 1. Got %s", limit.asNumber().toString());
        }
        return l == 1;
    }
}
