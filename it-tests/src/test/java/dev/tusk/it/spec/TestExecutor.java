package dev.tusk.it.spec;

import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Runs one test case: initial data, entities, operations, expected events, outcome; then cleans
 * up (fail points off, sessions ended, clients closed, open transactions killed) whatever happened.
 */
final class TestExecutor implements OpContext {
    private record FailPoint(MongoClient client, String name) {}

    private final MongoClient internal;
    private final EntityFactory factory;
    private final EntityMap entities = new EntityMap();
    private final Matcher matcher = new Matcher(entities);
    private final List<FailPoint> failPoints = new ArrayList<>();
    private final Set<String> commandsSeen = new LinkedHashSet<>();
    private boolean transactions;

    TestExecutor(MongoClient internal, String uri) {
        this.internal = internal;
        this.factory = new EntityFactory(uri);
    }

    void run(TestCase tc) {
        boolean ok = false;
        try {
            loadInitialData(tc.file().initialData());
            factory.createAll(tc.file().createEntities(), entities);
            runOperations(tc.operations());
            entities.clients().forEach(c -> c.log().disable());
            disableFailPoints();
            EventExpectation.check(tc.expectEvents(), entities, matcher);
            checkOutcome(tc.outcome());
            ok = true;
        } finally {
            cleanUp(!ok);
        }
    }

    /** Commands the test's clients started, for the compatibility report. */
    Set<String> commandsSeen() {
        return commandsSeen;
    }

    /** Ends everything the test created; safe to call twice and from another thread (watchdog). */
    void cleanUp(boolean failed) {
        for (ClientEntity c : entities.clients()) {
            c.log().startedCommands().forEach(cmd -> commandsSeen.add(cmd.getFirstKey()));
        }
        disableFailPoints();
        entities.close();
        if (transactions || failed) {
            try {
                internal.getDatabase("admin").runCommand(new BsonDocument("killAllSessions", new BsonArray()));
            } catch (RuntimeException ignored) {
                // servers without killAllSessions: nothing more can be done
            }
        }
    }

    @Override
    public void runOperations(List<BsonDocument> operations) {
        for (BsonDocument op : operations) {
            runOperation(op);
        }
    }

    private void runOperation(BsonDocument op) {
        String name = op.getString("name").getValue();
        String object = op.getString("object").getValue();
        Object result = null;
        Exception error = null;
        try {
            result = Operations.instance().execute(object, name, op.getDocument("arguments", new BsonDocument()), this);
        } catch (RunnerException e) {
            throw e;
        } catch (Exception e) {
            error = e;
        }
        if (op.getBoolean("ignoreResultAndError", org.bson.BsonBoolean.FALSE).getValue()) {
            return;
        }
        if (op.containsKey("expectError")) {
            try {
                ErrorExpectation.check(op.getDocument("expectError"), error, matcher);
            } catch (AssertionError e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
            return;
        }
        if (error != null) {
            throw new AssertionError(name + " failed: " + error.getClass().getSimpleName() + ": " + error.getMessage(), error);
        }
        if (op.containsKey("expectResult")) {
            BsonValue actual = result instanceof BsonValue v ? v : null;
            try {
                matcher.assertResult(op.get("expectResult"), actual, Operations.ITERABLE_RESULTS.contains(name));
            } catch (AssertionError e) {
                throw new AssertionError(name + " result: " + e.getMessage(), e);
            }
        }
        if (op.containsKey("saveResultAsEntity")) {
            if (result == null) {
                throw new RunnerException(name + " returned nothing to save as an entity");
            }
            entities.put(op.getString("saveResultAsEntity").getValue(), result);
        }
    }

    private void loadInitialData(List<BsonDocument> data) {
        for (BsonDocument c : data) {
            MongoDatabase db = internal.getDatabase(c.getString("databaseName").getValue()).withWriteConcern(WriteConcern.MAJORITY);
            String name = c.getString("collectionName").getValue();
            db.getCollection(name).drop();
            List<BsonDocument> docs = SpecFile.docs(c.get("documents"));
            if (c.containsKey("createOptions")) {
                BsonDocument create = new BsonDocument("create", new BsonString(name));
                create.putAll(c.getDocument("createOptions"));
                create.put("writeConcern", new BsonDocument("w", new BsonString("majority")));
                db.runCommand(create);
            } else if (docs.isEmpty()) {
                db.createCollection(name);
            }
            if (!docs.isEmpty()) {
                db.getCollection(name, BsonDocument.class).insertMany(docs);
            }
        }
    }

    private void checkOutcome(List<BsonDocument> outcome) {
        for (BsonDocument c : outcome) {
            String ns = c.getString("databaseName").getValue() + "." + c.getString("collectionName").getValue();
            List<BsonDocument> expected = SpecFile.docs(c.get("documents"));
            List<BsonDocument> actual = internal.getDatabase(c.getString("databaseName").getValue())
                    .getCollection(c.getString("collectionName").getValue(), BsonDocument.class)
                    .withReadPreference(ReadPreference.primary()).withReadConcern(ReadConcern.LOCAL)
                    .find().sort(new BsonDocument("_id", new BsonInt32(1))).into(new ArrayList<>());
            boolean same = expected.size() == actual.size();
            for (int i = 0; same && i < expected.size(); i++) {
                same = Matcher.sameExactly(expected.get(i), actual.get(i));
            }
            if (!same) {
                throw new AssertionError("outcome of " + ns + ": expected " + Json.of(new BsonArray(expected))
                        + ", actual " + Json.of(new BsonArray(actual)));
            }
        }
    }

    private void disableFailPoints() {
        List<FailPoint> all;
        synchronized (failPoints) {
            all = new ArrayList<>(failPoints);
            failPoints.clear();
        }
        for (FailPoint fp : all) {
            try {
                internal.getDatabase("admin").runCommand(new BsonDocument("configureFailPoint", new BsonString(fp.name()))
                        .append("mode", new BsonString("off")));
            } catch (RuntimeException ignored) {
                // the server refused the fail point in the first place
            }
        }
    }

    @Override
    public EntityMap entities() {
        return entities;
    }

    @Override
    public MongoClient internal() {
        return internal;
    }

    @Override
    public void failPointSet(MongoClient client, String name) {
        synchronized (failPoints) {
            failPoints.add(new FailPoint(client, name));
        }
    }

    @Override
    public void createEntities(List<BsonDocument> specs) {
        factory.createAll(specs, entities);
    }

    @Override
    public void transactionsUsed() {
        transactions = true;
    }
}
