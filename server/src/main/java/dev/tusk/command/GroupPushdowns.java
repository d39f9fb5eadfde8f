package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.pipeline.CountingTail;
import dev.tusk.pipeline.Pipeline;
import dev.tusk.pipeline.SqlGroup;
import dev.tusk.sql.Pushdown;
import java.util.Optional;
import java.util.function.Function;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/**
 * Whether PostgreSQL computes what follows a pipeline's $match over a collection: the decisions that the
 * aggregate runs ({@link PipelineReads}) and explain shows. A count (countDocuments) or a {@link SqlGroup}
 * needs the $match exact in SQL; sums, $min and $max need a collection whose numbers carry their type. A
 * group whose result cannot be made exactly still sends the pipeline back to Java when it runs.
 */
final class GroupPushdowns {
    record Counted(CountingTail tail, Pushdown filter) {}

    /** A grouping PostgreSQL computes, over the matches of {@code filter}; {@code foreign} the $lookup's collection, if any. */
    record Pushed(SqlGroup group, Pushdown filter, Optional<CollectionInfo> foreign) {}

    private GroupPushdowns() {}

    static Optional<Counted> counted(Pushdown filter, Pipeline pipeline) {
        return filter.exact() ? pipeline.countingTail().map(t -> new Counted(t, filter)) : Optional.empty();
    }

    /**
     * The grouping PostgreSQL computes, if any. Without allowDiskUse a $push or $addToSet stays in Java, whose states count toward
     * the 100 MiB that then fail with 292 as on MongoDB (PostgreSQL's arrays have no such limit).
     */
    static Optional<Pushed> decide(Pushdown filter, CollectionInfo c, Pipeline pipeline, boolean allowDiskUse,
            Function<String, Optional<CollectionInfo>> collections) {
        Optional<SqlGroup> group = pipeline.sqlGroup().filter(g -> filter.exact())
                .filter(g -> allowDiskUse || g.pushPaths().isEmpty() && g.setPaths().isEmpty())
                .filter(g -> c.typedNumbers() || g.valuePaths().isEmpty() && g.extremePaths().isEmpty() && g.pushPaths().isEmpty()
                        && g.setPaths().isEmpty())
                .filter(dev.tusk.sql.GroupSql::computable);
        if (group.isEmpty() || group.get().lookup().isEmpty()) {
            return group.map(g -> new Pushed(g, filter, Optional.empty()));
        }
        // a $lookup joins a collection with typed numbers (a view runs its pipeline, a missing collection matches nothing: Java)
        Optional<CollectionInfo> foreign = collections.apply(group.get().lookup().get().from())
                .filter(f -> !f.isView() && f.typedNumbers() && c.typedNumbers());
        return foreign.map(f -> new Pushed(group.get(), filter, foreign));
    }

    /**
     * The stages after the grouping as explain lists them: those after the $group (and the $project/$set/$unset,
     * $sort, $lookup, $unwind or $match before it, which the grouping statement applies), a $sortByCount's sort or a
     * $count's projection first.
     */
    static BsonArray tail(BsonArray stages, boolean leadingMatch, SqlGroup group) {
        int at = (leadingMatch ? 1 : 0) + group.reshapes().size() + (group.order().isPresent() || group.unwind().isPresent() ? 1 : 0)
                + (group.lookup().isPresent() ? 1 : 0) + (group.unwoundMatch().isPresent() ? 1 : 0);
        BsonArray out = new BsonArray();
        if (stages.get(at).asDocument().containsKey("$sortByCount")) {
            out.add(new BsonDocument("$sort", new BsonDocument("count", new BsonInt32(-1))));
        }
        if (stages.get(at).asDocument().containsKey("$count")) { // a $group of all documents, then its count alone
            out.add(new BsonDocument("$project", new BsonDocument("_id", new BsonInt32(0))
                    .append(stages.get(at).asDocument().getString("$count").getValue(), new BsonInt32(1))));
        }
        stages.subList(at + 1, stages.size()).forEach(out::add);
        return out;
    }
}
