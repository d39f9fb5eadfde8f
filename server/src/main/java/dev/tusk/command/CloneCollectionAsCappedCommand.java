package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import org.bson.BsonDocument;

/** cloneCollectionAsCapped: not implemented yet (238); convertToCapped makes a collection capped in place. */
final class CloneCollectionAsCappedCommand implements Command {
    @Override
    public String name() {
        return "cloneCollectionAsCapped";
    }

    @Override
    public String help() {
        return "copy a collection into a new capped collection (not supported by Tusk yet)";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        throw ErrorCode.NOT_IMPLEMENTED.error("cloneCollectionAsCapped is not supported by Tusk yet; convertToCapped is");
    }
}
