package dev.tusk.exec;

import dev.tusk.index.IndexBounds;
import dev.tusk.index.KeyRange;
import dev.tusk.sql.FilterSql;
import dev.tusk.sql.IndexSql;
import dev.tusk.sql.Pushdown;
import java.util.List;
import java.util.Optional;

/**
 * How a read gets its documents, decided once: {@link QueryExecutor} runs the plan and
 * {@link QueryExplainer} describes the same plan, so explain shows what runs.
 */
public sealed interface ReadPlan {
    /** min/max: the hinted index's key range in index order (sorted in memory if the read sorts). */
    record KeyRangeScan(FindOptions.Hint hint, KeyRange range) implements ReadPlan {}

    /** {@code {_id: <value>}}: the one row with that key (MongoDB's IDHACK). */
    record ById(byte[] key) implements ReadPlan {}

    /**
     * A sort an index gives: its side table in key order (backward if {@code reverse}), within the
     * filter's ranges; {@code onDocument} is what the documents must still meet.
     */
    record InIndexOrder(IndexOrder order, Optional<List<KeyRange>> ranges, Pushdown onDocument) implements ReadPlan {
        /** The side-table condition of the ranges (none: the whole index). */
        public org.jooq.Condition onKey() {
            return ranges.map(r -> IndexSql.onKey("s", r)).orElse(org.jooq.impl.DSL.noCondition());
        }
    }

    /**
     * An unsorted read the planner gave to a secondary index: its key ranges, then the documents
     * (IXSCAN, FETCH) that meet {@code onDocument}.
     */
    record ThroughIndex(IndexPlanner.Choice choice, Pushdown onDocument) implements ReadPlan {
        public org.jooq.Condition onKey() {
            return IndexSql.onKey("s", choice.ranges());
        }
    }

    /** The first skip+limit rows of a coarse sort order in PostgreSQL, sorted exactly in Java (sql.SortSql). */
    record TopK(Pushdown pushdown, Optional<IndexPlanner.Choice> choice) implements ReadPlan {}

    /**
     * The table narrowed to the union of one index read per branch of an $or (MongoDB's OR plan), then
     * as a table scan: sorted in memory, or the top-k when a limit bounds an exact sort.
     */
    record OrScan(Pushdown pushdown, IndexPlanner.Union union, boolean topK) implements ReadPlan {}

    /**
     * A `distinct` over a single-field index: per key the document with the smallest `_key`, and the first
     * holding an explicit null (MongoDB's DISTINCT_SCAN, which reads one entry per key).
     */
    record FirstPerKey(SecondaryIndex index, byte[] nullKey, Pushdown nullCheck, Pushdown filter) implements ReadPlan {
        /** The documents' condition as one statement (explain's). */
        public org.jooq.Condition where(dev.tusk.catalog.CollectionInfo c) {
            return IndexSql.firstPerKey(c.schemaName(), c.tableName(), index.storage(), nullKey, nullCheck.condition(),
                    filter.condition());
        }

        /** The documents' `_key`s, selected at once (paging the condition above would group the matches again per page). */
        public org.jooq.Select<org.jooq.Record1<byte[]>> keys(dev.tusk.catalog.CollectionInfo c) {
            return IndexSql.firstKeysPerKey(c.schemaName(), c.tableName(), index.storage(), nullKey, nullCheck.condition(),
                    filter.condition());
        }

        /**
         * The plan when SQL decides the filter exactly (the documents each key's first one is picked from) and an
         * index (ready, visible, holding every match) has the key as its one ordered field.
         */
        static Optional<ReadPlan> of(QuerySpec spec, String key, List<SecondaryIndex> indexes) {
            // the matches as any read finds them: through the filter's own index when it has one (a selective
            // filter then never scans the table to pick each key's first document)
            Pushdown filter = spec.filter() instanceof dev.tusk.query.FilterNode.AlwaysTrue
                    ? Pushdown.exact(org.jooq.impl.DSL.trueCondition()) : narrowedByIndexes(spec.filter(), indexes);
            if (!filter.exact()) {
                return Optional.empty();
            }
            dev.tusk.bson.FieldPath path = dev.tusk.bson.FieldPath.parse(key);
            Optional<SecondaryIndex> index = indexes.stream().filter(i -> !i.info().hidden() && i.info().ready()
                    && i.keys().holdsAllMatches(spec.filter()) && i.keys().paths().equals(List.of(path)) && i.keys().ordered(0))
                    .findFirst();
            if (index.isEmpty()) {
                return Optional.empty();
            }
            Pushdown nullCheck = FilterSql.compile(new dev.tusk.query.FilterNode.TypeIs(path, java.util.Set.of(10)));
            byte[] nullKey = dev.tusk.index.IndexKeys.component(org.bson.BsonNull.VALUE, index.get().keys().descending(0));
            return nullCheck.exact() ? Optional.of(new FirstPerKey(index.get(), nullKey, nullCheck, filter)) : Optional.empty();
        }
    }

    /** The table in `_key` order, narrowed by the chosen index's ranges; sorted in memory if the read sorts. */
    record TableScan(Pushdown pushdown, Optional<IndexPlanner.Choice> choice) implements ReadPlan {}

    /**
     * A read narrowed by a geospatial index: the documents whose cells meet the query's covering
     * cells (a semi-join on the side table, in {@code pushdown}), re-checked in Java; with
     * {@code near}, sorted by distance.
     */
    record GeoScan(Pushdown pushdown, SecondaryIndex index, Optional<dev.tusk.query.FilterNode.Geo> near) implements ReadPlan {}

    /** Counts an index choice's keys up to a cap: how the planner tells a selective index from a sort's index. */
    @FunctionalInterface
    interface KeyCounter {
        long keysAtMost(IndexPlanner.Choice choice, long cap);
    }

    /** Matches of another index at most this many: reading and sorting them beats walking the sort's index. */
    long FEW_MATCHES = 1000;

    static ReadPlan of(QuerySpec spec, FindOptions options, List<SecondaryIndex> indexes, KeyCounter counter) {
        if (options.bounds().isPresent()) {
            return new KeyRangeScan(options.hint().orElseThrow(), options.bounds().get());
        }
        if (options.distinctKey().isPresent()) {
            Optional<ReadPlan> firstPerKey = FirstPerKey.of(spec, options.distinctKey().get(), indexes);
            if (firstPerKey.isPresent()) {
                return firstPerKey.get();
            }
        }
        if (dev.tusk.query.TextFilters.find(spec.filter()).isPresent()) { // the text index's terms narrow the table scan
            return new TableScan(FilterSql.compile(spec.filter()), Optional.empty());
        }
        Optional<dev.tusk.query.FilterNode.Geo> near = dev.tusk.query.GeoFilters.near(spec.filter());
        Optional<SecondaryIndex> geoIndex = GeoSearches.boundIndex(spec.filter(), indexes);
        if (near.isPresent() && geoIndex.isPresent()) {
            return new GeoScan(FilterSql.compile(spec.filter()), geoIndex.get(), near);
        }
        if (options.hint().isPresent()) {
            Optional<ReadPlan> hinted = hinted(spec, options.hint().get());
            if (hinted.isPresent()) {
                return hinted.get();
            }
        }
        Optional<byte[]> idKey = IdLookup.key(spec.filter());
        if (idKey.isPresent()) {
            return new ById(idKey.get());
        }
        if (geoIndex.isPresent()) {
            return new GeoScan(FilterSql.compile(spec.filter()), geoIndex.get(), Optional.empty());
        }
        Optional<IndexPlanner.Choice> choice = IndexPlanner.choose(spec.filter(), indexes);
        // indexes and SQL order bytes, and know no text scores
        boolean binarySort = spec.sort().map(s -> s.collation().isSimple() && !s.hasTextScore()).orElse(true);
        Optional<IndexPlanner.Union> union = choice.isPresent() ? Optional.empty() : IndexPlanner.chooseUnion(spec.filter(), indexes);
        if (union.isPresent()) {
            Pushdown narrowed = narrowed(spec.filter(), union.get());
            return new OrScan(narrowed, union.get(), spec.limit() > 0 && spec.sort().isPresent() && binarySort && narrowed.exact());
        }
        if (spec.sort().isPresent() && binarySort && !choice.map(IndexPlanner.Choice::uniquePoints).orElse(false)) {
            Optional<IndexOrder> order = IndexOrder.find(spec.sort().get(), spec.filter(), indexes)
                    .filter(o -> !fewMatchesElsewhere(choice, o, counter));
            if (order.isPresent()) { // an IndexOrder index is never multikey or sparse
                SecondaryIndex index = order.get().index();
                Optional<List<KeyRange>> ranges = IndexBounds.of(spec.filter(), index.keys(), false, false);
                return new InIndexOrder(order.get(), ranges, onDocument(spec, ranges.isPresent(), index));
            }
        }
        // a distinct reads in `_key` order: which BSON type of equal values it keeps must not depend on the index
        if (spec.sort().isEmpty() && choice.isPresent() && choice.get().index().isPresent() && options.distinctKey().isEmpty()) {
            return new ThroughIndex(choice.get(), onDocument(spec, true, choice.get().index().get()));
        }
        Pushdown narrowed = narrowed(spec.filter(), choice);
        if (spec.limit() > 0 && spec.sort().isPresent() && binarySort && narrowed.exact()) {
            return new TopK(narrowed, choice);
        }
        return new TableScan(narrowed, choice);
    }

    /** Every key of an index (IdKey encodings start with a byte below 0xFF, hashed keys are 8 bytes). */
    static final KeyRange WHOLE_INDEX = new KeyRange(new byte[0], new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1});

    /**
     * The plan a hint forces, as MongoDB follows it: {@code $natural} a collection scan; an index its
     * keys, narrowed by the filter's bounds on it when there are some, else all of them (a sparse index
     * then returns only the documents it holds, as on MongoDB). Empty for hints Tusk's planner decides
     * alone (text indexes, and partial ones whose filter the query does not imply).
     */
    private static Optional<ReadPlan> hinted(QuerySpec spec, FindOptions.Hint hint) {
        boolean binarySort = spec.sort().map(s -> s.collation().isSimple() && !s.hasTextScore()).orElse(true);
        return switch (hint) {
            case FindOptions.Hint.Natural n -> {
                Pushdown pushdown = FilterSql.compile(spec.filter());
                yield Optional.of(spec.limit() > 0 && spec.sort().isPresent() && binarySort && pushdown.exact()
                        ? new TopK(pushdown, Optional.empty()) : new TableScan(pushdown, Optional.empty()));
            }
            case FindOptions.Hint.IdIndex i -> Optional.of(IndexPlanner.choose(spec.filter(), List.of())
                    .<ReadPlan>map(ch -> new TableScan(narrowed(spec.filter(), Optional.of(ch)), Optional.of(ch)))
                    .orElseGet(() -> new KeyRangeScan(hint, WHOLE_INDEX)));
            case FindOptions.Hint.Secondary s when s.index().text().isPresent()
                    || !s.index().keys().holdsAllMatches(spec.filter()) -> Optional.empty();
            case FindOptions.Hint.Secondary s -> {
                SecondaryIndex index = s.index();
                if (spec.sort().isPresent() && binarySort) {
                    Optional<IndexOrder> order = IndexOrder.find(spec.sort().get(), spec.filter(), List.of(index));
                    if (order.isPresent()) {
                        Optional<List<KeyRange>> ranges = IndexBounds.of(spec.filter(), index.keys(), false, false);
                        yield Optional.of(new InIndexOrder(order.get(), ranges, onDocument(spec, ranges.isPresent(), index)));
                    }
                }
                Optional<List<KeyRange>> ranges = IndexBounds.of(spec.filter(), index.keys(), index.info().sparse(),
                        index.info().multikey());
                yield Optional.of(ranges.<ReadPlan>map(r -> new ThroughIndex(new IndexPlanner.Choice(Optional.of(index), r),
                        onDocument(spec, true, index))).orElseGet(() -> new KeyRangeScan(hint, WHOLE_INDEX)));
            }
        };
    }

    /**
     * What documents read through an index's key ranges must still meet: nothing when the ranges
     * decide the filter exactly (then PostgreSQL need not read the documents' JSONB at all), else the
     * filter's pushdown.
     */
    private static Pushdown onDocument(QuerySpec spec, boolean bounded, SecondaryIndex index) {
        boolean decided = bounded && IndexBounds.decides(spec.filter(), index.keys(), index.info().sparse(), index.info().multikey());
        return decided ? Pushdown.exact(org.jooq.impl.DSL.trueCondition()) : FilterSql.compile(spec.filter());
    }

    /** The filter's pushdown, narrowed to the chosen index's key ranges. */
    static Pushdown narrowed(dev.tusk.query.FilterNode filter, Optional<IndexPlanner.Choice> choice) {
        if (choice.isPresent() && choice.get().index().isEmpty() && IndexPlanner.decidedById(filter)) {
            return Pushdown.exact(choice.get().condition()); // `_key` equality is MongoDB's `_id` equality
        }
        Pushdown pushdown = FilterSql.compile(filter);
        return choice.map(ch -> new Pushdown(pushdown.condition().and(ch.condition()), pushdown.exact())).orElse(pushdown);
    }

    /**
     * True if the filter's own index choice is another index than the sort's and finds few keys (a
     * bounded index-only count): its matches sorted in memory beat walking the sort's index, which may
     * read most of the collection before it meets them (MongoDB races the two plans for this).
     */
    private static boolean fewMatchesElsewhere(Optional<IndexPlanner.Choice> choice, IndexOrder order, KeyCounter counter) {
        return choice.isPresent() && choice.get().index().isPresent()
                && !choice.get().index().get().info().name().equals(order.index().info().name())
                && counter.keysAtMost(choice.get(), FEW_MATCHES) <= FEW_MATCHES;
    }

    /** The filter's pushdown narrowed by the index the planner picks for it, or by one index per branch of its $or. */
    static Pushdown narrowedByIndexes(dev.tusk.query.FilterNode filter, List<SecondaryIndex> indexes) {
        Optional<IndexPlanner.Choice> choice = IndexPlanner.choose(filter, indexes);
        Optional<IndexPlanner.Union> union = choice.isPresent() ? Optional.empty() : IndexPlanner.chooseUnion(filter, indexes);
        return union.map(u -> narrowed(filter, u)).orElseGet(() -> narrowed(filter, choice));
    }

    /** The filter's pushdown, narrowed to the documents the union of index reads points at. */
    static Pushdown narrowed(dev.tusk.query.FilterNode filter, IndexPlanner.Union union) {
        Pushdown pushdown = FilterSql.compile(filter);
        return new Pushdown(pushdown.condition().and(union.condition()), pushdown.exact());
    }

    /** True if a table scan reads a capped collection by `_seq` (its natural order): no sort, or a `$natural` one. */
    static boolean inNaturalOrder(dev.tusk.catalog.CollectionInfo c, QuerySpec spec) {
        return c.capped() && spec.sort().map(dev.tusk.query.SortSpec::isNatural).orElse(true);
    }

    /** True if the read's `$natural` hint asks for natural order backward. */
    static boolean backward(FindOptions options) {
        return options.hint().filter(h -> h instanceof FindOptions.Hint.Natural n && n.reverse()).isPresent();
    }

    /** True if the documents come out of the plan unsorted and the read's sort runs in Java after it. */
    default boolean sortsInMemory(QuerySpec spec) {
        return spec.sort().isPresent() && !(this instanceof InIndexOrder) && !(this instanceof ById);
    }
}
