package dev.tusk.it.spec;

import static dev.tusk.it.spec.Operations.Kind.COLLECTION;
import static dev.tusk.it.spec.ReadOps.coll;

import com.mongodb.client.model.SearchIndexModel;
import com.mongodb.client.model.SearchIndexType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;

/** Atlas search index helpers (createSearchIndex(es), updateSearchIndex, dropSearchIndex, listSearchIndexes). */
final class SearchIndexOps {
    private SearchIndexOps() {}

    static void register(Operations t) {
        t.add(COLLECTION, "createSearchIndex", (c, a, cx) -> {
            SearchIndexModel m = model(a.doc("model"));
            a.checkAllUsed();
            return new BsonString(coll(c).createSearchIndexes(List.of(m)).get(0));
        });
        t.add(COLLECTION, "createSearchIndexes", (c, a, cx) -> {
            List<SearchIndexModel> models = new ArrayList<>();
            a.docs("models").forEach(m -> models.add(model(m)));
            a.checkAllUsed();
            BsonArray names = new BsonArray();
            coll(c).createSearchIndexes(models).forEach(n -> names.add(new BsonString(n)));
            return names;
        });
        t.add(COLLECTION, "updateSearchIndex", (c, a, cx) -> {
            String name = a.string("name");
            BsonDocument definition = a.doc("definition");
            a.checkAllUsed();
            coll(c).updateSearchIndex(name, definition);
            return null;
        });
        t.add(COLLECTION, "dropSearchIndex", (c, a, cx) -> {
            String name = a.string("name");
            a.checkAllUsed();
            coll(c).dropSearchIndex(name);
            return null;
        });
        t.add(COLLECTION, "listSearchIndexes", (c, a, cx) -> {
            var it = coll(c).listSearchIndexes(BsonDocument.class);
            a.ifPresent("name", v -> it.name(v.asString().getValue()));
            BsonDocument o = a.docOr("aggregationOptions", new BsonDocument());
            for (String k : o.keySet()) {
                switch (k) {
                    case "batchSize" -> it.batchSize(o.getNumber(k).intValue());
                    case "allowDiskUse" -> it.allowDiskUse(o.getBoolean(k).getValue());
                    case "maxTimeMS" -> it.maxTime(o.getNumber(k).longValue(), TimeUnit.MILLISECONDS);
                    case "comment" -> it.comment(o.get(k));
                    default -> throw new RunnerException("unsupported argument aggregationOptions." + k + " for listSearchIndexes");
                }
            }
            a.checkAllUsed();
            return Results.all(it);
        });
    }

    private static SearchIndexModel model(BsonDocument m) {
        BsonDocument definition = m.getDocument("definition");
        String name = m.containsKey("name") ? m.getString("name").getValue() : null;
        if (m.containsKey("type")) {
            return new SearchIndexModel(name, definition, SearchIndexType.of(m.get("type")));
        }
        return name == null ? new SearchIndexModel(definition) : new SearchIndexModel(name, definition);
    }
}
