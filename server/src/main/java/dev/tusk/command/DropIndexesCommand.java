package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.catalog.IndexInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import dev.tusk.exec.IndexBuilder;
import dev.tusk.index.IndexSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/** dropIndexes: by name, by key pattern, a list of names, or "*" (all but `_id_`). */
final class DropIndexesCommand implements Command {
    @Override
    public String name() {
        return "dropIndexes";
    }

    @Override
    public List<String> aliases() {
        return List.of("deleteIndexes");
    }

    @Override
    public String help() {
        return "drop indexes of a collection";
    }

    @Override
    public boolean acceptsWriteConcern() {
        return true;
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("index"));
        String collection = args.collection();
        BsonValue which = args.value("index").orElseThrow(() ->
                ErrorCode.FAILED_TO_PARSE.error("BSON field 'dropIndexes.index' is missing but a required field"));
        CollectionInfo info = cx.catalog().collection(request.database(), collection).orElseThrow(() ->
                ErrorCode.NAMESPACE_NOT_FOUND.error("ns not found %s", args.namespace())).requireCollection();
        List<IndexInfo> indexes = cx.catalog().indexes(info);
        List<String> names = new ArrayList<>();
        if (which.isString() && which.asString().getValue().equals("*")) {
            indexes.stream().filter(i -> !i.isIdIndex()).forEach(i -> names.add(i.name()));
        } else if (which.isString()) {
            names.add(byName(indexes, which.asString().getValue()).name());
        } else if (which.isArray()) {
            for (BsonValue v : which.asArray()) {
                if (!v.isString()) {
                    throw ErrorCode.TYPE_MISMATCH.error("dropIndexes 'index' array must contain only strings");
                }
                names.add(byName(indexes, v.asString().getValue()).name());
            }
        } else if (which.isDocument()) {
            IndexInfo match = indexes.stream().filter(i -> IndexSpecs.sameKey(i.key(), which.asDocument())).findFirst()
                    .orElseThrow(() -> ErrorCode.INDEX_NOT_FOUND.error("can't find index with key: %s", which.asDocument().toJson()));
            names.add(match.name());
        } else {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'dropIndexes.index' is the wrong type '%s', expected types '[string, object, array]'",
                    dev.tusk.bson.BsonText.typeName(which));
        }
        for (String name : names) {
            if (name.equals("_id_")) {
                throw ErrorCode.INVALID_OPTIONS.error("cannot drop _id index");
            }
        }
        IndexBuilder builder = new IndexBuilder(cx.store(), cx.catalog(), cx.indexes());
        for (String name : names) {
            builder.drop(info, name);
        }
        return Replies.ok(new BsonDocument("nIndexesWas", new BsonInt32(indexes.size())));
    }

    private static IndexInfo byName(List<IndexInfo> indexes, String name) {
        return indexes.stream().filter(i -> i.listedName().equals(name)).findFirst()
                .orElseThrow(() -> ErrorCode.INDEX_NOT_FOUND.error("index not found with name [%s]", name));
    }
}
