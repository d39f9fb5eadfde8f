package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.exec.QueryExecutor;
import dev.tusk.pipeline.Pipeline;
import dev.tusk.pipeline.SqlGroup;
import dev.tusk.query.FilterNode;
import dev.tusk.sql.Pushdown;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/**
 * Whether a pipeline's $group is computed by PostgreSQL over a collection: the one decision that the
 * aggregate runs ({@link PipelineReads}) and explain shows. Yes when the stages after the $match start
 * with a {@link SqlGroup}, the $match is exact in SQL, and sums, $min and $max read a collection whose
 * numbers carry their type; a group whose result cannot be made exactly still sends the pipeline back to Java when it
 * runs.
 */
final class GroupPushdowns {
    record Pushed(SqlGroup group, Pushdown filter) {}

    private GroupPushdowns() {}

    static Optional<Pushed> decide(QueryExecutor queries, CollectionInfo c, FilterNode filter, Pipeline pipeline) {
        return pipeline.sqlGroup().flatMap(g -> {
            Pushdown p = queries.pushdown(filter);
            boolean readsNumberTypes = !g.valuePaths().isEmpty() || !g.extremePaths().isEmpty();
            return p.exact() && (!readsNumberTypes || c.typedNumbers()) ? Optional.of(new Pushed(g, p)) : Optional.empty();
        });
    }

    /** The stages after the grouping as explain lists them: those after the $group, a $sortByCount's sort first. */
    static BsonArray tail(BsonArray stages, boolean leadingMatch) {
        int at = leadingMatch ? 1 : 0;
        BsonArray out = new BsonArray();
        if (stages.get(at).asDocument().containsKey("$sortByCount")) {
            out.add(new BsonDocument("$sort", new BsonDocument("count", new BsonInt32(-1))));
        }
        stages.subList(at + 1, stages.size()).forEach(out::add);
        return out;
    }
}
