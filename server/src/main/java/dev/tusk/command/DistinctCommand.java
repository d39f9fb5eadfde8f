package dev.tusk.command;

import dev.tusk.bson.BsonOrder;
import dev.tusk.catalog.CollectionInfo;
import dev.tusk.cursor.DocumentSource;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.QueryExecutor;
import dev.tusk.exec.QuerySpec;
import dev.tusk.expr.ParseContext;
import dev.tusk.query.Collation;
import dev.tusk.query.CollatedFilter;
import dev.tusk.query.FilterParser;
import dev.tusk.query.DistinctValues;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** distinct: the distinct values of a field among matching documents (array elements count one by one). */
final class DistinctCommand implements Command {
    @Override
    public String name() {
        return "distinct";
    }

    @Override
    public String help() {
        return "the distinct values of a field";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("key", "query", "hint", "collation"));
        Collation collation = Collation.parse(args.value("collation"), "collation");
        String collection = args.collection();
        String key = args.string("key").orElseThrow(() ->
                ErrorCode.FAILED_TO_PARSE.error("BSON field 'distinct.key' is missing but a required field"));
        if (key.isEmpty()) {
            throw ErrorCode.FAILED_TO_PARSE.error("FieldPath cannot be constructed with empty string");
        }
        var filter = CollatedFilter.of(FilterParser.parse(args.document("query").orElse(new BsonDocument())), collation);
        TreeSet<BsonValue> values = new TreeSet<>(collation::compare); // equal under the collation: the first seen stays
        Optional<CollectionInfo> info = cx.catalog().collection(request.database(), collection);
        if (info.isPresent() && info.get().isView()) {
            BsonArray stages = Views.matchSkipLimit(args.document("query").orElse(new BsonDocument()), 0, 0);
            Views.read(request, cx, info.get(), stages, ParseContext.defaults().withCollation(collation))
                    .forEachRemaining(d -> values.addAll(DistinctValues.of(d, key)));
        } else if (info.isPresent()) {
            Hints.check(cx, info, args.value("hint"));
            DocumentSource matches = new QueryExecutor(cx.store(), request.timeBudget(), cx.indexes().secondary(info.get()))
                    .open(info.get(), new QuerySpec(filter, Optional.empty(), 0, 0, Optional.empty()),
                            dev.tusk.exec.FindOptions.distinct(info.get(), key));
            while (!matches.exhausted()) {
                for (BsonDocument d : matches.next(1000, Long.MAX_VALUE)) {
                    values.addAll(DistinctValues.of(d, key));
                }
            }
        }
        return Replies.ok(new BsonDocument("values", new BsonArray(new java.util.ArrayList<>(values))));
    }
}
