package dev.tusk.it.spec;

import com.mongodb.client.ClientSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * An operation's arguments. Every read marks the key used; {@link #checkAllUsed()} then rejects
 * any argument the runner did not understand (the spec requires an error, not silence).
 */
final class Args {
    private final String operation;
    private final BsonDocument doc;
    private final EntityMap entities;
    private final Set<String> used = new HashSet<>();

    Args(String operation, BsonDocument doc, EntityMap entities) {
        this.operation = operation;
        this.doc = doc;
        this.entities = entities;
    }

    boolean has(String key) {
        return doc.containsKey(key);
    }

    /** True if every argument present is one of these. */
    boolean onlyHas(List<String> keys) {
        return keys.containsAll(doc.keySet());
    }

    /** The value, or null when absent. */
    BsonValue opt(String key) {
        used.add(key);
        return doc.get(key);
    }

    BsonValue req(String key) {
        BsonValue v = opt(key);
        if (v == null) {
            throw new RunnerException(operation + ": missing required argument " + key);
        }
        return v;
    }

    /** Calls {@code apply} with the value when the argument is present. */
    void ifPresent(String key, Consumer<BsonValue> apply) {
        BsonValue v = opt(key);
        if (v != null) {
            apply.accept(v);
        }
    }

    BsonDocument doc(String key) {
        return req(key).asDocument();
    }

    BsonDocument docOr(String key, BsonDocument otherwise) {
        BsonValue v = opt(key);
        return v == null ? otherwise : v.asDocument();
    }

    String string(String key) {
        return req(key).asString().getValue();
    }

    List<BsonDocument> docs(String key) {
        List<BsonDocument> out = new ArrayList<>();
        req(key).asArray().forEach(v -> out.add(v.asDocument()));
        return out;
    }

    /** The session entity named by the {@code session} argument, or null. */
    ClientSession session() {
        BsonValue v = opt("session");
        return v == null ? null : entities.session(v.asString().getValue()).session();
    }

    EntityMap entities() {
        return entities;
    }

    void checkAllUsed() {
        for (String k : doc.keySet()) {
            if (!used.contains(k)) {
                throw new RunnerException("unsupported argument " + k + " for " + operation);
            }
        }
    }
}
