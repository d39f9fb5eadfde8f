package dev.tusk.exec;

import dev.tusk.catalog.Catalog;
import dev.tusk.catalog.CollectionInfo;
import dev.tusk.catalog.IndexInfo;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.Variables;
import dev.tusk.pipeline.Sink;
import dev.tusk.query.FilterParser;
import dev.tusk.query.ReachedValues;
import dev.tusk.update.UpdateSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Writes a pipeline's results for $out (into a temporary collection with the target's indexes and
 * options, then renamed over the target in one catalog transaction) and $merge (one upsert-like
 * write per result, as whenMatched / whenNotMatched say).
 */
public final class SinkWriter {
    private final DocumentStore store;
    private final Catalog catalog;
    private final IndexRegistry indexes;

    public SinkWriter(DocumentStore store, Catalog catalog, IndexRegistry indexes) {
        this.store = store;
        this.catalog = catalog;
        this.indexes = indexes;
    }

    public void write(Sink sink, Iterator<BsonDocument> results) {
        switch (sink) {
            case Sink.Out out -> out(out, results);
            case Sink.Merge merge -> merge(merge, results);
        }
    }

    private void out(Sink.Out out, Iterator<BsonDocument> results) {
        Optional<CollectionInfo> target = catalog.collection(out.db(), out.collection()).map(CollectionInfo::requireCollection);
        if (target.isPresent() && target.get().capped()) {
            throw dev.tusk.error.ErrorCode.LOCATION_17152.error("namespace '%s' is capped so it can't be used for $out",
                    target.get().namespace());
        }
        String tempName = "tmp.agg_out." + UUID.randomUUID();
        CollectionInfo temp = catalog.createCollection(out.db(), tempName, target.map(CollectionInfo::options).orElse(new BsonDocument()), true);
        try {
            IndexBuilder builder = new IndexBuilder(store, catalog, indexes);
            for (IndexInfo index : target.map(catalog::indexes).orElse(List.of())) {
                if (!index.isIdIndex()) {
                    builder.build(temp, index.spec());
                }
            }
            insertAll(temp, results, out.db() + "." + out.collection());
            catalog.renameCollection(out.db(), tempName, out.db(), out.collection(), true);
        } catch (RuntimeException e) {
            catalog.dropCollection(out.db(), tempName);
            throw e;
        }
    }

    private void insertAll(CollectionInfo c, Iterator<BsonDocument> results, String namespace) {
        try (var writing = indexes.writing(c)) {
            InsertExecutor inserter = new InsertExecutor(store, writing.indexes(), namespace);
            List<InsertExecutor.Item> batch = new ArrayList<>();
            int n = 0;
            while (results.hasNext()) {
                BsonDocument doc = NewDocuments.prepare(results.next());
                writing.noteDocument(doc);
                StoredDocument stored = StoredDocument.of(doc);
                NewDocuments.checkSize(stored.bson());
                List<Set<ByteBuffer>> keys = new ArrayList<>();
                for (SecondaryIndex index : writing.indexes()) {
                    keys.add(index.keysOf(doc));
                }
                batch.add(new InsertExecutor.Item(n++, doc, stored, keys));
                if (batch.size() == 1000 || !results.hasNext()) {
                    List<InsertExecutor.Failure> failures = inserter.insert(c, batch, true);
                    if (!failures.isEmpty()) {
                        throw failures.get(0).error();
                    }
                    batch.clear();
                }
            }
        }
    }

    private void merge(Sink.Merge merge, Iterator<BsonDocument> results) {
        CollectionInfo target = catalog.createCollection(merge.db(), merge.collection(), new BsonDocument(), false);
        String namespace = merge.db() + "." + merge.collection();
        while (results.hasNext()) {
            BsonDocument doc = results.next();
            BsonDocument on = new BsonDocument();
            for (String field : merge.on()) {
                List<BsonValue> values = ReachedValues.of(doc, dev.tusk.bson.FieldPath.parse(field));
                if (values.size() != 1 || values.get(0).isArray()) {
                    throw ErrorCode.LOCATION_51185.error("$merge write error: 'on' field '%s' cannot be missing, null, undefined or an array", field);
                }
                on.append(field, values.get(0));
            }
            try (var writing = indexes.writing(target)) {
                mergeOne(merge, target, namespace, doc, on, writing);
            }
        }
    }

    private void mergeOne(Sink.Merge merge, CollectionInfo target, String namespace, BsonDocument doc, BsonDocument on,
            IndexRegistry.Writing writing) {
        UpdateExecutor executor = new UpdateExecutor(store, writing);
        var filter = FilterParser.parse(on);
        boolean upsert = merge.whenNotMatched().equals("insert");
        BsonDocument withoutId = dev.tusk.bson.BsonCopy.document(doc);
        withoutId.remove("_id");
        UpdateSpec update = switch (merge.whenMatched()) {
            case "replace" -> UpdateSpec.parse(doc.containsKey("_id") ? doc : withoutId);
            case "merge" -> UpdateSpec.parse(withoutId.isEmpty() ? new BsonDocument("$set", on)
                    : new BsonDocument("$set", withoutId).append("$setOnInsert", idOnly(doc)));
            case "keepExisting" -> UpdateSpec.parse(new BsonDocument("$setOnInsert", doc));
            case "pipeline" -> UpdateSpec.parse(merge.whenMatchedPipeline().get(), List.of(),
                    new Variables(Variables.defaults().now(), Map.of("new", doc)));
            default -> UpdateSpec.parse(new BsonDocument("$setOnInsert", doc)); // fail: matched documents are an error below
        };
        if (merge.whenMatched().equals("fail")) {
            if (new QueryExecutor(store, TimeBudget.unlimited(), writing.indexes())
                    .open(target, new QuerySpec(filter, Optional.empty(), 0, 1, Optional.empty())).next(1, Long.MAX_VALUE).size() > 0) {
                throw DuplicateKeys.onId(namespace, doc.get("_id"));
            }
        }
        UpdateResult r = executor.updateForCounts(target, namespace,
                new UpdateExecutor.Statement(filter, on, update, false, upsert, Optional.empty()));
        if (r.matched() == 0 && r.upsertedId().isEmpty() && merge.whenNotMatched().equals("fail")) {
            throw ErrorCode.MERGE_STAGE_NO_MATCHING_DOCUMENT.error(
                    "$merge could not find a matching document in the target collection for at least one document in the source collection");
        }
    }

    private static BsonDocument idOnly(BsonDocument doc) {
        return doc.containsKey("_id") ? new BsonDocument("_id", doc.get("_id")) : new BsonDocument();
    }
}
