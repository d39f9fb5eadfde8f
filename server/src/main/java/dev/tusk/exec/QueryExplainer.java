package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.sql.Pushdown;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

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
    public record Explained(Pushdown pushdown, DocumentStore.SqlPlan plan, long nReturned, long docsExamined,
            long millis, boolean executed, java.util.Optional<SecondaryIndex> chosen) {

        /** MongoDB's name for how PostgreSQL reads the table: IXSCAN if it walks an index, else COLLSCAN. */
        public String accessStage() {
            return indexName().isPresent() ? "IXSCAN" : "COLLSCAN";
        }

        /** The MongoDB index PostgreSQL's plan reads: a side table it scans, or the primary key (`_id_`). */
        public java.util.Optional<String> indexName() {
            if (chosen.isPresent() && new BsonDocument("p", plan.plan()).toJson().contains("\"" + chosen.get().storage() + "\"")) {
                return java.util.Optional.of(chosen.get().info().name());
            }
            return findIndex(plan.plan()).filter(n -> n.endsWith("$_id_")).map(n -> "_id_");
        }

        /** The `tusk` section: SQL, exactness and PostgreSQL's own plan. */
        public BsonDocument tuskSection() {
            return new BsonDocument("sql", new BsonString(plan.sql()))
                    .append("pushdown", new BsonString(pushdown.exact() ? "exact" : "superset (re-checked in Java)"))
                    .append("postgresPlan", plan.plan());
        }

        private static java.util.Optional<String> findIndex(BsonValue node) {
            if (node instanceof BsonArray a) {
                for (BsonValue v : a) {
                    var found = findIndex(v);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            } else if (node instanceof BsonDocument d) {
                if (d.containsKey("Index Name")) {
                    return java.util.Optional.of(d.getString("Index Name").getValue());
                }
                for (BsonValue v : d.values()) {
                    var found = findIndex(v);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            return java.util.Optional.empty();
        }
    }

    public Explained explain(CollectionInfo c, QuerySpec spec, boolean execute) {
        return explain(c, spec, FindOptions.NONE, execute);
    }

    /** A find's read with its index options: min/max read the hinted index's key range, as QueryExecutor does. */
    public Explained explain(CollectionInfo c, QuerySpec spec, FindOptions options, boolean execute) {
        if (options.bounds().isPresent()) {
            return explainMinMax(c, spec, options, execute);
        }
        QueryExecutor queries = new QueryExecutor(store, TimeBudget.unlimited(), indexes);
        java.util.Optional<IndexPlanner.Choice> choice = IndexPlanner.choose(spec.filter(), indexes);
        java.util.Optional<SecondaryIndex> chosen = choice.flatMap(IndexPlanner.Choice::index);
        int pageSize = 1000;
        Pushdown pushdown;
        DocumentStore.SqlPlan plan;
        Pushdown whole = queries.pushdown(spec.filter());
        boolean sortedTop = spec.sort().isPresent() && IndexOrder.find(spec.sort().get(), indexes).isEmpty()
                && QueryExecutor.sortsTopInSql(spec, whole);
        if (sortedTop) { // the first skip+limit rows in (coarse) sort order, as QueryExecutor reads them
            pushdown = whole;
            plan = store.explainSortedTop(c, whole.condition(), spec.sort().get(), spec.skip() + spec.limit(), execute);
        } else if (chosen.isPresent()) { // read through the index, as QueryExecutor does
            pushdown = dev.tusk.sql.FilterSql.compile(spec.filter());
            org.jooq.Condition onKey = dev.tusk.sql.IndexSql.onKey("s", choice.get().ranges());
            plan = store.explainIndexPage(c, chosen.get(), pushdown.condition(), onKey, pageSize, execute);
        } else {
            pushdown = whole;
            plan = store.explainPage(c, pushdown.condition(), pageSize, execute);
        }
        if (!execute) {
            return new Explained(pushdown, plan, 0, 0, 0, false, chosen);
        }
        long start = System.nanoTime();
        PagedSource scan = chosen.isPresent()
                ? new IndexScanSource(store, c, chosen.get(), pushdown.condition(),
                        dev.tusk.sql.IndexSql.onKey("s", choice.get().ranges()), false,
                        QueryExecutor.recheck(spec.filter(), pushdown), UnaryOperator.identity(), 0, 0, TimeBudget.unlimited())
                : new ScanSource(store, c, pushdown.condition(), QueryExecutor.recheck(spec.filter(), pushdown),
                        UnaryOperator.identity(), 0, 0, TimeBudget.unlimited());
        return executed(spec, pushdown, plan, scan, start, chosen);
    }

    private Explained explainMinMax(CollectionInfo c, QuerySpec spec, FindOptions options, boolean execute) {
        Pushdown pushdown = dev.tusk.sql.FilterSql.compile(spec.filter());
        dev.tusk.index.KeyRange range = options.bounds().orElseThrow();
        int pageSize = 1000;
        java.util.Optional<SecondaryIndex> chosen = java.util.Optional.empty();
        DocumentStore.SqlPlan plan;
        if (options.hint().orElseThrow() instanceof FindOptions.Hint.Secondary s) {
            chosen = java.util.Optional.of(s.index());
            plan = store.explainIndexPage(c, s.index(), pushdown.condition(), dev.tusk.sql.IndexSql.onKey("s", List.of(range)),
                    pageSize, execute);
        } else {
            plan = store.explainPage(c, pushdown.condition().and(dev.tusk.sql.IndexSql.primaryKey(List.of(range))), pageSize,
                    execute);
        }
        if (!execute) {
            return new Explained(pushdown, plan, 0, 0, 0, false, chosen);
        }
        long start = System.nanoTime();
        PagedSource scan = KeyRangeScan.of(store, c, options.hint().get(), range, pushdown.condition(),
                QueryExecutor.recheck(spec.filter(), pushdown), UnaryOperator.identity(), 0, 0, TimeBudget.unlimited());
        return executed(spec, pushdown, plan, scan, start, chosen);
    }

    /** Runs the scan to its end and counts what the read returns (after skip and limit) and examines. */
    private static Explained executed(QuerySpec spec, Pushdown pushdown, DocumentStore.SqlPlan plan, PagedSource scan,
            long start, java.util.Optional<SecondaryIndex> chosen) {
        long matched = 0;
        while (!scan.exhausted()) {
            matched += scan.next(1000, Long.MAX_VALUE).size();
        }
        long returned = Math.max(0, matched - spec.skip());
        if (spec.limit() > 0) {
            returned = Math.min(returned, spec.limit());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Explained(pushdown, plan, returned, scan.rowsExamined(), millis, true, chosen);
    }

}
