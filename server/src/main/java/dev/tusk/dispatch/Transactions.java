package dev.tusk.dispatch;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import org.bson.BsonDocument;

/**
 * Multi-document transactions are not supported yet. A command that starts or continues one ({@code startTransaction},
 * {@code autocommit}) is refused before it runs: run on its own, its writes would survive an abort and be seen before
 * the commit, which an application relying on the transaction cannot tell.
 */
public final class Transactions {
    private Transactions() {}

    static void refuse(BsonDocument body) {
        if (body.containsKey("startTransaction") || body.containsKey("autocommit")) {
            throw notSupported();
        }
    }

    public static MongoServerException notSupported() {
        return ErrorCode.NOT_IMPLEMENTED.error("multi-document transactions are not supported by Tusk yet; the command was not run");
    }
}
