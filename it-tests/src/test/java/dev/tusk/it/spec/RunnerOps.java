package dev.tusk.it.spec;

import static dev.tusk.it.spec.Operations.Kind.RUNNER;

import com.mongodb.client.MongoClient;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Special test operations (object "testRunner"): fail points and assertions on server and session state. */
final class RunnerOps {
    private RunnerOps() {}

    static void register(Operations t) {
        t.add(RUNNER, "failPoint", (x, a, cx) -> {
            MongoClient client = cx.entities().client(a.string("client")).client();
            setFailPoint(client, a.doc("failPoint"), cx);
            return null;
        });
        t.add(RUNNER, "targetedFailPoint", (x, a, cx) -> {
            EntityMap.SessionEntity s = cx.entities().session(a.string("session"));
            // single node: the "pinned" server is the only one, reached through the session's client
            setFailPoint(s.client().client(), a.doc("failPoint"), cx);
            return null;
        });
        t.add(RUNNER, "assertCollectionExists", (x, a, cx) -> {
            assertTrue(collectionExists(cx, a), "collection should exist");
            return null;
        });
        t.add(RUNNER, "assertCollectionNotExists", (x, a, cx) -> {
            assertTrue(!collectionExists(cx, a), "collection should not exist");
            return null;
        });
        t.add(RUNNER, "assertIndexExists", (x, a, cx) -> {
            assertTrue(indexExists(cx, a), "index should exist");
            return null;
        });
        t.add(RUNNER, "assertIndexNotExists", (x, a, cx) -> {
            assertTrue(!indexExists(cx, a), "index should not exist");
            return null;
        });
        t.add(RUNNER, "assertSessionTransactionState", (x, a, cx) -> {
            String want = a.string("state");
            String got = SessionOps.transactionState(cx.entities().session(a.string("session")).session());
            assertTrue(want.equals(got), "transaction state is " + got + ", expected " + want);
            return null;
        });
        t.add(RUNNER, "assertSessionPinned", (x, a, cx) -> {
            assertTrue(cx.entities().session(a.string("session")).session().getPinnedServerAddress() != null,
                    "session should be pinned");
            return null;
        });
        t.add(RUNNER, "assertSessionUnpinned", (x, a, cx) -> {
            assertTrue(cx.entities().session(a.string("session")).session().getPinnedServerAddress() == null,
                    "session should be unpinned");
            return null;
        });
        t.add(RUNNER, "assertSessionDirty", (x, a, cx) -> {
            assertTrue(cx.entities().session(a.string("session")).session().getServerSession().isMarkedDirty(),
                    "session should be dirty");
            return null;
        });
        t.add(RUNNER, "assertSessionNotDirty", (x, a, cx) -> {
            assertTrue(!cx.entities().session(a.string("session")).session().getServerSession().isMarkedDirty(),
                    "session should not be dirty");
            return null;
        });
        t.add(RUNNER, "assertSameLsidOnLastTwoCommands", (x, a, cx) -> {
            BsonValue[] l = lastTwoLsids(cx.entities().client(a.string("client")));
            assertTrue(l[0].equals(l[1]), "lsids differ: " + l[0] + " / " + l[1]);
            return null;
        });
        t.add(RUNNER, "assertDifferentLsidOnLastTwoCommands", (x, a, cx) -> {
            BsonValue[] l = lastTwoLsids(cx.entities().client(a.string("client")));
            assertTrue(!l[0].equals(l[1]), "lsids are the same: " + l[0]);
            return null;
        });
        t.add(RUNNER, "assertNumberConnectionsCheckedOut", (x, a, cx) -> {
            int want = a.req("connections").asNumber().intValue();
            int got = cx.entities().client(a.string("client")).log().checkedOutConnections();
            assertTrue(want == got, got + " connections checked out, expected " + want);
            return null;
        });
        t.add(RUNNER, "createEntities", (x, a, cx) -> {
            cx.createEntities(a.docs("entities"));
            return null;
        });
        t.add(RUNNER, "wait", (x, a, cx) -> {
            Thread.sleep(a.req("ms").asNumber().longValue());
            return null;
        });
    }

    private static void setFailPoint(MongoClient client, BsonDocument command, OpContext cx) {
        client.getDatabase("admin").runCommand(command);
        cx.failPointSet(client, command.getString("configureFailPoint").getValue());
    }

    private static boolean collectionExists(OpContext cx, Args a) {
        String db = a.string("databaseName");
        String name = a.string("collectionName");
        return cx.internal().getDatabase(db).listCollectionNames().into(new ArrayList<>()).contains(name);
    }

    private static boolean indexExists(OpContext cx, Args a) {
        String db = a.string("databaseName");
        String coll = a.string("collectionName");
        String index = a.string("indexName");
        List<String> names = new ArrayList<>();
        cx.internal().getDatabase(db).getCollection(coll).listIndexes(BsonDocument.class)
                .forEach(i -> names.add(i.getString("name").getValue()));
        return names.contains(index);
    }

    private static BsonValue[] lastTwoLsids(ClientEntity client) {
        List<BsonDocument> started = client.log().startedCommands();
        assertTrue(started.size() >= 2, "fewer than two commands were started");
        BsonValue a = started.get(started.size() - 2).get("lsid");
        BsonValue b = started.get(started.size() - 1).get("lsid");
        assertTrue(a != null && b != null, "a command had no lsid");
        return new BsonValue[] {a, b};
    }

    private static void assertTrue(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
