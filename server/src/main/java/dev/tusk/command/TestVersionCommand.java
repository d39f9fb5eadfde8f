package dev.tusk.command;

import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import org.bson.BsonDocument;

/** testVersion1 / testVersion2 (test commands): no-ops that exist to exercise Stable API checks. */
final class TestVersionCommand extends NamedCommand {
    TestVersionCommand(String name) {
        super(name);
    }

    @Override
    public String help() {
        return "test command for the Stable API";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        return Replies.ok();
    }
}
