package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.cursor.DocumentSource;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.exec.QueryExecutor;
import dev.tusk.exec.QuerySpec;
import dev.tusk.expr.ParseContext;
import dev.tusk.query.Collation;
import dev.tusk.query.CollatedFilter;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import dev.tusk.sql.Pushdown;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/** count: the number of matching documents (after skip, up to limit). */
final class CountCommand implements Command {
    @Override
    public String name() {
        return "count";
    }

    @Override
    public String help() {
        return "count objects in collection";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("query", "limit", "skip", "hint", "collation", "fields", "readConcern"));
        Collation collation = Collation.parse(args.value("collation"), "collation");
        String collection = args.collection();
        FilterNode filter = CollatedFilter.of(FilterParser.parse(args.document("query").orElse(new BsonDocument())), collation);
        long skip = args.nonNegative("skip", 0);
        long limit = Math.abs(args.integer("limit").orElse(0L));
        Optional<CollectionInfo> info = cx.catalog().collection(request.database(), collection);
        long n = 0;
        if (info.isPresent() && info.get().isView()) {
            BsonArray stages = Views.matchSkipLimit(args.document("query").orElse(new BsonDocument()), skip, limit);
            Iterator<BsonDocument> docs = Views.read(request, cx, info.get(), stages, ParseContext.defaults().withCollation(collation));
            while (docs.hasNext()) {
                docs.next();
                n++;
            }
            return Replies.ok(new BsonDocument("n", new BsonInt32((int) n)));
        }
        Hints.check(cx, info, args.value("hint"));
        if (info.isPresent()) {
            QueryExecutor queries = new QueryExecutor(cx.store(), request.timeBudget(), cx.indexes().secondary(info.get()));
            Pushdown pushdown = queries.pushdown(filter);
            if (pushdown.exact()) {
                long all = cx.store().count(info.get(), pushdown.condition(), request.timeBudget());
                n = Math.max(0, all - skip);
                n = limit == 0 ? n : Math.min(n, limit);
            } else {
                DocumentSource matches = queries.open(info.get(), new QuerySpec(filter, Optional.empty(), skip, limit, Optional.empty()));
                while (!matches.exhausted()) {
                    n += matches.next(1000, Long.MAX_VALUE).size();
                }
            }
        }
        return Replies.ok(new BsonDocument("n", new BsonInt32((int) n)));
    }
}
