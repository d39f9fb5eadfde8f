package dev.tusk.it.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import dev.tusk.it.support.TuskTestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * maxTimeMS is enforced inside PostgreSQL (statement_timeout): a query blocked behind a table lock
 * held from SQL fails with 50 MaxTimeMSExpired instead of waiting.
 */
class MaxTimeMsIT {
    private final MongoCollection<Document> c = TuskTestServer.client().getDatabase("maxtime_it").getCollection("locked");

    @Test
    void blockedQueriesHitTheTimeLimit() throws Exception {
        c.drop();
        c.insertOne(new Document("_id", 1).append("a", 1));
        try (Connection sql = TuskTestServer.server().dataSource().getConnection()) {
            String table = qualifiedTable(sql);
            sql.setAutoCommit(false);
            try (Statement st = sql.createStatement()) {
                st.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            }
            MongoExecutionTimeoutException find = assertThrows(MongoExecutionTimeoutException.class,
                    () -> c.find(Filters.eq("a", 1)).maxTime(300, TimeUnit.MILLISECONDS).first());
            assertEquals(50, find.getCode());
            MongoExecutionTimeoutException count = assertThrows(MongoExecutionTimeoutException.class,
                    () -> c.countDocuments(Filters.eq("a", 1), new CountOptions().maxTime(300, TimeUnit.MILLISECONDS)));
            assertEquals(50, count.getCode());
            sql.rollback();
        }
        assertEquals(1, c.find(Filters.eq("a", 1)).maxTime(5, TimeUnit.SECONDS).into(new java.util.ArrayList<>()).size());
    }

    /** MongoDB 7.0's refusals of maxTimeMS values: codes and messages. */
    @Test
    void badValuesAreRefusedAsMongoDbRefusesThem() {
        var db = TuskTestServer.client().getDatabase("maxtime_it");
        record Case(Object value, int code, String message) {}
        for (Case k : java.util.List.of(
                new Case(1000.5, 2, "maxTimeMS has non-integral value"),
                new Case(-1123123, 51024, "BSON field 'maxTimeMS' value must be >= 0, actual value '-1123123'"),
                new Case(-14245345234123245.55, 51024, "BSON field 'maxTimeMS' value must be >= 0, actual value '-14245345234123246'"),
                new Case(Double.MAX_VALUE, 2, "9223372036854775807 value for maxTimeMS is out of range"),
                new Case(2147483648L, 2, "2147483648 value for maxTimeMS is out of range"),
                new Case(null, 2, "maxTimeMS must be a number"),
                new Case("string", 14, "BSON field 'aggregate.maxTimeMS' is the wrong type 'string', expected types '[long, int, decimal, double']"))) {
            Document command = new Document("aggregate", "locked").append("pipeline", java.util.List.of()).append("cursor", new Document())
                    .append("maxTimeMS", k.value());
            com.mongodb.MongoCommandException e = assertThrows(com.mongodb.MongoCommandException.class, () -> db.runCommand(command));
            assertEquals(k.code(), e.getErrorCode(), String.valueOf(k.value()));
            assertEquals(k.message(), e.getErrorMessage(), String.valueOf(k.value()));
        }
        assertEquals(1.0, db.runCommand(new Document("count", "locked").append("maxTimeMS", 2147483647)).get("ok", Number.class).doubleValue());
        assertEquals(1.0, db.runCommand(new Document("count", "locked").append("maxTimeMS", 500.0)).get("ok", Number.class).doubleValue());
    }

    private static String qualifiedTable(Connection sql) throws Exception {
        try (PreparedStatement st = sql.prepareStatement("""
                SELECT d.schema_name, c.table_name FROM tusk_catalog.collections c
                JOIN tusk_catalog.databases d ON d.name = c.db WHERE c.db = ? AND c.name = ?""")) {
            st.setString(1, "maxtime_it");
            st.setString(2, "locked");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return "\"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\"";
            }
        }
    }
}
