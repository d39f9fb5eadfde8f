package dev.tusk.it.spec;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.BsonDocument;

/**
 * The operation table: (entity kind, operation name) → implementation, registered by the
 * families ({@link ReadOps}, {@link WriteOps}, {@link SchemaOps}, {@link SessionOps},
 * {@link CursorOps}, {@link GridFsOps}, {@link RunnerOps}). A name not in the table fails the test as
 * "unsupported operation".
 */
final class Operations {
    enum Kind { CLIENT, DATABASE, COLLECTION, SESSION, CURSOR, BUCKET, RUNNER }

    /** An operation; returns a BsonValue, an entity (cursor) or null for "no result". */
    @FunctionalInterface
    interface Op {
        Object run(Object target, Args args, OpContext cx) throws Exception;
    }

    /** Operations whose result is an iterable of documents, each matched as a root-level document. */
    static final Set<String> ITERABLE_RESULTS = Set.of("find", "aggregate", "listCollections", "listDatabases",
            "listIndexes", "listCollectionObjects", "listDatabaseObjects", "runCursorCommand", "listSearchIndexes");

    private static final Operations INSTANCE = new Operations();
    private final Map<String, Op> table = new TreeMap<>();

    private Operations() {
        ReadOps.register(this);
        WriteOps.register(this);
        SchemaOps.register(this);
        SearchIndexOps.register(this);
        SessionOps.register(this);
        CursorOps.register(this);
        GridFsOps.register(this);
        RunnerOps.register(this);
    }

    static Operations instance() {
        return INSTANCE;
    }

    void add(Kind kind, String name, Op op) {
        if (table.put(kind + ":" + name, op) != null) {
            throw new IllegalStateException("operation registered twice: " + kind + ":" + name);
        }
    }

    /** Runs {@code name} on the entity named {@code object} ("testRunner" for runner operations). */
    Object execute(String object, String name, BsonDocument arguments, OpContext cx) throws Exception {
        Object target = object.equals("testRunner") ? null : cx.entities().get(object);
        Kind kind = kindOf(target);
        Op op = table.get(kind + ":" + name);
        if (op == null) {
            throw new RunnerException("unsupported operation " + name + " on " + kind.name().toLowerCase());
        }
        Args args = new Args(name, arguments, cx.entities());
        // rawData is for servers >= 8.2; drivers leave it out below that, as this driver always does
        args.opt("rawData");
        try {
            return op.run(target, args, cx);
        } finally {
            args.checkAllUsed();
        }
    }

    private static Kind kindOf(Object target) {
        if (target == null) {
            return Kind.RUNNER;
        } else if (target instanceof ClientEntity) {
            return Kind.CLIENT;
        } else if (target instanceof MongoDatabase) {
            return Kind.DATABASE;
        } else if (target instanceof MongoCollection) {
            return Kind.COLLECTION;
        } else if (target instanceof EntityMap.SessionEntity) {
            return Kind.SESSION;
        } else if (target instanceof EntityMap.CursorEntity) {
            return Kind.CURSOR;
        } else if (target instanceof GridFSBucket) {
            return Kind.BUCKET;
        }
        throw new RunnerException("entity of type " + target.getClass().getSimpleName() + " has no operations");
    }
}
