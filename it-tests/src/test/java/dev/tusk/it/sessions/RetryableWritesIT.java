package dev.tusk.it.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.it.support.RawWireClient;
import dev.tusk.it.support.TuskTestServer;
import java.util.List;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.Test;

/** A write retried with the same lsid + txnNumber is applied once, as the retryable-writes spec requires. */
class RetryableWritesIT {
    private static BsonDocument withSession(BsonDocument command, BsonDocument lsid, long txnNumber) {
        return command.append("$db", new BsonString("retry_it")).append("lsid", lsid)
                .append("txnNumber", new BsonInt64(txnNumber));
    }

    @Test
    void retriedInsertAndIncApplyOnce() throws Exception {
        BsonDocument lsid = new BsonDocument("id", new BsonBinary(UUID.randomUUID(), UuidRepresentation.STANDARD));
        try (RawWireClient wire = new RawWireClient(TuskTestServer.server().port())) {
            wire.command(new BsonDocument("drop", new BsonString("c")).append("$db", new BsonString("retry_it")));
            BsonDocument insert = new BsonDocument("insert", new BsonString("c"))
                    .append("documents", new BsonArray(List.of(new BsonDocument("_id", new BsonInt32(1)).append("n", new BsonInt32(0)))));
            BsonDocument first = wire.command(withSession(insert.clone(), lsid, 1));
            BsonDocument retry = wire.command(withSession(insert.clone(), lsid, 1));
            assertEquals(1, first.getInt32("n").getValue());
            assertEquals(1, retry.getInt32("n").getValue());
            assertTrue(!retry.containsKey("writeErrors"), "a retry must not report a duplicate key: " + retry.toJson());

            BsonDocument inc = new BsonDocument("update", new BsonString("c")).append("updates", new BsonArray(List.of(
                    new BsonDocument("q", new BsonDocument("_id", new BsonInt32(1)))
                            .append("u", new BsonDocument("$inc", new BsonDocument("n", new BsonInt32(1)))))));
            wire.command(withSession(inc.clone(), lsid, 2));
            wire.command(withSession(inc.clone(), lsid, 2));
            wire.command(withSession(inc.clone(), lsid, 3));
        }
        var doc = TuskTestServer.client().getDatabase("retry_it").getCollection("c").find().first();
        assertEquals(2, doc.getInteger("n"));
        assertEquals(1, TuskTestServer.client().getDatabase("retry_it").getCollection("c").countDocuments());
    }

    @Test
    void garbageClosesOnlyThatConnection() throws Exception {
        try (RawWireClient bad = new RawWireClient(TuskTestServer.server().port());
                RawWireClient good = new RawWireClient(TuskTestServer.server().port())) {
            bad.send(new byte[] {40, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, (byte) 0xd5, 7, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9,
                    9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
            assertTrue(bad.closedByServer());
            BsonDocument ping = good.command(new BsonDocument("ping", new BsonInt32(1)).append("$db", new BsonString("admin")));
            assertEquals(1.0, ping.getNumber("ok").doubleValue());
        }
    }
}
