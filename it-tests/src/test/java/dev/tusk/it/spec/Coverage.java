package dev.tusk.it.spec;

import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * What a test case exercises, read from its text: operation names, commands named in expected
 * events, and the query/update/aggregation operators in filters, updates and pipelines.
 */
final class Coverage {
    private static final Set<String> OPERATOR_ARGS = Set.of("filter", "update", "pipeline", "projection",
            "requests", "query", "q", "u");

    private Coverage() {}

    static Set<String> operations(TestCase tc) {
        Set<String> out = new TreeSet<>();
        tc.operations().forEach(op -> collectOperations(op, out));
        return out;
    }

    private static void collectOperations(BsonDocument op, Set<String> out) {
        out.add(op.getString("name").getValue());
        BsonDocument args = op.getDocument("arguments", new BsonDocument());
        if (args.containsKey("callback")) {
            SpecFile.docs(args.get("callback")).forEach(o -> collectOperations(o, out));
        }
    }

    static Set<String> expectedCommands(TestCase tc) {
        Set<String> out = new TreeSet<>();
        for (BsonDocument c : tc.expectEvents()) {
            for (BsonDocument e : SpecFile.docs(c.get("events"))) {
                BsonDocument started = e.getDocument("commandStartedEvent", null);
                if (started != null && started.containsKey("commandName")) {
                    out.add(started.getString("commandName").getValue());
                } else if (started != null && started.containsKey("command")) {
                    out.add(started.getDocument("command").getFirstKey());
                }
            }
        }
        return out;
    }

    static Set<String> operators(TestCase tc) {
        Set<String> out = new TreeSet<>();
        tc.operations().forEach(op -> scanArgs(op.getDocument("arguments", new BsonDocument()), out));
        return out;
    }

    private static void scanArgs(BsonDocument args, Set<String> out) {
        for (var e : args.entrySet()) {
            if (OPERATOR_ARGS.contains(e.getKey()) || e.getKey().equals("callback")) {
                operatorsIn(e.getValue(), out);
            }
        }
    }

    private static void operatorsIn(BsonValue v, Set<String> out) {
        if (v.isDocument()) {
            for (var e : v.asDocument().entrySet()) {
                String k = e.getKey();
                if (k.startsWith("$") && !k.startsWith("$$") && k.length() > 1 && Character.isLetter(k.charAt(1))) {
                    out.add(k);
                }
                if (k.equals("arguments")) {
                    scanArgs(e.getValue().asDocument(), out);
                } else {
                    operatorsIn(e.getValue(), out);
                }
            }
        } else if (v.isArray()) {
            v.asArray().forEach(x -> operatorsIn(x, out));
        }
    }
}
