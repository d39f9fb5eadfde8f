package dev.tusk.it.spec;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The entities of one test, by unique name, with typed lookups; {@link #close()} ends sessions,
 * closes cursors and then clients, in that order.
 */
final class EntityMap implements AutoCloseable {
    /** A session entity; the lsid is kept so $$sessionLsid still works after endSession. */
    record SessionEntity(String id, ClientSession session, BsonDocument lsid, ClientEntity client) {}

    /** A cursor entity (find cursor, command cursor or change stream). */
    record CursorEntity(String id, MongoCursor<BsonDocument> cursor) {}

    private final Map<String, Object> entities = new LinkedHashMap<>();
    private final Map<Object, MongoDatabase> databases = new java.util.IdentityHashMap<>();

    /**
     * Remembers the database entity a collection or bucket entity came from (for commands and
     * helpers the driver does not have).
     */
    synchronized void noteDatabase(Object collectionOrBucket, MongoDatabase database) {
        databases.put(collectionOrBucket, database);
    }

    synchronized MongoDatabase databaseOf(Object collectionOrBucket) {
        MongoDatabase db = databases.get(collectionOrBucket);
        if (db == null) {
            throw new RunnerException("no database entity for this collection or bucket");
        }
        return db;
    }

    synchronized void put(String id, Object entity) {
        if (entities.containsKey(id)) {
            throw new RunnerException("entity " + id + " already exists");
        }
        entities.put(id, entity);
    }

    synchronized Object get(String id) {
        Object e = entities.get(id);
        if (e == null) {
            throw new RunnerException("no entity named " + id);
        }
        return e;
    }

    synchronized boolean contains(String id) {
        return entities.containsKey(id);
    }

    <T> T get(String id, Class<T> type) {
        Object e = get(id);
        if (!type.isInstance(e)) {
            throw new RunnerException("entity " + id + " is a " + e.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(e);
    }

    ClientEntity client(String id) {
        return get(id, ClientEntity.class);
    }

    SessionEntity session(String id) {
        return get(id, SessionEntity.class);
    }

    MongoDatabase database(String id) {
        return get(id, MongoDatabase.class);
    }

    @SuppressWarnings("unchecked")
    MongoCollection<BsonDocument> collection(String id) {
        return get(id, MongoCollection.class);
    }

    BsonValue value(String id) {
        return get(id, BsonValue.class);
    }

    synchronized List<ClientEntity> clients() {
        return entities.values().stream().filter(ClientEntity.class::isInstance).map(ClientEntity.class::cast).toList();
    }

    @Override
    public synchronized void close() {
        List<Object> all = new ArrayList<>(entities.values());
        for (Object e : all) {
            quietly(() -> {
                if (e instanceof SessionEntity s) {
                    s.session().close();
                } else if (e instanceof CursorEntity c) {
                    c.cursor().close();
                }
            });
        }
        for (Object e : all) {
            if (e instanceof ClientEntity c) {
                quietly(c::close);
            }
        }
        entities.clear();
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // cleanup of an entity the test already broke; the test's own result stands
        }
    }
}
