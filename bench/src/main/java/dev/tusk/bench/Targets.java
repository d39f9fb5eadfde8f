package dev.tusk.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.bson.RawBsonDocument;

/**
 * The two things being compared, on one PostgreSQL: Tusk's collection {@code bench.docs} reached
 * through one MongoClient, and the limit's table {@code bench_limit.docs (id text PRIMARY KEY, doc jsonb)}
 * reached through HikariCP with Tusk's pool size. Also a plain connection pool for the bench's own
 * bookkeeping (counts, sizes, VACUUM), which never touches Tusk's data.
 */
final class Targets implements AutoCloseable {
    static final String DATABASE = "bench";
    static final String COLLECTION = "docs";
    static final String LIMIT_TABLE = "bench_limit.docs";
    static final String LIMIT_PRICE_INDEX = "docs_price_idx";

    final MongoClient client;
    final MongoCollection<RawBsonDocument> tusk;
    final HikariDataSource limit;
    final DocumentGenerator generator;
    final BenchConfig config;
    private String indexNote = "";
    private boolean secondaryIndex;

    private Targets(MongoClient client, HikariDataSource limit, BenchConfig config) {
        this.client = client;
        this.tusk = client.getDatabase(DATABASE).getCollection(COLLECTION, RawBsonDocument.class);
        this.limit = limit;
        this.config = config;
        this.generator = new DocumentGenerator(config.seed());
    }

    static Targets open(String mongoUri, String jdbcUrl, int poolSize, BenchConfig config) {
        int mongoPool = Math.max(config.threads(), poolSize);
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongoUri))
                .applyToClusterSettings(b -> b.mode(com.mongodb.connection.ClusterConnectionMode.SINGLE))
                .applyToConnectionPoolSettings(b -> b.maxSize(mongoPool).minSize(Math.min(config.threads(), mongoPool)))
                .build());
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(Math.min(config.threads(), poolSize));
        hc.setPoolName("limit");
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        hc.addDataSourceProperty("ApplicationName", "tusk-bench-limit");
        return new Targets(client, new HikariDataSource(hc), config);
    }

    /** Creates the collection and the table, and the secondary index on price wherever Tusk really has one. */
    void create() throws SQLException {
        MongoDatabase db = client.getDatabase(DATABASE);
        db.getCollection(COLLECTION).drop();
        db.createCollection(COLLECTION);
        sql("DROP SCHEMA IF EXISTS bench_limit CASCADE", "CREATE SCHEMA bench_limit",
                "CREATE TABLE " + LIMIT_TABLE + " (id text COLLATE \"C\" PRIMARY KEY, doc jsonb NOT NULL)");
        try {
            db.getCollection(COLLECTION).createIndex(Indexes.ascending("price"));
        } catch (MongoCommandException e) {
            indexNote = "no secondary index on either side: Tusk answered createIndexes with " + e.getErrorCodeName()
                    + " (" + e.getErrorCode() + ")";
            return;
        }
        List<String> pgObjects = tuskIndexObjects();
        if (pgObjects.isEmpty()) {
            indexNote = "no secondary index on either side: Tusk accepted createIndexes({price: 1}) but no PostgreSQL "
                    + "index or index table backs it";
            return;
        }
        secondaryIndex = true;
        sql("CREATE INDEX " + LIMIT_PRICE_INDEX + " ON " + LIMIT_TABLE + " (((doc->>'price')::float8))");
        indexNote = "index on price on both sides: Tusk's is " + pgObjects + "; the limit has a btree on "
                + "((doc->>'price')::float8)";
    }

    boolean secondaryIndex() {
        return secondaryIndex;
    }

    String indexNote() {
        return indexNote;
    }

    /** Tusk's table for the collection, from its catalog (read only). */
    String tuskTable() throws SQLException {
        try (Connection c = limit.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT quote_ident(d.schema_name) || '.' || quote_ident(c.table_name)
                       FROM tusk_catalog.collections c JOIN tusk_catalog.databases d ON d.name = c.db
                      WHERE c.db = ? AND c.name = ?""")) {
            ps.setString(1, DATABASE);
            ps.setString(2, COLLECTION);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("Tusk's catalog has no " + DATABASE + "." + COLLECTION);
                }
                return rs.getString(1);
            }
        }
    }

    /**
     * The PostgreSQL objects behind Tusk's secondary indexes on the collection (read from its catalog
     * and pg_class, never changed): an index on the collection table, or a side table per index.
     */
    private List<String> tuskIndexObjects() throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = limit.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT i.indexrelid::regclass::text FROM pg_index i
                     WHERE i.indrelid = ?::regclass AND NOT i.indisprimary""")) {
                ps.setString(1, tuskTable());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT to_regclass(quote_ident(d.schema_name) || '.' || quote_ident(i.pg_name))::text
                      FROM tusk_catalog.indexes i JOIN tusk_catalog.databases d ON d.name = i.db
                     WHERE i.db = ? AND i.collection = ? AND i.name <> '_id_'""")) {
                ps.setString(1, DATABASE);
                ps.setString(2, COLLECTION);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1) != null && !found.contains(rs.getString(1))) {
                            found.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Total size (heap + TOAST + indexes) of a table, in bytes. */
    long tableBytes(String table) throws SQLException {
        return queryLong("SELECT pg_total_relation_size('" + table + "'::regclass)");
    }

    long queryLong(String sql) throws SQLException {
        try (Connection c = limit.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    String queryString(String sql) throws SQLException {
        try (Connection c = limit.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    void sql(String... statements) throws SQLException {
        try (Connection c = limit.getConnection(); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    @Override
    public void close() {
        client.close();
        limit.close();
    }
}
