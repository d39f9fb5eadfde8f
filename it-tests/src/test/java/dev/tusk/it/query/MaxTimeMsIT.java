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
