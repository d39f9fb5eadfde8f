package dev.tusk.it.spec;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import com.mongodb.event.ConnectionCheckedInEvent;
import com.mongodb.event.ConnectionCheckedOutEvent;
import com.mongodb.event.ConnectionPoolListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;

/**
 * The command events one client entity observes (only the kinds named in observeEvents, minus the
 * ignored and sensitive commands), and its count of checked-out connections.
 */
final class EventLog implements CommandListener, ConnectionPoolListener {
    /** One observed command event; {@code body} is the command (started) or the reply (succeeded). */
    record Event(String type, String commandName, String databaseName, BsonDocument body, String failure) {}

    private static final Set<String> SENSITIVE = Set.of("authenticate", "saslstart", "saslcontinue", "getnonce",
            "createuser", "updateuser", "copydbgetnonce", "copydbsaslstart", "copydb");
    private static final Set<String> HELLO = Set.of("hello", "ismaster");

    private final Set<String> observe;
    private final Set<String> ignore;
    private final boolean observeSensitive;
    private final List<Event> events = new ArrayList<>();
    private final List<BsonDocument> allStarted = new ArrayList<>();
    private final AtomicInteger checkedOut = new AtomicInteger();
    private volatile boolean enabled = true;

    EventLog(Set<String> observe, Set<String> ignore, boolean observeSensitive) {
        this.observe = observe;
        this.ignore = ignore;
        this.observeSensitive = observeSensitive;
    }

    void disable() {
        enabled = false;
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Every command this client started (observed or not), for the lsid assertions. */
    synchronized List<BsonDocument> startedCommands() {
        return List.copyOf(allStarted);
    }

    int checkedOutConnections() {
        return checkedOut.get();
    }

    @Override
    public void commandStarted(CommandStartedEvent e) {
        BsonDocument command = e.getCommand().clone();
        if (!skipped(e.getCommandName(), command)) {
            synchronized (this) {
                allStarted.add(command);
            }
        }
        record("commandStartedEvent", e.getCommandName(), e.getDatabaseName(), command, null);
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent e) {
        record("commandSucceededEvent", e.getCommandName(), e.getDatabaseName(), e.getResponse().clone(), null);
    }

    @Override
    public void commandFailed(CommandFailedEvent e) {
        record("commandFailedEvent", e.getCommandName(), e.getDatabaseName(), null, String.valueOf(e.getThrowable()));
    }

    @Override
    public void connectionCheckedOut(ConnectionCheckedOutEvent event) {
        checkedOut.incrementAndGet();
    }

    @Override
    public void connectionCheckedIn(ConnectionCheckedInEvent event) {
        checkedOut.decrementAndGet();
    }

    private void record(String type, String name, String db, BsonDocument body, String failure) {
        if (!enabled || !observe.contains(type) || skipped(name, body)) {
            return;
        }
        synchronized (this) {
            events.add(new Event(type, name, db, body, failure));
        }
    }

    private boolean skipped(String name, BsonDocument body) {
        if (ignore.contains(name) || name.equals("configureFailPoint")) {
            return true;
        }
        if (observeSensitive) {
            return false;
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        // the driver redacts hello with speculativeAuthenticate to an empty document
        return SENSITIVE.contains(lower) || HELLO.contains(lower) && body != null && body.isEmpty();
    }
}
