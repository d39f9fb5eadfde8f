package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.pipeline.FacetStage;
import dev.tusk.pipeline.MatchStage;
import dev.tusk.pipeline.Pipeline;
import dev.tusk.query.FilterNode;
import dev.tusk.sql.Pushdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A $facet right after the pipeline's exact $match (or at its start) whose every sub-pipeline PostgreSQL computes
 * alone: a count ({@link dev.tusk.pipeline.CountingTail}) or a grouping ({@link dev.tusk.pipeline.SqlGroup}: $group,
 * $sortByCount, $bucket, $count...), each over the $match's documents (and the sub-pipeline's own leading $match, when
 * that is exact too). Faceted search pages ask for such counts together; each then is one statement, and the documents
 * are never read into Java (nor held for the sub-pipelines, as the Java stage holds them).
 */
final class FacetPushdowns {
    /** One sub-pipeline as PostgreSQL computes it: a count, or a grouping. */
    record Branch(String name, Optional<GroupPushdowns.Counted> counted, Optional<GroupPushdowns.Pushed> grouped) {}

    private FacetPushdowns() {}

    /** The facet at stage {@code at} of the pipeline, if there is one there. */
    static Optional<FacetStage> at(Pipeline pipeline, int at) {
        return at < pipeline.stages().size() && pipeline.stages().get(at) instanceof FacetStage f ? Optional.of(f) : Optional.empty();
    }

    /**
     * How PostgreSQL computes each sub-pipeline over the documents {@code outer} keeps ({@code outerWhere}, its SQL, exact),
     * or empty when one of them needs the documents themselves (the whole pipeline then runs in Java).
     */
    static Optional<List<Branch>> decide(FacetStage facet, FilterNode outer, Pushdown outerWhere, CollectionInfo c, boolean allowDiskUse,
            Function<FilterNode, Pushdown> pushdown, Function<String, Optional<CollectionInfo>> collections) {
        if (!outerWhere.exact()) {
            return Optional.empty();
        }
        List<Branch> branches = new ArrayList<>();
        for (Map.Entry<String, Pipeline> e : facet.facets().entrySet()) {
            Pipeline branch = e.getValue();
            Pushdown where = branch.stages().isEmpty() || !(branch.stages().get(0) instanceof MatchStage m) ? outerWhere
                    : pushdown.apply(new FilterNode.And(List.of(outer, m.filter())));
            Optional<GroupPushdowns.Counted> counted = GroupPushdowns.counted(where, branch);
            Optional<GroupPushdowns.Pushed> grouped = counted.isPresent() ? Optional.empty()
                    : GroupPushdowns.decide(where, c, branch, allowDiskUse, collections);
            if (counted.isEmpty() && grouped.isEmpty()) {
                return Optional.empty();
            }
            branches.add(new Branch(e.getKey(), counted, grouped));
        }
        return Optional.of(branches);
    }
}
