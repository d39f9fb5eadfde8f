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
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/** createIndexes: several at once; identical specs are no-ops, conflicting ones MongoDB's 85/86 errors. */
final class CreateIndexesCommand implements Command {
    @Override
    public String name() {
        return "createIndexes";
    }

    @Override
    public String help() {
        return "create indexes on a collection";
    }

    @Override
    public boolean acceptsWriteConcern() {
        return true;
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("indexes", "commitQuorum", "ignoreUnknownIndexOptions",
                "isTimeseriesNamespace"));
        String collection = args.collection();
        BsonArray raw = args.array("indexes").orElseThrow(() ->
                ErrorCode.FAILED_TO_PARSE.error("BSON field 'createIndexes.indexes' is missing but a required field"));
        if (raw.isEmpty()) {
            throw ErrorCode.BAD_VALUE.error("Must specify at least one index to create");
        }
        List<BsonDocument> specs = new ArrayList<>();
        for (BsonValue v : raw) {
            specs.add(IndexSpecs.normalise(v));
        }
        Optional<CollectionInfo> existing = cx.catalog().collection(request.database(), collection);
        if (existing.isPresent() && existing.get().isView()) {
            throw ErrorCode.COMMAND_NOT_SUPPORTED_ON_VIEW.error("Cannot create indexes on a view");
        }
        boolean created = existing.isEmpty();
        CollectionInfo info = cx.catalog().createCollection(request.database(), collection, new BsonDocument(), false);
        if (info.capped() && specs.stream().anyMatch(s -> s.containsKey("expireAfterSeconds"))) {
            throw ErrorCode.CANNOT_CREATE_INDEX.error("Cannot create TTL index on a capped collection");
        }
        int before = cx.catalog().indexes(info).size();
        IndexBuilder builder = new IndexBuilder(cx.store(), cx.catalog(), cx.indexes());
        for (BsonDocument spec : specs) {
            if (isNew(spec, cx.catalog().indexes(info))) {
                builder.build(info, spec);
            }
        }
        int after = cx.catalog().indexes(info).size();
        BsonDocument reply = new BsonDocument("numIndexesBefore", new BsonInt32(before))
                .append("numIndexesAfter", new BsonInt32(after));
        if (before == after) {
            reply.append("note", new BsonString("all indexes already exist"));
        }
        reply.append("createdCollectionAutomatically", BsonBoolean.valueOf(created));
        return Replies.ok(reply);
    }

    /** False for an index that exists with the same key and options; MongoDB's errors for near-misses. */
    private static boolean isNew(BsonDocument spec, List<IndexInfo> existing) {
        String name = spec.getString("name").getValue();
        BsonDocument key = spec.getDocument("key");
        for (IndexInfo i : existing) {
            boolean sameKey = IndexSpecs.sameKey(i.key(), key);
            boolean sameOptions = IndexSpecs.comparedOptions(i.spec()).equals(IndexSpecs.comparedOptions(spec));
            if (i.name().equals(name)) {
                if (!sameKey) {
                    throw ErrorCode.INDEX_KEY_SPECS_CONFLICT.error("An existing index has the same name as the requested index. "
                            + "When index names are not specified, they are auto generated and can cause conflicts. Please refer to "
                            + "our documentation. Requested index: %s, existing index: %s", spec.toJson(), i.spec().toJson());
                }
                if (!sameOptions && !i.isIdIndex()) {
                    throw ErrorCode.INDEX_OPTIONS_CONFLICT.error("An equivalent index already exists with the same name but "
                            + "different options. Requested index: %s, existing index: %s", spec.toJson(), i.spec().toJson());
                }
                return false;
            }
            if (sameKey && sameOptions) {
                throw ErrorCode.INDEX_OPTIONS_CONFLICT.error("Index already exists with a different name: %s", i.name());
            }
            if (sameKey && key.containsKey("_fts")) { // one text index per collection
                throw ErrorCode.INDEX_OPTIONS_CONFLICT.error("An equivalent index already exists with a different name and "
                        + "options. Requested index: %s, existing index: %s", spec.toJson(), i.spec().toJson());
            }
        }
        return !(key.size() == 1 && key.containsKey("_id") && Optional.of(name).filter("_id_"::equals).isPresent());
    }
}
