package dev.tusk.bench;

import com.mongodb.client.MongoCollection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * Load: {@code --docs} documents in batches of {@code --batch}, one thread. Tusk gets insertMany of
 * pre-encoded documents; the limit a batched PreparedStatement (rewritten by pgjdbc into multi-row
 * INSERTs, as Tusk's own pool does) committed once per batch. Generating and encoding a batch is not
 * timed; latencies are per batch, throughput in documents per second. Before the measured load, each
 * side loads a few batches into a scratch collection/table (dropped) to warm the JIT.
 */
final class LoadWorkload implements Workload {
    private static final String INSERT = "INSERT INTO %s (id, doc) VALUES (?, ?::jsonb)";

    @Override
    public String id() {
        return "load";
    }

    @Override
    public String title() {
        return "load (insertMany, batches)";
    }

    @Override
    public String tuskOperation() {
        return "insertMany(<batch> docs)";
    }

    @Override
    public String limitOperation() {
        return INSERT.formatted(Targets.LIMIT_TABLE) + " x batch, one transaction (reWriteBatchedInserts)";
    }

    @Override
    public int threads() {
        return 1;
    }

    @Override
    public String unit() {
        return "docs";
    }

    @Override
    public SideResult run(Side side, Targets t) throws Exception {
        int batch = t.config.batchSize();
        int warmDocs = Math.min(t.config.docs(), 10 * batch);
        if (side == Side.TUSK) {
            MongoCollection<RawBsonDocument> scratch = t.client.getDatabase(Targets.DATABASE)
                    .getCollection("warmup", RawBsonDocument.class);
            load(side, t, warmDocs, batch, scratch, null);
            scratch.drop();
            return load(side, t, t.config.docs(), batch, t.tusk, null);
        }
        t.sql("CREATE TABLE bench_limit.warmup (id text COLLATE \"C\" PRIMARY KEY, doc jsonb NOT NULL)");
        load(side, t, warmDocs, batch, null, "bench_limit.warmup");
        t.sql("DROP TABLE bench_limit.warmup");
        return load(side, t, t.config.docs(), batch, null, Targets.LIMIT_TABLE);
    }

    static SideResult load(Side side, Targets t, int docs, int batch,
            MongoCollection<RawBsonDocument> collection, String table) throws Exception {
        LatencyRecorder latency = new LatencyRecorder();
        long timed = 0;
        BsonDocumentCodec codec = new BsonDocumentCodec();
        for (int from = 0; from < docs; from += batch) {
            int to = Math.min(docs, from + batch);
            List<BsonDocument> generated = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                generated.add(t.generator.document(i));
            }
            long t0;
            if (side == Side.TUSK) {
                List<RawBsonDocument> raw = new ArrayList<>(generated.size());
                generated.forEach(d -> raw.add(new RawBsonDocument(d, codec)));
                t0 = System.nanoTime();
                collection.insertMany(raw);
            } else {
                List<String> json = new ArrayList<>(generated.size());
                generated.forEach(d -> json.add(d.toJson(DocumentGenerator.JSON)));
                t0 = System.nanoTime();
                insertRows(t, table, generated, json);
            }
            long took = System.nanoTime() - t0;
            latency.record(took);
            timed += took;
        }
        return new SideResult(side, docs, 0, timed, latency);
    }

    private static void insertRows(Targets t, String table, List<BsonDocument> docs, List<String> json) throws Exception {
        try (Connection c = t.limit.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT.formatted(table))) {
                for (int i = 0; i < docs.size(); i++) {
                    ps.setString(1, docs.get(i).getString("_id").getValue());
                    ps.setString(2, json.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Same count on both sides, and the same documents at a few positions. */
    @Override
    public Verification verify(Targets t) throws Exception {
        long tusk = t.tusk.countDocuments();
        long limit = t.queryLong("SELECT count(*) FROM " + Targets.LIMIT_TABLE);
        if (tusk != limit || tusk != t.config.docs()) {
            return Verification.different("count: tusk " + tusk + ", limit " + limit + ", expected " + t.config.docs());
        }
        int n = t.config.docs();
        for (long i : new long[] {0, n / 3, n / 2, n - 1}) {
            Optional<String> diff = Documents.difference(t, DocumentGenerator.key(i));
            if (diff.isPresent()) {
                return Verification.different(diff.get());
            }
        }
        return Verification.same("count " + tusk + " on both; 4 sampled documents equal field by field");
    }
}
