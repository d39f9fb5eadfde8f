package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.cursor.DocumentSource;
import dev.tusk.cursor.ListSource;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.QueryExecutor;
import dev.tusk.exec.TailableScan;
import dev.tusk.exec.TimeBudget;
import dev.tusk.query.FilterNode;
import dev.tusk.query.Projection;
import dev.tusk.sql.FilterSql;
import dev.tusk.sql.Pushdown;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;

/** find's tailable and awaitData: checked as MongoDB 7.0 checks them, and the cursor that follows a capped collection. */
final class TailableFind {
    private TailableFind() {}

    /** True if the find asks for a tailable cursor; 9/2 for options that cannot go with it. */
    static boolean requested(CommandArgs args) {
        boolean tailable = args.bool("tailable", false);
        boolean awaitData = args.bool("awaitData", false);
        if (awaitData && !tailable) {
            throw ErrorCode.FAILED_TO_PARSE.error("Cannot set 'awaitData' without also setting 'tailable'");
        }
        if (!tailable) {
            return false;
        }
        Optional<BsonDocument> sort = args.document("sort").filter(s -> !s.isEmpty());
        if (sort.isPresent() && !isNaturalForward(sort.get())) {
            throw ErrorCode.BAD_VALUE.error("cannot use tailable option with a sort other than {$natural: 1}");
        }
        if (args.bool("singleBatch", false)) {
            throw ErrorCode.BAD_VALUE.error("cannot use tailable option with the 'singleBatch' option");
        }
        return true;
    }

    private static boolean isNaturalForward(BsonDocument sort) {
        return sort.size() == 1 && sort.containsKey("$natural") && sort.get("$natural").isNumber()
                && sort.get("$natural").asNumber().doubleValue() == 1;
    }

    /**
     * The source of a tailable find: 2 BadValue on a collection that is not capped; no cursor (an
     * empty first batch, id 0) while the collection is empty or missing, as MongoDB keeps a tailable
     * cursor only on a collection that holds documents.
     */
    static DocumentSource open(CommandContext cx, CommandArgs args, Optional<CollectionInfo> info, FilterNode filter,
            Optional<Projection> projection, long skip, long limit, TimeBudget budget) {
        if (info.isEmpty()) {
            return new ListSource(List.of());
        }
        if (info.get().isView() || !info.get().capped()) {
            BsonDocument given = args.document("filter").orElse(new BsonDocument());
            throw ErrorCode.BAD_VALUE.error("error processing query: ns=%sTree: %s\nSort: {}\nProj: {}\n tailable cursor requested on non capped collection",
                    args.namespace(), given.isEmpty() ? "$and" : given.toJson());
        }
        if (cx.store().isEmpty(info.get())) {
            return new ListSource(List.of());
        }
        Pushdown pushdown = FilterSql.compile(filter);
        UnaryOperator<BsonDocument> output = projection.filter(p -> !p.isIdentity())
                .<UnaryOperator<BsonDocument>>map(p -> d -> p.apply(d, Optional.of(filter)))
                .orElse(UnaryOperator.identity());
        return new TailableScan(cx.store(), info.get(), pushdown.condition(), QueryExecutor.recheck(filter, pushdown), output,
                skip, limit, args.bool("awaitData", false), budget);
    }

    /** How long an awaitData getMore waits for new documents: its maxTimeMS, else MongoDB's default of 1 second. */
    static long awaitMillis(java.util.OptionalLong maxTimeMS) {
        return maxTimeMS.isPresent() && maxTimeMS.getAsLong() > 0 ? maxTimeMS.getAsLong() : 1000L;
    }
}
