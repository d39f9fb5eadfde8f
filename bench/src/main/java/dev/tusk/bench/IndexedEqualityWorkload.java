package dev.tusk.bench;

import static com.mongodb.client.model.Filters.eq;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bson.RawBsonDocument;

/**
 * A selective filter on an indexed field: price equal to the price of a random document (prices are
 * random doubles, so about one document matches). Both sides answer from their price index.
 */
final class IndexedEqualityWorkload extends TimedWorkload {
    static final String SQL = "SELECT id, doc FROM " + Targets.LIMIT_TABLE + " WHERE (doc->>'price')::float8 = ?";
    /** Prices looked up, taken from random documents before the timed phase. */
    private static final int PRICES = 4096;

    IndexedEqualityWorkload(int threads) {
        super("indexed-eq-" + threads, threads);
    }

    @Override
    public String title() {
        return "indexed equality (price = p, ~1 match), " + threadsLabel();
    }

    @Override
    public String tuskOperation() {
        return "find({price: p}) (all matches)";
    }

    @Override
    public String limitOperation() {
        return SQL;
    }

    @Override
    Operation operation(Side side, Targets t, SplittableRandom rnd) {
        double[] prices = new double[PRICES];
        for (int i = 0; i < PRICES; i++) {
            prices[i] = price(t, rnd.nextInt(t.config.docs()));
        }
        return side == Side.TUSK
                ? () -> requireSome(tuskIds(t, prices[rnd.nextInt(PRICES)]), "tusk")
                : () -> requireSome(limitIds(t, prices[rnd.nextInt(PRICES)]), "limit");
    }

    private static double price(Targets t, long i) {
        return t.generator.document(i).getDouble("price").getValue();
    }

    private static void requireSome(List<String> ids, String side) {
        if (ids.isEmpty()) {
            throw new AssertionError(side + ": no document with a price taken from an existing one");
        }
    }

    static List<String> tuskIds(Targets t, double price) {
        List<String> ids = new ArrayList<>(2);
        for (RawBsonDocument d : t.tusk.find(eq("price", price))) {
            ids.add(d.getString("_id").getValue());
        }
        return ids;
    }

    static List<String> limitIds(Targets t, double price) throws Exception {
        List<String> ids = new ArrayList<>(2);
        try (Connection c = t.limit.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setDouble(1, price);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    if (rs.getString(2) == null) {
                        throw new AssertionError("limit: null doc");
                    }
                }
            }
        }
        return ids;
    }

    /** For 5 random documents' prices: the same matching `_id`s on both sides. */
    @Override
    public Verification verify(Targets t) throws Exception {
        SplittableRandom rnd = new SplittableRandom(t.config.seed());
        for (int n = 0; n < 5; n++) {
            double p = price(t, rnd.nextInt(t.config.docs()));
            List<String> a = new ArrayList<>(tuskIds(t, p));
            List<String> b = new ArrayList<>(limitIds(t, p));
            a.sort(null);
            b.sort(null);
            if (a.isEmpty() || !a.equals(b)) {
                return Verification.different("price " + p + ": tusk " + a + " vs limit " + b);
            }
        }
        return Verification.same("5 prices of random documents: the same matching _ids on both sides");
    }
}
