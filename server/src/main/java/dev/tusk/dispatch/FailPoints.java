package dev.tusk.dispatch;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * MongoDB's failCommand fail point (test commands only): makes chosen commands fail with an error,
 * close the connection, block, or report a writeConcernError — for clients' retry and error-handling
 * tests. One active configuration; `times` / `skip` modes count the commands it applies to.
 */
public final class FailPoints {
    /** What the fail point does to one command. */
    public record Action(BsonDocument data) {
        public boolean closeConnection() {
            return data.getBoolean("closeConnection", org.bson.BsonBoolean.FALSE).getValue();
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

    private final AtomicReference<Optional<Config>> failCommand = new AtomicReference<>(Optional.empty());

    /** configureFailPoint {mode, data}; mode "off" clears it. */
    public void configure(BsonValue mode, BsonDocument data) {
        if (mode.isString() && mode.asString().getValue().equals("off")) {
            failCommand.set(Optional.empty());
        } else if (mode.isString() && mode.asString().getValue().equals("alwaysOn")) {
            failCommand.set(Optional.of(new Config(data, 0, Long.MAX_VALUE, true)));
        } else if (mode.isDocument()) {
            BsonDocument m = mode.asDocument();
            long times = m.isNumber("times") ? m.getNumber("times").longValue() : Long.MAX_VALUE;
            long skip = m.isNumber("skip") ? m.getNumber("skip").longValue() : 0;
            failCommand.set(Optional.of(new Config(data, skip, times, false)));
        } else {
            throw dev.tusk.error.ErrorCode.BAD_VALUE.error("invalid fail point mode: %s", mode);
        }
    }

    /** The action for this command, if the fail point is on and applies to it (consuming one "time"). */
    public synchronized Optional<Action> check(String command, Optional<BsonDocument> clientMetadata) {
        Optional<Config> current = failCommand.get();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Config c = current.get();
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
        if (c.skip() > 0) {
            failCommand.set(Optional.of(new Config(c.data(), c.skip() - 1, c.times(), c.always())));
            return Optional.empty();
        }
        if (!c.always()) {
            failCommand.set(c.times() <= 1 ? Optional.empty() : Optional.of(new Config(c.data(), 0, c.times() - 1, false)));
        }
        return Optional.of(new Action(c.data()));
    }
}
