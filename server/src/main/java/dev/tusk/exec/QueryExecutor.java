package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.cursor.DocumentSizes;
import dev.tusk.cursor.DocumentSource;
import dev.tusk.cursor.ListSource;
import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.sql.FilterSql;
import dev.tusk.sql.Pushdown;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;

/**
 * Turns a {@link QuerySpec} into a stream of documents: the filter goes to SQL (exact or superset),
 * rows the SQL could not decide are re-checked by the reference evaluator, and sorting happens in
 * memory within MongoDB's 100 MiB blocking-sort limit.
 */
public final class QueryExecutor {
    /** MongoDB's internalQueryMaxBlockingSortMemoryUsageBytes. */
    static final long MAX_SORT_BYTES = 100L * 1024 * 1024;

    private final DocumentStore store;
    private final TimeBudget budget;
    private final List<SecondaryIndex> indexes;

    public QueryExecutor(DocumentStore store, TimeBudget budget, List<SecondaryIndex> indexes) {
        this.store = store;
        this.budget = budget;
        this.indexes = indexes;
    }

    /** The filter's pushdown, narrowed to an index's key ranges when one serves the filter. */
    public Pushdown pushdown(dev.tusk.query.FilterNode filter) {
        Pushdown pushdown = FilterSql.compile(filter);
        return IndexPlanner.choose(filter, indexes)
                .map(choice -> new Pushdown(pushdown.condition().and(choice.condition()), pushdown.exact()))
                .orElse(pushdown);
    }

    public DocumentSource open(CollectionInfo c, QuerySpec spec) {
        java.util.Optional<byte[]> idKey = IdLookup.key(spec.filter());
        if (idKey.isPresent()) {
            return byId(c, spec, idKey.get());
        }
        Pushdown pushdown = pushdown(spec.filter());
        Predicate<BsonDocument> recheck = recheck(spec.filter(), pushdown);
        UnaryOperator<BsonDocument> project = spec.projection()
                .filter(p -> !p.isIdentity())
                .<UnaryOperator<BsonDocument>>map(p -> d -> p.apply(d, java.util.Optional.of(spec.filter())))
                .orElse(UnaryOperator.identity());
        if (spec.sort().isPresent()) {
            var order = IndexOrder.find(spec.sort().get(), indexes);
            if (order.isPresent()) {
                return inIndexOrder(c, spec, order.get(), project);
            }
        }
        if (spec.sort().isEmpty()) {
            return new ScanSource(store, c, pushdown.condition(), recheck, project, spec.skip(), spec.limit(), budget);
        }
        List<BsonDocument> all = matching(c, pushdown, recheck);
        all.sort(spec.sort().get().comparator());
        int from = (int) Math.min(spec.skip(), all.size());
        int to = spec.limit() == 0 ? all.size() : (int) Math.min(all.size(), from + spec.limit());
        List<BsonDocument> page = new ArrayList<>(to - from);
        for (BsonDocument d : all.subList(from, to)) {
            page.add(project.apply(d));
        }
        return new ListSource(page);
    }

    /** At most one document: the row with that key. */
    private DocumentSource byId(CollectionInfo c, QuerySpec spec, byte[] key) {
        if (spec.skip() > 0) {
            return new ListSource(List.of());
        }
        return new ListSource(store.byKey(c, key, budget)
                .<List<BsonDocument>>map(row -> List.of(spec.projection().filter(p -> !p.isIdentity())
                        .map(p -> p.apply(row.document(), java.util.Optional.of(spec.filter())))
                        .orElse(row.document())))
                .orElse(List.of()));
    }

    /** A sorted read served by an index in sort order: no blocking sort, and a limit stops the scan early. */
    private DocumentSource inIndexOrder(CollectionInfo c, QuerySpec spec, IndexOrder order, UnaryOperator<BsonDocument> project) {
        Pushdown onDocument = FilterSql.compile(spec.filter());
        org.jooq.Condition onKey = dev.tusk.index.IndexBounds.of(spec.filter(), order.index().keys(), false)
                .map(ranges -> dev.tusk.sql.IndexSql.onKey("s", ranges))
                .orElse(org.jooq.impl.DSL.noCondition());
        return new IndexScanSource(store, c, order.index(), onDocument.condition(), onKey, order.reverse(),
                recheck(spec.filter(), onDocument), project, spec.skip(), spec.limit(), budget);
    }

    /** Every matching document, in `_key` order, within the blocking-sort memory limit. */
    public List<BsonDocument> matching(CollectionInfo c, Pushdown pushdown, Predicate<BsonDocument> recheck) {
        ScanSource scan = new ScanSource(store, c, pushdown.condition(), recheck, UnaryOperator.identity(), 0, 0, budget);
        List<BsonDocument> all = new ArrayList<>();
        long bytes = 0;
        while (!scan.exhausted()) {
            for (BsonDocument d : scan.next(1000, Long.MAX_VALUE)) {
                bytes += DocumentSizes.of(d);
                if (bytes > MAX_SORT_BYTES) {
                    throw ErrorCode.QUERY_EXCEEDED_MEMORY_LIMIT_NO_DISK_USE_ALLOWED.error(
                            "Executor error during find command :: caused by :: Sort exceeded memory limit of %d bytes, "
                                    + "but did not opt in to external sorting.", MAX_SORT_BYTES);
                }
                all.add(d);
            }
        }
        return all;
    }



    /** The evaluator's verdict for rows from a superset pushdown; nothing to check for an exact one. */
    public static Predicate<BsonDocument> recheck(dev.tusk.query.FilterNode filter, Pushdown pushdown) {
        return pushdown.exact() ? d -> true : d -> FilterEvaluator.matches(filter, d);
    }
}
