package dev.tusk.it.spec;

import static dev.tusk.it.spec.Operations.Kind.SESSION;

import com.mongodb.TransactionOptions;
import com.mongodb.client.ClientSession;
import java.lang.reflect.Field;
import java.util.List;
import org.bson.BsonDocument;

/** Session entity operations: transactions and endSession; plus reading a session's state. */
final class SessionOps {
    private SessionOps() {}

    static void register(Operations t) {
        t.add(SESSION, "startTransaction", (s, a, cx) -> {
            TransactionOptions o = transactionOptions(a);
            cx.transactionsUsed();
            session(s).startTransaction(o);
            return null;
        });
        t.add(SESSION, "commitTransaction", (s, a, cx) -> {
            session(s).commitTransaction();
            return null;
        });
        t.add(SESSION, "abortTransaction", (s, a, cx) -> {
            session(s).abortTransaction();
            return null;
        });
        t.add(SESSION, "endSession", (s, a, cx) -> {
            session(s).close();
            return null;
        });
        t.add(SESSION, "withTransaction", (s, a, cx) -> {
            List<BsonDocument> callback = a.docs("callback");
            TransactionOptions o = transactionOptions(a);
            cx.transactionsUsed();
            session(s).withTransaction(() -> {
                cx.runOperations(callback);
                return null;
            }, o);
            return null;
        });
    }

    private static ClientSession session(Object target) {
        return ((EntityMap.SessionEntity) target).session();
    }

    private static TransactionOptions transactionOptions(Args a) {
        BsonDocument d = new BsonDocument();
        for (String k : List.of("readConcern", "writeConcern", "readPreference", "maxCommitTimeMS")) {
            a.ifPresent(k, v -> d.append(k, v));
        }
        a.checkAllUsed();
        return Options.transaction(d);
    }

    /**
     * The unified format's transaction state (none, starting, in_progress, committed, aborted).
     * The sync driver keeps it private, so it is read reflectively (test code only).
     */
    static String transactionState(ClientSession session) {
        try {
            Field state = session.getClass().getDeclaredField("transactionState");
            state.setAccessible(true);
            Field sent = session.getClass().getDeclaredField("messageSentInCurrentTransaction");
            sent.setAccessible(true);
            String name = String.valueOf(state.get(session));
            return switch (name) {
                case "NONE" -> "none";
                case "IN" -> sent.getBoolean(session) ? "in_progress" : "starting";
                case "COMMITTED" -> "committed";
                case "ABORTED" -> "aborted";
                default -> name.toLowerCase();
            };
        } catch (ReflectiveOperationException e) {
            throw new RunnerException("cannot read the session's transaction state: " + e);
        }
    }
}
