package dev.tusk.command;

import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.dispatch.Transactions;
import org.bson.BsonDocument;

/** commitTransaction and abortTransaction: multi-document transactions are not supported yet, so there is none to end. */
final class TransactionCommand extends NamedCommand {
    TransactionCommand(String name) {
        super(name);
    }

    @Override
    public String help() {
        return "end a multi-document transaction (not supported by Tusk yet)";
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        throw Transactions.notSupported();
    }
}
