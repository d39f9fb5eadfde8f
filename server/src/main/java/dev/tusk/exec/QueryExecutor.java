package dev.tusk.exec;

import dev.tusk.bson.DocumentSizes;
import dev.tusk.catalog.CollectionInfo;
import dev.tusk.cursor.DocumentSource;
import dev.tusk.cursor.IteratorSource;
import dev.tusk.cursor.ListSource;
import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.SortBuffer;
import dev.tusk.sql.FilterSql;
import dev.tusk.sql.Pushdown;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bson.BsonDocument;

/**
 * Turns a {@link QuerySpec} into a stream of documents: the filter goes to SQL (exact or superset),
 * rows the SQL could not decide are re-checked by the reference evaluator, and sorting happens in
 * memory within MongoDB's 100 MiB blocking-sort limit, spilling to disk past it unless allowDiskUse is false. For find, {@link FindOptions} add min/max
 * (a key range of the hinted index) and returnKey (the index keys instead of the documents).
 */
public final class QueryExecutor {
    /** MongoDB's internalQueryMaxBlockingSortMemoryUsageBytes. */
    static final long MAX_SORT_BYTES = 100L * 1024 * 1024;

    private final DocumentStore store;
    private final TimeBudget budget;
    private final List<SecondaryIndex> indexes;
    private final boolean allowDiskUse;

    public QueryExecutor(DocumentStore store, TimeBudget budget, List<SecondaryIndex> indexes) {
        this(store, budget, indexes, true);
    }

    private QueryExecutor(DocumentStore store, TimeBudget budget, List<SecondaryIndex> indexes, boolean allowDiskUse) {
        this.store = store;
        this.budget = budget;
        this.indexes = indexes;
        this.allowDiskUse = allowDiskUse;
    }

    /** The same executor, whose blocking sorts spill to disk past 100 MiB only if {@code allowed} (MongoDB 7.0's default). */
    public QueryExecutor withDiskUse(boolean allowed) {
        return new QueryExecutor(store, budget, indexes, allowed);
    }

    /** The filter's pushdown, narrowed to an index's key ranges when one serves the filter. */
    public Pushdown pushdown(dev.tusk.query.FilterNode filter) {
        return ReadPlan.narrowedByIndexes(TextSearches.bind(filter, indexes), indexes);
    }

    public DocumentSource open(CollectionInfo c, QuerySpec spec) {
        return open(c, spec, FindOptions.NONE);
    }

    /** A find's read: {@link #open(CollectionInfo, QuerySpec)} with its index options (returnKey, min/max). */
    public DocumentSource open(CollectionInfo c, QuerySpec query, FindOptions options) {
        QuerySpec spec = TextSearches.bind(query, indexes);
        ReadPlan plan = ReadPlan.of(spec, options, indexes,
                (ch, cap) -> store.keysAtMost(ch.index().orElseThrow(), ch.ranges(), cap, budget));
        IndexUsage.count(plan, c);
        TextSearches.index(spec.filter(), indexes).ifPresent(i -> IndexUsage.used(i.schema(), i.storage()));
        return switch (plan) {
            case ReadPlan.KeyRangeScan k -> minMax(c, spec, options, k);
            case ReadPlan.ById b -> byId(c, spec, b.key(), output(spec, options,
                    () -> ReturnKeys.through(IndexPlanner.idPattern(), Optional.empty())));
            case ReadPlan.InIndexOrder o -> inIndexOrder(c, spec, o, options);
            case ReadPlan.ThroughIndex t -> throughIndex(c, spec, t, planned(spec, options, t.choice()));
            case ReadPlan.TopK t -> topK(c, spec, t.pushdown(), planned(spec, options, t.choice()));
            case ReadPlan.GeoScan g -> geoScan(c, spec, g, output(spec, options, ReturnKeys::collectionScan));
            case ReadPlan.FirstPerKey f -> new KeyListSource(store, c, store.keys(f.keys(c), budget), budget);
            case ReadPlan.OrScan o -> o.topK() ? topK(c, spec, o.pushdown(), output(spec, options, ReturnKeys::collectionScan))
                    : tableScan(c, spec, o.pushdown().condition(), recheck(spec.filter(), o.pushdown()), UnaryOperator.identity(),
                            output(spec, options, ReturnKeys::collectionScan), false);
            case ReadPlan.TableScan t -> {
                TextSearches.Scoring scoring = TextSearches.scoring(spec.filter(), recheck(spec.filter(), t.pushdown()));
                yield tableScan(c, spec, t.pushdown().condition(), scoring.recheck(), scoring.scorer(), planned(spec, options, t.choice()),
                        ReadPlan.backward(options));
            }
        };
    }

    /**
     * A read of the table narrowed by a condition: in natural order on a capped collection (backward if
     * asked), else by `_key`; sorted in memory if the read sorts. {@code scored} adds a text score before the output.
     */
    private DocumentSource tableScan(CollectionInfo c, QuerySpec spec, org.jooq.Condition where, Predicate<BsonDocument> recheck,
            UnaryOperator<BsonDocument> scored, UnaryOperator<BsonDocument> output, boolean backward) {
        if (ReadPlan.inNaturalOrder(c, spec)) {
            return new NaturalOrderScan(store, c, where, backward, recheck, d -> output.apply(scored.apply(d)), spec.skip(),
                    spec.limit(), budget);
        }
        return spec.sort().isEmpty()
                ? new ScanSource(store, c, where, recheck, d -> output.apply(scored.apply(d)), spec.skip(), spec.limit(), budget)
                : sortedInMemory(new ScanSource(store, c, where, recheck, scored, 0, 0, budget), spec, output);
    }

    private static UnaryOperator<BsonDocument> planned(QuerySpec spec, FindOptions options, Optional<IndexPlanner.Choice> choice) {
        return output(spec, options, () -> choice
                .map(ch -> ReturnKeys.through(ch.keyPattern(), Optional.of(ch.ranges())))
                .orElseGet(ReturnKeys::collectionScan));
    }

    private static UnaryOperator<BsonDocument> planned(QuerySpec spec, FindOptions options, IndexPlanner.Choice choice) {
        return planned(spec, options, Optional.of(choice));
    }

    /**
     * A sort with a limit over an exact filter: PostgreSQL returns the first skip+limit rows in an order
     * that MongoDB's refines (and every row tied with the last), so only those reach the exact sort here.
     */
    private DocumentSource topK(CollectionInfo c, QuerySpec spec, Pushdown pushdown, UnaryOperator<BsonDocument> output) {
        List<Row> rows = new ArrayList<>(store.sortedTop(c, pushdown.condition(), spec.sort().get(),
                spec.skip() + spec.limit(), budget));
        rows.sort((x, y) -> java.util.Arrays.compareUnsigned(x.key(), y.key())); // exact ties keep `_key` order
        List<BsonDocument> top = new ArrayList<>();
        for (Row row : rows) {
            top.add(RecordIds.appendTo(row.document(), row));
        }
        return sortedInMemory(new ListSource(top), spec, output);
    }

    /** What a result is: the projected document, or with returnKey the key of the index hinted or else {@code planned}. */
    private static UnaryOperator<BsonDocument> output(QuerySpec spec, FindOptions options,
            Supplier<UnaryOperator<BsonDocument>> planned) {
        if (!options.returnKey()) {
            return spec.projection()
                    .filter(p -> !p.isIdentity())
                    .<UnaryOperator<BsonDocument>>map(p -> d -> p.apply(d, Optional.of(spec.filter())))
                    .orElse(UnaryOperator.identity());
        }
        return options.hint().map(h -> ReturnKeys.hinted(h, spec.filter(), options.bounds())).orElseGet(planned);
    }

    /**
     * A read through a geo index: the documents the side table's cells point at, re-checked; for
     * $near/$nearSphere all of them sorted by distance (nearest first, ties in `_key` order), then
     * the read's own sort if it has one.
     */
    private DocumentSource geoScan(CollectionInfo c, QuerySpec spec, ReadPlan.GeoScan plan, UnaryOperator<BsonDocument> output) {
        Predicate<BsonDocument> recheck = recheck(spec.filter(), plan.pushdown());
        if (plan.near().isEmpty()) {
            return spec.sort().isEmpty()
                    ? new ScanSource(store, c, plan.pushdown().condition(), recheck, output, spec.skip(), spec.limit(), budget)
                    : sortedInMemory(new ScanSource(store, c, plan.pushdown().condition(), recheck, UnaryOperator.identity(),
                            0, 0, budget), spec, output);
        }
        List<BsonDocument> nearest = null;
        if (spec.sort().isEmpty() && spec.limit() > 0) { // rings around the point, widened until they hold enough documents
            FilterNode.Geo near = plan.near().get();
            for (double radius : NearRings.radii(near, plan.index())) {
                FilterNode.Geo ring = NearRings.within(near, radius, plan.index());
                List<BsonDocument> found = nearestFirst(c, dev.tusk.query.GeoFilters.replace(spec.filter(), near, ring), ring);
                if (found.size() >= spec.skip() + spec.limit()) {
                    nearest = found;
                    break;
                }
            }
        }
        if (nearest == null) {
            nearest = nearestFirst(c, spec.filter(), plan.near().get());
        }
        if (spec.sort().isPresent()) {
            return sortedInMemory(new ListSource(nearest), spec, output);
        }
        UnaryOperator<BsonDocument> finish = store.readsRecordIds() ? RecordIds.keptLast(output) : output;
        Stream<BsonDocument> page = nearest.stream().skip(spec.skip());
        if (spec.limit() > 0) {
            page = page.limit(spec.limit());
        }
        return new ListSource(page.map(finish).toList());
    }

    /** The documents matching a filter bound to a geo index, nearest to its $near point first (ties in `_key` order). */
    private List<BsonDocument> nearestFirst(CollectionInfo c, FilterNode filter, FilterNode.Geo near) {
        Pushdown pushdown = FilterSql.compile(filter);
        ScanSource scan = new ScanSource(store, c, pushdown.condition(), recheck(filter, pushdown), UnaryOperator.identity(), 0, 0, budget);
        List<dev.tusk.geo.NearDocument> found = new ArrayList<>();
        while (!scan.exhausted()) {
            for (BsonDocument d : scan.next(1000, Long.MAX_VALUE)) {
                found.add(new dev.tusk.geo.NearDocument(d, dev.tusk.query.GeoFilters.distance(near, d).orElse(Double.POSITIVE_INFINITY),
                        dev.tusk.query.GeoFilters.nearestLocation(near, d).orElse(null)));
            }
        }
        found.sort(java.util.Comparator.comparingDouble(dev.tusk.geo.NearDocument::distance)); // stable
        return new ArrayList<>(found);
    }

    /** At most one document: the row with that key. */
    private DocumentSource byId(CollectionInfo c, QuerySpec spec, byte[] key, UnaryOperator<BsonDocument> output) {
        if (spec.skip() > 0) {
            return new ListSource(List.of());
        }
        return new ListSource(store.byKey(c, key, budget)
                .map(row -> List.of(RecordIds.appendTo(output.apply(row.document()), row)))
                .orElse(List.of()));
    }

    /**
     * A read the planner gave to a secondary index: pages walk the index's key ranges in index order
     * (IXSCAN then FETCH, as on MongoDB), a plan PostgreSQL gets right however many documents there are.
     */
    private DocumentSource throughIndex(CollectionInfo c, QuerySpec spec, ReadPlan.ThroughIndex plan,
            UnaryOperator<BsonDocument> output) {
        IndexPlanner.Choice choice = plan.choice();
        Pushdown onDocument = plan.onDocument();
        if (spec.sort().isPresent()) { // a hinted index that does not give the sort
            return sortedInMemory(new IndexScanSource(store, c, choice.index().orElseThrow(), onDocument.condition(),
                    plan.onKey(), false, recheck(spec.filter(), onDocument), UnaryOperator.identity(), 0, 0, budget), spec, output);
        }
        return new IndexScanSource(store, c, choice.index().orElseThrow(), onDocument.condition(),
                plan.onKey(), false, recheck(spec.filter(), onDocument), output,
                spec.skip(), spec.limit(), budget);
    }

    /** A sorted read served by an index in sort order: no blocking sort, and a limit stops the scan early. */
    private DocumentSource inIndexOrder(CollectionInfo c, QuerySpec spec, ReadPlan.InIndexOrder plan, FindOptions options) {
        Pushdown onDocument = plan.onDocument();
        IndexOrder order = plan.order();
        UnaryOperator<BsonDocument> output = output(spec, options, () -> ReturnKeys.through(order.index().info().key(), plan.ranges()));
        return new IndexScanSource(store, c, order.index(), onDocument.condition(), plan.onKey(), order.reverse(),
                recheck(spec.filter(), onDocument), output, spec.skip(), spec.limit(), budget);
    }

    /** min/max or a bare hint: the hinted index's key range, in index order (sorted in memory if the find has a sort). */
    private DocumentSource minMax(CollectionInfo c, QuerySpec spec, FindOptions options, ReadPlan.KeyRangeScan plan) {
        Pushdown onDocument = FilterSql.compile(spec.filter());
        UnaryOperator<BsonDocument> output = output(spec, options, ReturnKeys::collectionScan);
        boolean sorted = spec.sort().isPresent();
        PagedSource scan = KeyRangeScan.of(store, c, plan.hint(), plan.range(),
                onDocument.condition(), recheck(spec.filter(), onDocument), sorted ? UnaryOperator.identity() : output,
                sorted ? 0 : spec.skip(), sorted ? 0 : spec.limit(), budget);
        return sorted ? sortedInMemory(scan, spec, output) : scan;
    }


    /**
     * A blocking sort of everything the source gives, then skip, limit and the output of each result.
     * Past 100 MiB the sort spills to disk unless allowDiskUse is false (292), and the results stream
     * from the merge instead of a list.
     */
    private DocumentSource sortedInMemory(DocumentSource source, QuerySpec spec, UnaryOperator<BsonDocument> output) {
        SortBuffer buffer = new SortBuffer(spec.sort().orElseThrow().comparator(), MAX_SORT_BYTES, allowDiskUse,
                DocumentSizes::of, QueryExecutor::sortTooBig);
        try {
            while (!source.exhausted()) {
                source.next(1000, Long.MAX_VALUE).forEach(buffer::add);
            }
        } catch (RuntimeException e) {
            buffer.close();
            throw e;
        }
        UnaryOperator<BsonDocument> finish = store.readsRecordIds() ? RecordIds.keptLast(output) : output;
        Stream<BsonDocument> sorted = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(buffer.sorted(), Spliterator.ORDERED), false).skip(spec.skip());
        if (spec.limit() > 0) {
            sorted = sorted.limit(spec.limit());
        }
        return new IteratorSource(sorted.map(finish).iterator(), buffer::close);
    }

    private static RuntimeException sortTooBig() {
        return ErrorCode.QUERY_EXCEEDED_MEMORY_LIMIT_NO_DISK_USE_ALLOWED.error(
                "Executor error during find command :: caused by :: Sort exceeded memory limit of %d bytes, "
                        + "but did not opt in to external sorting.", MAX_SORT_BYTES);
    }

    /** The evaluator's verdict for rows from a superset pushdown; nothing to check for an exact one. */
    public static Predicate<BsonDocument> recheck(dev.tusk.query.FilterNode filter, Pushdown pushdown) {
        return pushdown.exact() ? d -> true : d -> FilterEvaluator.matches(filter, d);
    }
}
