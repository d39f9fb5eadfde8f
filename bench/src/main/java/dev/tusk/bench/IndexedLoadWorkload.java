package dev.tusk.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import java.util.List;
import org.bson.RawBsonDocument;

/**
 * Insert throughput against the number of secondary indexes: the load again, into a fresh
 * collection/table with no secondary index or with three (price: double, category: string,
 * amount: int). Each side gets the same indexes before its load; both are dropped afterwards.
 */
final class IndexedLoadWorkload implements Workload {
    private static final String COLLECTION = "load_indexed";
    private static final String TABLE = "bench_limit.load_indexed";
    private static final List<String> FIELDS = List.of("price", "category", "amount");
    private static final List<String> LIMIT_EXPRESSIONS = List.of("((doc->>'price')::float8)", "(doc->>'category')",
            "((doc->>'amount')::int)");

    private final int indexes;
    private long tuskCount = -1;
    private long limitCount = -1;

    IndexedLoadWorkload(int indexes) {
        this.indexes = indexes;
    }

    @Override
    public String id() {
        return "load-" + indexes + "idx";
    }

    @Override
    public String title() {
        return "load with " + indexes + " secondary index" + (indexes == 1 ? "" : "es");
    }

    @Override
    public String tuskOperation() {
        return "insertMany(<batch> docs) into a collection with indexes on " + FIELDS.subList(0, indexes);
    }

    @Override
    public String limitOperation() {
        return "batched INSERT into a table with btrees on " + LIMIT_EXPRESSIONS.subList(0, indexes);
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
        int docs = t.config.docs();
        if (side == Side.TUSK) {
            MongoCollection<RawBsonDocument> c = t.client.getDatabase(Targets.DATABASE).getCollection(COLLECTION, RawBsonDocument.class);
            c.drop();
            for (String field : FIELDS.subList(0, indexes)) {
                c.createIndex(Indexes.ascending(field));
            }
            SideResult r = LoadWorkload.load(side, t, docs, t.config.batchSize(), c, null);
            tuskCount = c.countDocuments();
            c.drop();
            return r;
        }
        t.sql("DROP TABLE IF EXISTS " + TABLE, "CREATE TABLE " + TABLE + " (id text COLLATE \"C\" PRIMARY KEY, doc jsonb NOT NULL)");
        for (int i = 0; i < indexes; i++) {
            t.sql("CREATE INDEX ON " + TABLE + " (" + LIMIT_EXPRESSIONS.get(i) + ")");
        }
        SideResult r = LoadWorkload.load(side, t, docs, t.config.batchSize(), null, TABLE);
        limitCount = t.queryLong("SELECT count(*) FROM " + TABLE);
        t.sql("DROP TABLE " + TABLE);
        return r;
    }

    /** Both sides loaded every document (counted before the drop). */
    @Override
    public Verification verify(Targets t) {
        if (tuskCount < 0 || limitCount < 0) {
            return Verification.notChecked("checked after the load");
        }
        return tuskCount == limitCount && tuskCount == t.config.docs()
                ? Verification.same("count " + tuskCount + " on both")
                : Verification.different("count: tusk " + tuskCount + ", limit " + limitCount);
    }
}
