package dev.tusk.command;

import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.dispatch.Transactions;
import org.bson.BsonDocument;

/** commitTransaction and abortTransaction: multi-document transactions are not supported yet, so there is none to end. */
final class TransactionCommand implements Command {
    private final String name;

    TransactionCommand(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
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
