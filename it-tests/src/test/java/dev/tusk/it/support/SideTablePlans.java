package dev.tusk.it.support;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * What PostgreSQL does for a read: fresh statistics (ANALYZE), the b-tree indexes of a MongoDB index's
 * side table (from Tusk's catalog), and the indexes a plan in explain's `tusk` section scans.
 */
public final class SideTablePlans {
    private SideTablePlans() {}

    public static void analyze() {
        try (var sql = TuskTestServer.server().dataSource().getConnection(); var st = sql.createStatement()) {
            st.execute("ANALYZE");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** The PostgreSQL indexes on the side table of the MongoDB index {@code name}. */
    public static Set<String> btreesOf(String db, String collection, String name) {
        String query = "SELECT i.indexname FROM tusk_catalog.indexes c JOIN pg_indexes i ON i.tablename = c.pg_name "
                + "WHERE c.db = ? AND c.collection = ? AND c.name = ?";
        Set<String> out = new HashSet<>();
        try (var sql = TuskTestServer.server().dataSource().getConnection(); var st = sql.prepareStatement(query)) {
            st.setString(1, db);
            st.setString(2, collection);
            st.setString(3, name);
            try (var rows = st.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        if (out.isEmpty()) {
            throw new AssertionError("no side table for index " + name + " of " + db + "." + collection);
        }
        return out;
    }

    /** Fails unless the PostgreSQL plan in an explain reply scans a b-tree of the MongoDB index's side table. */
    public static void assertScansSideTable(Document explain, String db, String collection, String index, Object what) {
        Set<String> scanned = indexesScanned(explain);
        Set<String> sideTable = btreesOf(db, collection, index);
        if (java.util.Collections.disjoint(scanned, sideTable)) {
            throw new AssertionError(what + ": PostgreSQL scans " + scanned + ", not the side table's " + sideTable + ": " + explain.get("tusk"));
        }
    }

    /**
     * Fails unless the PostgreSQL plan reads the MongoDB index's side table: through one of its b-trees, or
     * all of it in a sequential scan (a read of every key, as for {@code $exists: true} on a sparse index).
     */
    public static void assertReadsSideTable(Document explain, String db, String collection, String index, Object what) {
        Set<String> read = indexesScanned(explain);
        relationsRead(explain, read);
        Set<String> sideTable = btreesOf(db, collection, index);
        sideTable.add(sideTableOf(db, collection, index));
        if (java.util.Collections.disjoint(read, sideTable)) {
            throw new AssertionError(what + ": PostgreSQL reads " + read + ", not the side table " + sideTable + ": " + explain.get("tusk"));
        }
    }

    private static String sideTableOf(String db, String collection, String name) {
        String query = "SELECT pg_name FROM tusk_catalog.indexes WHERE db = ? AND collection = ? AND name = ?";
        try (var sql = TuskTestServer.server().dataSource().getConnection(); var st = sql.prepareStatement(query)) {
            st.setString(1, db);
            st.setString(2, collection);
            st.setString(3, name);
            try (var rows = st.executeQuery()) {
                if (!rows.next()) {
                    throw new AssertionError("no side table for index " + name + " of " + db + "." + collection);
                }
                return rows.getString(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void relationsRead(Document explain, Set<String> out) {
        for (Document root : explain.get("tusk", Document.class).getList("postgresPlan", Document.class)) {
            collectRelations(root.get("Plan", Document.class), out);
        }
    }

    private static void collectRelations(Document node, Set<String> out) {
        if (node.containsKey("Relation Name")) {
            out.add(node.getString("Relation Name"));
        }
        for (Document child : node.getList("Plans", Document.class, List.of())) {
            collectRelations(child, out);
        }
    }

    /** Every index a node of the PostgreSQL plan in an explain reply's `tusk` section scans. */
    public static Set<String> indexesScanned(Document explain) {
        Set<String> out = new HashSet<>();
        for (Document root : explain.get("tusk", Document.class).getList("postgresPlan", Document.class)) {
            collect(root.get("Plan", Document.class), out);
        }
        return out;
    }

    private static void collect(Document node, Set<String> out) {
        if (node.containsKey("Index Name")) {
            out.add(node.getString("Index Name"));
        }
        for (Document child : node.getList("Plans", Document.class, List.of())) {
            collect(child, out);
        }
    }
}
