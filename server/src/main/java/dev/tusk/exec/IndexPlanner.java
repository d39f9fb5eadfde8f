package dev.tusk.exec;

import dev.tusk.index.IndexBounds;
import dev.tusk.index.IndexKeys;
import dev.tusk.index.KeyRange;
import dev.tusk.query.FilterNode;
import dev.tusk.sql.IndexSql;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.jooq.Condition;

/**
 * Picks a secondary index for a filter: one whose first field the filter constrains, preferring
 * point lookups (equality, $in) over ranges. The result only narrows the scan to documents the
 * index points at; the filter's own pushdown and re-check still decide.
 */
public final class IndexPlanner {
    private IndexPlanner() {}

    /** The chosen index (empty: the `_id` primary key) and its key ranges. */
    public record Choice(Optional<SecondaryIndex> index, List<KeyRange> ranges) {
        public BsonDocument keyPattern() {
            return index.map(i -> i.info().key()).orElseGet(IndexPlanner::idPattern);
        }

        /** True if the ranges are whole keys of a unique index (or `_id`): a few documents, cheaper to sort than to read in another order. */
        public boolean uniquePoints() {
            return index.map(i -> i.info().unique()).orElse(true) && ranges.stream().allMatch(KeyRange::single);
        }

        /** The condition that restricts a collection scan to the ranges (built only by the reads that scan the table). */
        public Condition condition() {
            return index.map(i -> IndexSql.restrict(i.schema(), i.storage(), ranges)).orElseGet(() -> IndexSql.primaryKey(ranges));
        }
    }

    private static final IndexKeys ID = new IndexKeys(idPattern(), false, Optional.empty());

    /** The key pattern of the `_id_` index (the table's primary key). */
    public static BsonDocument idPattern() {
        return new BsonDocument("_id", new BsonInt32(1));
    }

    /** True if the `_id` ranges alone decide the filter (an equality or $in on `_id`): SQL then needs no JSONB test. */
    static boolean decidedById(FilterNode filter) {
        return IndexBounds.decides(filter, ID, false, false);
    }

    public static Optional<Choice> choose(FilterNode filter, List<SecondaryIndex> indexes) {
        Optional<List<KeyRange>> byId = IndexBounds.of(filter, ID, false, false);
        if (byId.isPresent()) {
            return Optional.of(new Choice(Optional.empty(), byId.get()));
        }
        Choice best = null;
        int bestScore = Integer.MAX_VALUE;
        for (SecondaryIndex index : indexes) {
            if (index.info().hidden() || !index.info().ready() || !index.keys().holdsAllMatches(filter)) {
                continue;
            }
            Optional<List<KeyRange>> ranges = IndexBounds.of(filter, index.keys(), index.info().sparse(), index.info().multikey());
            if (ranges.isEmpty()) {
                continue;
            }
            int score = score(ranges.get(), index);
            if (score < bestScore) {
                bestScore = score;
                best = new Choice(Optional.of(index), ranges.get());
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * An $or (the filter, or one of its top-level conditions) whose every branch an index serves, each
     * branch with its index's choice (`_id` points too): the union of what they point at holds every
     * match, as MongoDB's OR plan reads one index scan per branch.
     */
    public record Union(List<Branch> branches) {
        public record Branch(FilterNode filter, Choice choice) {}

        public Condition condition() {
            return IndexSql.restrictToAny(branches.stream().map(b -> b.choice().index()
                    .<IndexSql.KeySource>map(i -> new IndexSql.KeySource.Side(i.schema(), i.storage(), b.choice().ranges()))
                    .orElseGet(() -> new IndexSql.KeySource.Points(b.choice().ranges().stream().map(KeyRange::from).toList())))
                    .toList());
        }
    }

    /** The union of index reads for the filter's first $or that indexes serve branch by branch (a filter no one index serves). */
    public static Optional<Union> chooseUnion(FilterNode filter, List<SecondaryIndex> indexes) {
        List<FilterNode> conditions = filter instanceof FilterNode.And and ? and.children() : List.of(filter);
        for (FilterNode condition : conditions) {
            if (!(condition instanceof FilterNode.Or or) || or.children().isEmpty()) {
                continue;
            }
            List<Union.Branch> branches = new java.util.ArrayList<>();
            for (FilterNode branch : or.children()) {
                Optional<Choice> choice = choose(branch, indexes);
                if (choice.isEmpty() || choice.get().index().isEmpty() && !choice.get().ranges().stream().allMatch(KeyRange::single)) {
                    break; // a branch no index serves (or `_id` ranges) reads the whole collection anyway
                }
                branches.add(new Union.Branch(branch, choice.get()));
            }
            if (branches.size() == or.children().size()) {
                return Optional.of(new Union(List.copyOf(branches)));
            }
        }
        return Optional.empty();
    }

    /**
     * Lower is better: exact points beat ranges, ranges beat whole type brackets ($type, $exists),
     * unique indexes beat others, fewer ranges beat more.
     */
    private static int score(List<KeyRange> ranges, SecondaryIndex index) {
        boolean points = ranges.stream().allMatch(r -> r.to().length >= r.from().length && r.from().length > 1);
        boolean brackets = ranges.stream().allMatch(r -> r.from().length <= 1 && r.to().length <= 1);
        return (points ? 0 : brackets ? 2000 : 1000) + (index.info().unique() ? 0 : 100) + Math.min(ranges.size(), 99);
    }
}
