package dev.tusk.command;

import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import dev.tusk.pipeline.Pipeline;
import org.bson.BsonDocument;

/**
 * createSearchIndexes, updateSearchIndex and dropSearchIndex: Atlas Search indexes live in a separate
 * search process (mongot), which a MongoDB server without one refuses with 31082 SearchNotEnabled; Tusk
 * has none and answers the same.
 */
final class SearchIndexCommand extends NamedCommand {
    SearchIndexCommand(String name) {
        super(name);
    }

    @Override
    public String help() {
        return "Atlas Search indexes (not available: no search process)";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        if (!request.commandValue().isString()) {
            throw ErrorCode.INVALID_NAMESPACE.error("collection name has invalid type %s",
                    dev.tusk.bson.BsonText.typeName(request.commandValue()));
        }
        throw Pipeline.searchNotEnabled();
    }
}
