package dev.tusk.exec;

import java.util.Optional;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * MongoDB's stage tree for an explained read, the shape the classic engine of MongoDB 7.0 prints:
 * the access path the {@link ReadPlan} takes (IDHACK; IXSCAN under FETCH when it reads through an
 * index's keys or the `_id` ranges, RETURN_KEY instead of FETCH with returnKey; else COLLSCAN), then
 * an in-memory SORT (with limitAmount when a limit bounds it), SKIP, the projection and LIMIT.
 */
public final class ExplainStages {
    private ExplainStages() {}

    /**
     * The winning plan of a read explained by {@link QueryExplainer}; {@code filter} and
     * {@code projection} are the command's own documents, echoed as MongoDB does.
     */
    public static BsonDocument winningPlan(QueryExplainer.Explained e, QuerySpec spec, FindOptions options,
            BsonDocument filter, Optional<BsonDocument> projection) {
        BsonDocument plan = e.textIndex().isPresent() ? textSearch(e.textIndex().get(), spec, filter) : access(e, spec, filter);
        if (options.returnKey()) {
            plan = stage("RETURN_KEY", plan.getString("stage").getValue().equals("FETCH") ? plan.getDocument("inputStage") : plan);
        }
        boolean sortedInMemory = e.readPlan().sortsInMemory(spec);
        if (sortedInMemory) {
            BsonDocument sort = new BsonDocument("stage", new BsonString("SORT"))
                    .append("sortPattern", sortPattern(spec))
                    .append("memLimit", new BsonInt64(QueryExecutor.MAX_SORT_BYTES));
            if (spec.limit() > 0) {
                sort.append("limitAmount", new BsonInt64(spec.skip() + spec.limit()));
            }
            plan = sort.append("type", new BsonString("simple")).append("inputStage", plan);
        }
        boolean byId = e.readPlan() instanceof ReadPlan.ById;
        if (spec.skip() > 0 && !byId) {
            plan = new BsonDocument("stage", new BsonString("SKIP")).append("skipAmount", new BsonInt64(spec.skip()))
                    .append("inputStage", plan);
        }
        if (projection.isPresent() && !projection.get().isEmpty() && !options.returnKey()) {
            plan = new BsonDocument("stage", new BsonString(simple(projection.get()) ? "PROJECTION_SIMPLE" : "PROJECTION_DEFAULT"))
                    .append("transformBy", projection.get()).append("inputStage", plan);
        }
        if (spec.limit() > 0 && !sortedInMemory && !byId) {
            plan = new BsonDocument("stage", new BsonString("LIMIT")).append("limitAmount", new BsonInt64(spec.limit()))
                    .append("inputStage", plan);
        }
        return plan;
    }

    /** A $text search: TEXT_MATCH (phrases, negations, the rest of the filter) over TEXT_OR of the terms' IXSCANs. */
    private static BsonDocument textSearch(SecondaryIndex index, QuerySpec spec, BsonDocument filter) {
        var text = dev.tusk.query.TextFilters.find(spec.filter()).orElseThrow();
        var query = index.bind(text.search(), spec.filter()).query();
        BsonDocument parsed = new BsonDocument("terms", strings(query.positiveTerms()))
                .append("negatedTerms", strings(query.negatedTerms()))
                .append("phrases", strings(query.positivePhrases()))
                .append("negatedPhrases", strings(query.negatedPhrases()));
        BsonDocument ixscan = new BsonDocument("stage", new BsonString("IXSCAN"))
                .append("keyPattern", index.info().key())
                .append("indexName", new BsonString(index.info().name()))
                .append("isMultiKey", BsonBoolean.TRUE)
                .append("isUnique", BsonBoolean.FALSE)
                .append("isSparse", BsonBoolean.FALSE)
                .append("isPartial", BsonBoolean.FALSE)
                .append("indexVersion", new BsonInt32(2))
                .append("direction", new BsonString("backward"));
        BsonDocument or = new BsonDocument("stage", new BsonString("TEXT_OR"));
        if (filter.size() > 1) {
            or.append("filter", filter);
        }
        return new BsonDocument("stage", new BsonString("TEXT_MATCH"))
                .append("indexPrefix", textPrefix(index, spec))
                .append("indexName", new BsonString(index.info().name()))
                .append("parsedTextQuery", parsed)
                .append("textIndexVersion", new BsonInt32(3))
                .append("inputStage", or.append("inputStage", ixscan));
    }

    /** A compound text index's leading fields with the filter's values for them. */
    private static BsonDocument textPrefix(SecondaryIndex index, QuerySpec spec) {
        BsonDocument out = new BsonDocument();
        for (String field : index.text().orElseThrow().prefix()) {
            dev.tusk.bson.FieldPath path = dev.tusk.bson.FieldPath.parse(field);
            dev.tusk.index.IndexBounds.equalityOn(spec.filter(), path).ifPresent(v -> out.append(field, v));
        }
        return out;
    }

    private static org.bson.BsonArray strings(java.util.Collection<String> values) {
        org.bson.BsonArray out = new org.bson.BsonArray();
        values.forEach(v -> out.add(new BsonString(v)));
        return out;
    }

    private static BsonDocument access(QueryExplainer.Explained e, QuerySpec spec, BsonDocument filter) {
        if (e.readPlan() instanceof ReadPlan.ById) {
            return new BsonDocument("stage", new BsonString("IDHACK"));
        }
        if (e.readPlan() instanceof ReadPlan.FirstPerKey f) { // a document per key among the matches, fetched
            BsonDocument fetch = new BsonDocument("stage", new BsonString("FETCH"));
            if (!filter.isEmpty()) {
                fetch.append("filter", filter);
            }
            return fetch.append("inputStage", indexScan("DISTINCT_SCAN",
                    Optional.of(f.index()), spec.filter(), false, bounds(f, Optional.of(f.index()), spec.filter())));
        }
        if (e.readPlan() instanceof ReadPlan.OrScan o) { // FETCH over an OR of one IXSCAN per branch
            org.bson.BsonArray scans = new org.bson.BsonArray();
            for (IndexPlanner.Union.Branch b : o.union().branches()) {
                scans.add(indexScan("IXSCAN", b.choice().index(), b.filter(), false, bounds(o, b.choice().index(), b.filter())));
            }
            BsonDocument fetch = new BsonDocument("stage", new BsonString("FETCH"));
            if (!filter.isEmpty()) {
                fetch.append("filter", filter);
            }
            return fetch.append("inputStage", new BsonDocument("stage", new BsonString("OR")).append("inputStages", scans));
        }
        // present: the read walks an index's keys, a secondary one or (empty inside) the `_id_` index
        Optional<Optional<SecondaryIndex>> index = switch (e.readPlan()) {
            case ReadPlan.ById b -> Optional.empty(); // returned above
            case ReadPlan.OrScan o -> Optional.empty(); // returned above
            case ReadPlan.FirstPerKey f -> Optional.empty(); // returned above
            case ReadPlan.KeyRangeScan k -> Optional.of(k.hint() instanceof FindOptions.Hint.Secondary s
                    ? Optional.of(s.index()) : Optional.empty());
            case ReadPlan.InIndexOrder o -> Optional.of(Optional.of(o.order().index()));
            case ReadPlan.ThroughIndex t -> Optional.of(t.choice().index());
            case ReadPlan.TopK t -> t.choice().map(IndexPlanner.Choice::index);
            case ReadPlan.TableScan t -> t.choice().map(IndexPlanner.Choice::index);
            case ReadPlan.GeoScan g -> Optional.of(Optional.of(g.index()));
        };
        if (index.isEmpty()) {
            BsonDocument scan = new BsonDocument("stage", new BsonString("COLLSCAN"));
            if (!filter.isEmpty()) {
                scan.append("filter", filter);
            }
            return scan.append("direction", new BsonString("forward"));
        }
        boolean backward = e.readPlan() instanceof ReadPlan.InIndexOrder o && o.order().reverse();
        BsonDocument ixscan = indexScan("IXSCAN", index.get(), spec.filter(), backward, bounds(e.readPlan(), index.get(), spec.filter()));
        BsonDocument fetch = new BsonDocument("stage", new BsonString("FETCH"));
        if (!filter.isEmpty()) {
            fetch.append("filter", filter);
        }
        fetch.append("inputStage", ixscan);
        if (e.readPlan() instanceof ReadPlan.GeoScan g && g.near().isPresent()) { // MongoDB's GEO_NEAR stage over the cells' scans
            var info = g.index().info();
            return new BsonDocument("stage", new BsonString(g.index().geo().orElseThrow().spherical() ? "GEO_NEAR_2DSPHERE" : "GEO_NEAR_2D"))
                    .append("keyPattern", info.key())
                    .append("indexName", new BsonString(info.name()))
                    .append("indexVersion", new BsonInt32(2))
                    .append("inputStage", fetch);
        }
        return fetch;
    }

    /** An index scan stage (IXSCAN, DISTINCT_SCAN) of a secondary index or (empty) the `_id_` index, with the bounds given. */
    private static BsonDocument indexScan(String stage, Optional<SecondaryIndex> index, dev.tusk.query.FilterNode filter,
            boolean backward, Optional<BsonDocument> bounds) {
        BsonDocument ixscan = new BsonDocument("stage", new BsonString(stage));
        if (index.isPresent()) {
            var info = index.get().info();
            ixscan.append("keyPattern", index.get().shownKeyPattern(filter))
                    .append("indexName", new BsonString(info.name()))
                    .append("isMultiKey", BsonBoolean.valueOf(info.multikey()))
                    .append("isUnique", BsonBoolean.valueOf(info.unique()))
                    .append("isSparse", BsonBoolean.valueOf(info.sparse()))
                    .append("isPartial", BsonBoolean.valueOf(info.partialFilterExpression().isPresent()));
        } else {
            ixscan.append("keyPattern", IndexPlanner.idPattern())
                    .append("indexName", new BsonString("_id_"))
                    .append("isMultiKey", BsonBoolean.FALSE)
                    .append("isUnique", BsonBoolean.TRUE)
                    .append("isSparse", BsonBoolean.FALSE)
                    .append("isPartial", BsonBoolean.FALSE);
        }
        ixscan.append("indexVersion", new BsonInt32(2)).append("direction", new BsonString(backward ? "backward" : "forward"));
        bounds.ifPresent(b -> ixscan.append("indexBounds", b));
        return ixscan;
    }

    /**
     * The IXSCAN's indexBounds: the filter's intervals on an index ordered by value (hashed and wildcard
     * keys are not shown), all keys for a hinted scan of the whole index, none for min/max.
     */
    private static Optional<BsonDocument> bounds(ReadPlan plan, Optional<SecondaryIndex> index, dev.tusk.query.FilterNode filter) {
        if (index.isPresent() && !index.get().keys().valueOrdered()) {
            return Optional.empty();
        }
        BsonDocument keyPattern = index.map(i -> i.info().key()).orElseGet(IndexPlanner::idPattern);
        boolean multikey = index.map(i -> i.info().multikey()).orElse(false);
        if (plan instanceof ReadPlan.KeyRangeScan k) {
            return k.range() == ReadPlan.WHOLE_INDEX
                    ? Optional.of(dev.tusk.index.IndexBoundsText.of(new dev.tusk.query.FilterNode.AlwaysTrue(), keyPattern, multikey))
                    : Optional.empty();
        }
        return Optional.of(dev.tusk.index.IndexBoundsText.of(filter, keyPattern, multikey));
    }

    private static BsonDocument stage(String name, BsonDocument input) {
        return new BsonDocument("stage", new BsonString(name)).append("inputStage", input);
    }

    private static BsonDocument sortPattern(QuerySpec spec) {
        BsonDocument pattern = new BsonDocument();
        for (var key : spec.sort().orElseThrow().keys()) {
            pattern.append(key.path().toString(), key.textScore() ? new BsonDocument("$meta", new BsonString("textScore"))
                    : new BsonInt32(key.ascending() ? 1 : -1));
        }
        return pattern;
    }

    /** MongoDB's PROJECTION_SIMPLE: only inclusions or exclusions of top-level fields. */
    private static boolean simple(BsonDocument projection) {
        for (var field : projection.entrySet()) {
            BsonValue v = field.getValue();
            if (field.getKey().contains(".") || field.getKey().startsWith("$") || !(v.isNumber() || v.isBoolean())) {
                return false;
            }
        }
        return true;
    }
}
