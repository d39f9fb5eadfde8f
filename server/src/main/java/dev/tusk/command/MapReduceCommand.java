package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import org.bson.BsonDocument;

/** mapReduce runs JavaScript functions on the server, which Tusk does not (as $where, $function, $accumulator): 238. */
final class MapReduceCommand implements Command {
    @Override
    public String name() {
        return "mapReduce";
    }

    @Override
    public java.util.List<String> aliases() {
        return java.util.List.of("mapreduce");
    }

    @Override
    public String help() {
        return "map-reduce (not supported: it needs server-side JavaScript; use an aggregation pipeline)";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        throw ErrorCode.NOT_IMPLEMENTED.error(
                "mapReduce runs JavaScript on the server, which Tusk does not support; use an aggregation pipeline instead");
    }
}
