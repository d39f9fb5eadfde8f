package dev.tusk.it.spec;

import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** expectEvents: the command events each client observed, in order, against the expected ones. */
final class EventExpectation {
    private EventExpectation() {}

    static void check(List<BsonDocument> expectEvents, EntityMap entities, Matcher matcher) {
        for (BsonDocument forClient : expectEvents) {
            String client = forClient.getString("client").getValue();
            String type = forClient.getString("eventType", new org.bson.BsonString("command")).getValue();
            if (!type.equals("command")) {
                throw new RunnerException("unsupported eventType " + type + " (runner observes command events only)");
            }
            boolean ignoreExtra = forClient.getBoolean("ignoreExtraEvents", org.bson.BsonBoolean.FALSE).getValue();
            List<BsonDocument> expected = SpecFile.docs(forClient.get("events"));
            List<EventLog.Event> actual = entities.client(client).log().events();
            if (actual.size() < expected.size() || !ignoreExtra && actual.size() != expected.size()) {
                throw new AssertionError("client " + client + ": expected " + expected.size() + " events, got "
                        + actual.size() + ": " + summary(actual));
            }
            for (int i = 0; i < expected.size(); i++) {
                try {
                    match(expected.get(i), actual.get(i), matcher);
                } catch (AssertionError e) {
                    throw new AssertionError("client " + client + " event " + i + ": " + e.getMessage()
                            + "; events: " + summary(actual), e);
                }
            }
        }
    }

    private static void match(BsonDocument expected, EventLog.Event actual, Matcher matcher) {
        String type = expected.getFirstKey();
        if (!type.equals(actual.type())) {
            throw new AssertionError("expected " + type + ", got " + actual.type() + " " + actual.commandName()
                    + (actual.failure() != null ? " (" + actual.failure() + ")" : ""));
        }
        BsonDocument e = expected.getDocument(type);
        for (String key : e.keySet()) {
            BsonValue v = e.get(key);
            switch (key) {
                case "command", "reply" -> matcher.assertMatches(v, actual.body(), true);
                case "commandName" -> same(v.asString().getValue(), actual.commandName(), "commandName");
                case "databaseName" -> same(v.asString().getValue(), actual.databaseName(), "databaseName");
                case "hasServiceId" -> same(v.asBoolean().getValue(), false, "hasServiceId");
                case "hasServerConnectionId" -> { }
                default -> throw new RunnerException("unsupported event field " + type + "." + key);
            }
        }
    }

    private static void same(Object expected, Object actual, String what) {
        if (!expected.equals(actual)) {
            throw new AssertionError(what + ": expected " + expected + ", got " + actual);
        }
    }

    private static String summary(List<EventLog.Event> events) {
        StringBuilder sb = new StringBuilder("[");
        for (EventLog.Event e : events) {
            sb.append(sb.length() > 1 ? ", " : "").append(e.type().replace("Event", "")).append(' ').append(e.commandName());
        }
        return sb.append(']').toString();
    }
}
