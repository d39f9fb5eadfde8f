package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.sql.FilterSql;
import dev.tusk.sql.IndexSql;
import dev.tusk.sql.Pushdown;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.bson.BsonString;

/**
 * What explain reports about a read: the SQL Tusk sends, PostgreSQL's plan for it, whether the
 * pushdown is exact, and (for executionStats) the figures of actually running it.
 */
public final class QueryExplainer {
    private final DocumentStore store;
    private final List<SecondaryIndex> indexes;

    public QueryExplainer(DocumentStore store, List<SecondaryIndex> indexes) {
        this.store = store;
        this.indexes = indexes;
    }

    /** The outcome of explaining one read. */
    public record Explained(ReadPlan readPlan, Pushdown pushdown, DocumentStore.SqlPlan plan, long nReturned,
            long docsExamined, long millis, boolean executed, Optional<SecondaryIndex> textIndex) {

        /** The index entries the read walked: one per document an index scan fetched (a collection scan walks none). */
        public long keysExamined() {
            return switch (readPlan) {
                case ReadPlan.ById b -> docsExamined;
                case ReadPlan.KeyRangeScan k -> docsExamined;
                case ReadPlan.InIndexOrder o -> docsExamined;
                case ReadPlan.ThroughIndex t -> docsExamined;
                default -> 0;
            };
        }

        /** The `tusk` section: SQL, exactness and PostgreSQL's own plan. */
        public BsonDocument tuskSection() {
            return new BsonDocument("sql", new BsonString(plan.sql()))
                    .append("pushdown", new BsonString(pushdown.exact() ? "exact" : "superset (re-checked in Java)"))
                    .append("postgresPlan", plan.plan());
        }
    }

    public Explained explain(CollectionInfo c, QuerySpec spec, boolean execute) {
        return explain(c, spec, FindOptions.NONE, execute);
    }

    /** A read with its find options, explained as {@link ReadPlan} decides it (what QueryExecutor runs). */
    public Explained explain(CollectionInfo c, QuerySpec query, FindOptions options, boolean execute) {
        QuerySpec spec = TextSearches.bind(query, indexes);
        ReadPlan readPlan = ReadPlan.of(spec, options, indexes,
                (ch, cap) -> store.keysAtMost(ch.index().orElseThrow(), ch.ranges(), cap, TimeBudget.unlimited()));
        // reads that come out in their final order stop at skip + limit, as the executor's pages do
        boolean stopsAtLimit = spec.limit() > 0 && switch (readPlan) {
            case ReadPlan.InIndexOrder o -> true;
            case ReadPlan.ThroughIndex t -> spec.sort().isEmpty();
            case ReadPlan.KeyRangeScan k -> spec.sort().isEmpty();
            case ReadPlan.TableScan t -> spec.sort().isEmpty();
            case ReadPlan.OrScan o -> spec.sort().isEmpty();
            default -> false;
        };
        long skip = stopsAtLimit ? spec.skip() : 0;
        long limit = stopsAtLimit ? spec.limit() : 0;
        int pageSize = PagedSource.pageSize(stopsAtLimit ? skip + limit : Long.MAX_VALUE);
        Pushdown pushdown = switch (readPlan) {
            case ReadPlan.TopK t -> t.pushdown();
            case ReadPlan.TableScan t -> t.pushdown();
            case ReadPlan.OrScan o -> o.pushdown();
            case ReadPlan.FirstPerKey f -> new Pushdown(f.where(c), true);
            case ReadPlan.GeoScan g -> g.pushdown();
            case ReadPlan.ById b -> new Pushdown(org.jooq.impl.DSL.noCondition(), true);
            case ReadPlan.InIndexOrder o -> o.onDocument();
            case ReadPlan.ThroughIndex t -> t.onDocument();
            default -> FilterSql.compile(spec.filter());
        };
        DocumentStore.SqlPlan plan = switch (readPlan) {
            case ReadPlan.KeyRangeScan k -> k.hint() instanceof FindOptions.Hint.Secondary s
                    ? store.explainIndexPage(c, s.index(), pushdown.condition(), IndexSql.onKey("s", List.of(k.range())), false,
                            pageSize, execute)
                    : store.explainPage(c, pushdown.condition().and(IndexSql.primaryKey(List.of(k.range()))), pageSize, execute);
            case ReadPlan.ById b -> store.explainByKey(c, b.key(), execute);
            case ReadPlan.InIndexOrder o -> store.explainIndexPage(c, o.order().index(), pushdown.condition(),
                    o.onKey(), o.order().reverse(),
                    pageSize, execute);
            case ReadPlan.ThroughIndex t -> store.explainIndexPage(c, t.choice().index().orElseThrow(), pushdown.condition(),
                    t.onKey(), false, pageSize, execute);
            case ReadPlan.TopK t -> store.explainSortedTop(c, t.pushdown().condition(), spec.sort().orElseThrow(),
                    spec.skip() + spec.limit(), execute);
            case ReadPlan.TableScan t -> ReadPlan.inNaturalOrder(c, spec)
                    ? store.explainSeqPage(c, t.pushdown().condition(), ReadPlan.backward(options), pageSize, execute)
                    : store.explainPage(c, t.pushdown().condition(), pageSize, execute);
            case ReadPlan.GeoScan g -> store.explainPage(c, g.pushdown().condition(), pageSize, execute);
            case ReadPlan.FirstPerKey f -> store.explainPage(c, pushdown.condition(), pageSize, execute);
            case ReadPlan.OrScan o -> o.topK() ? store.explainSortedTop(c, o.pushdown().condition(), spec.sort().orElseThrow(),
                    spec.skip() + spec.limit(), execute) : store.explainPage(c, o.pushdown().condition(), pageSize, execute);
        };
        if (!execute) {
            return new Explained(readPlan, pushdown, plan, 0, 0, 0, false, TextSearches.index(spec.filter(), indexes));
        }
        long start = System.nanoTime();
        if (readPlan instanceof ReadPlan.ById b) {
            long found = spec.skip() == 0 && store.byKey(c, b.key(), TimeBudget.unlimited()).isPresent() ? 1 : 0;
            return new Explained(readPlan, pushdown, plan, found, found, (System.nanoTime() - start) / 1_000_000, true,
                    Optional.empty());
        }
        var recheck = QueryExecutor.recheck(spec.filter(), pushdown);
        PagedSource scan = switch (readPlan) {
            case ReadPlan.KeyRangeScan k -> KeyRangeScan.of(store, c, k.hint(), k.range(), pushdown.condition(), recheck,
                    UnaryOperator.identity(), skip, limit, TimeBudget.unlimited());
            case ReadPlan.InIndexOrder o -> new IndexScanSource(store, c, o.order().index(), pushdown.condition(),
                    o.onKey(), o.order().reverse(),
                    recheck, UnaryOperator.identity(), skip, limit, TimeBudget.unlimited());
            case ReadPlan.ThroughIndex t -> new IndexScanSource(store, c, t.choice().index().orElseThrow(), pushdown.condition(),
                    t.onKey(), false, recheck, UnaryOperator.identity(), skip, limit,
                    TimeBudget.unlimited());
            default -> new ScanSource(store, c, pushdown.condition(), recheck, UnaryOperator.identity(), skip, limit,
                    TimeBudget.unlimited());
        };
        return executed(readPlan, spec, pushdown, plan, scan, start, stopsAtLimit, TextSearches.index(spec.filter(), indexes));
    }

    /**
     * Runs the scan to its end and counts what the read returns (after skip and limit, which the scan
     * applied itself when it stops at the limit) and examines.
     */
    private static Explained executed(ReadPlan readPlan, QuerySpec spec, Pushdown pushdown, DocumentStore.SqlPlan plan,
            PagedSource scan, long start, boolean stopsAtLimit, Optional<SecondaryIndex> textIndex) {
        long matched = 0;
        while (!scan.exhausted()) {
            matched += scan.next(1000, Long.MAX_VALUE).size();
        }
        long returned = stopsAtLimit ? matched : Math.max(0, matched - spec.skip());
        if (spec.limit() > 0) {
            returned = Math.min(returned, spec.limit());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Explained(readPlan, pushdown, plan, returned, scan.rowsExamined(), millis, true, textIndex);
    }

}
