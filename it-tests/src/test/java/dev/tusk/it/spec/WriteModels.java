package dev.tusk.it.spec;

import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.DeleteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Write options and bulkWrite request models from spec arguments. */
final class WriteModels {
    private WriteModels() {}

    static UpdateOptions update(Args a) {
        UpdateOptions o = new UpdateOptions();
        a.ifPresent("upsert", v -> o.upsert(v.asBoolean().getValue()));
        a.ifPresent("arrayFilters", v -> o.arrayFilters(docs(v)));
        a.ifPresent("bypassDocumentValidation", v -> o.bypassDocumentValidation(v.asBoolean().getValue()));
        a.ifPresent("collation", v -> o.collation(Options.collation(v.asDocument())));
        a.ifPresent("hint", v -> {
            if (v.isString()) {
                o.hintString(v.asString().getValue());
            } else {
                o.hint(v.asDocument());
            }
        });
        a.ifPresent("comment", o::comment);
        a.ifPresent("let", v -> o.let(v.asDocument()));
        return o;
    }

    static ReplaceOptions replace(Args a) {
        ReplaceOptions o = new ReplaceOptions();
        a.ifPresent("upsert", v -> o.upsert(v.asBoolean().getValue()));
        a.ifPresent("bypassDocumentValidation", v -> o.bypassDocumentValidation(v.asBoolean().getValue()));
        a.ifPresent("collation", v -> o.collation(Options.collation(v.asDocument())));
        a.ifPresent("hint", v -> {
            if (v.isString()) {
                o.hintString(v.asString().getValue());
            } else {
                o.hint(v.asDocument());
            }
        });
        a.ifPresent("comment", o::comment);
        a.ifPresent("let", v -> o.let(v.asDocument()));
        return o;
    }

    static DeleteOptions delete(Args a) {
        DeleteOptions o = new DeleteOptions();
        a.ifPresent("collation", v -> o.collation(Options.collation(v.asDocument())));
        a.ifPresent("hint", v -> {
            if (v.isString()) {
                o.hintString(v.asString().getValue());
            } else {
                o.hint(v.asDocument());
            }
        });
        a.ifPresent("comment", o::comment);
        a.ifPresent("let", v -> o.let(v.asDocument()));
        return o;
    }

    static List<BsonDocument> docs(BsonValue v) {
        List<BsonDocument> out = new ArrayList<>();
        v.asArray().forEach(x -> out.add(x.asDocument()));
        return out;
    }

    /** One bulkWrite request ({@code {insertOne: {...}}} etc.). */
    static WriteModel<BsonDocument> model(BsonDocument request, EntityMap entities) {
        String kind = request.getFirstKey();
        Args a = new Args("bulkWrite." + kind, request.getDocument(kind), entities);
        WriteModel<BsonDocument> m = switch (kind) {
            case "insertOne" -> new InsertOneModel<>(a.doc("document"));
            case "deleteOne" -> new DeleteOneModel<>(a.doc("filter"), delete(a));
            case "deleteMany" -> new DeleteManyModel<>(a.doc("filter"), delete(a));
            case "replaceOne" -> new ReplaceOneModel<>(a.doc("filter"), a.doc("replacement"), replace(a));
            case "updateOne" -> {
                BsonDocument filter = a.doc("filter");
                BsonValue u = a.req("update");
                UpdateOptions o = update(a);
                yield u.isArray() ? new UpdateOneModel<>(filter, docs(u), o) : new UpdateOneModel<>(filter, u.asDocument(), o);
            }
            case "updateMany" -> {
                BsonDocument filter = a.doc("filter");
                BsonValue u = a.req("update");
                UpdateOptions o = update(a);
                yield u.isArray() ? new UpdateManyModel<>(filter, docs(u), o) : new UpdateManyModel<>(filter, u.asDocument(), o);
            }
            default -> throw new RunnerException("unsupported bulkWrite request " + kind);
        };
        a.checkAllUsed();
        return m;
    }
}
