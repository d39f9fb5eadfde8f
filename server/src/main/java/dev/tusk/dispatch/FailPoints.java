package dev.tusk.dispatch;

import java.util.List;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * MongoDB's fail points that client test suites use (test commands only): failCommand makes chosen
 * commands fail with an error, close the connection, block, or report a writeConcernError;
 * onPrimaryTransactionalWrite interrupts a retryable write just before (failBeforeCommitExceptionCode)
 * or just after it commits. `times` / `skip` modes count the commands a fail point applies to.
 */
public final class FailPoints {
    /** What the fail point does to one command. */
    public record Action(BsonDocument data) {
        public boolean closeConnection() {
            return data.getBoolean("closeConnection", org.bson.BsonBoolean.FALSE).getValue();
        }

        /** onPrimaryTransactionalWrite closes the connection unless told not to. */
        public boolean closeConnectionUnlessFalse() {
            return data.getBoolean("closeConnection", org.bson.BsonBoolean.TRUE).getValue();
        }

        public Optional<Integer> failBeforeCommitExceptionCode() {
            return data.isNumber("failBeforeCommitExceptionCode")
                    ? Optional.of(data.getNumber("failBeforeCommitExceptionCode").intValue()) : Optional.empty();
        }

        public long blockMillis() {
            return data.getBoolean("blockConnection", org.bson.BsonBoolean.FALSE).getValue() && data.isNumber("blockTimeMS")
                    ? data.getNumber("blockTimeMS").longValue() : 0;
        }

        public Optional<Integer> errorCode() {
            return data.isNumber("errorCode") ? Optional.of(data.getNumber("errorCode").intValue()) : Optional.empty();
        }

        public Optional<BsonArray> errorLabels() {
            return data.isArray("errorLabels") ? Optional.of(data.getArray("errorLabels")) : Optional.empty();
        }

        public Optional<BsonDocument> writeConcernError() {
            return data.isDocument("writeConcernError") ? Optional.of(data.getDocument("writeConcernError")) : Optional.empty();
        }
    }

    private record Config(BsonDocument data, long skip, long times, boolean always) {}

    public static final String FAIL_COMMAND = "failCommand";
    public static final String ON_PRIMARY_TRANSACTIONAL_WRITE = "onPrimaryTransactionalWrite";
    public static final java.util.Set<String> NAMES = java.util.Set.of(FAIL_COMMAND, ON_PRIMARY_TRANSACTIONAL_WRITE);

    private final java.util.Map<String, Config> active = new java.util.HashMap<>();

    /** configureFailPoint name {mode, data}; mode "off" clears it. */
    public synchronized void configure(String name, BsonValue mode, BsonDocument data) {
        if (mode.isString() && mode.asString().getValue().equals("off")) {
            active.remove(name);
        } else if (mode.isString() && mode.asString().getValue().equals("alwaysOn")) {
            active.put(name, new Config(data, 0, Long.MAX_VALUE, true));
        } else if (mode.isDocument()) {
            BsonDocument m = mode.asDocument();
            long times = m.isNumber("times") ? m.getNumber("times").longValue() : Long.MAX_VALUE;
            long skip = m.isNumber("skip") ? m.getNumber("skip").longValue() : 0;
            active.put(name, new Config(data, skip, times, false));
        } else {
            throw dev.tusk.error.ErrorCode.BAD_VALUE.error("invalid fail point mode: %s", mode);
        }
    }

    /** onPrimaryTransactionalWrite's action for the retryable write about to run, if it is on (consuming one "time"). */
    public synchronized Optional<Action> checkTransactionalWrite() {
        Config c = active.get(ON_PRIMARY_TRANSACTIONAL_WRITE);
        return c == null ? Optional.empty() : consume(ON_PRIMARY_TRANSACTIONAL_WRITE, c);
    }

    /** failCommand's action for this command, if it is on and applies to it (consuming one "time"). */
    public synchronized Optional<Action> check(String command, Optional<BsonDocument> clientMetadata) {
        Config c = active.get(FAIL_COMMAND);
        if (c == null) {
            return Optional.empty();
        }
        List<String> names = c.data().isArray("failCommands")
                ? c.data().getArray("failCommands").stream().map(v -> v.asString().getValue()).toList() : List.of();
        if (!names.contains(command)) {
            return Optional.empty();
        }
        if (c.data().isString("appName")) {
            String app = clientMetadata.filter(m -> m.isDocument("application"))
                    .map(m -> m.getDocument("application").getString("name", new org.bson.BsonString("")).getValue()).orElse("");
            if (!app.equals(c.data().getString("appName").getValue())) {
                return Optional.empty();
            }
        }
        return consume(FAIL_COMMAND, c);
    }

    private Optional<Action> consume(String name, Config c) {
        if (c.skip() > 0) {
            active.put(name, new Config(c.data(), c.skip() - 1, c.times(), c.always()));
            return Optional.empty();
        }
        if (!c.always()) {
            if (c.times() <= 1) {
                active.remove(name);
            } else {
                active.put(name, new Config(c.data(), 0, c.times() - 1, false));
            }
        }
        return Optional.of(new Action(c.data()));
    }
}
