package dev.tusk.bench;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.Sorts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;

/**
 * Range query on a numeric field, sorted, top 100: price in [lo, lo + {@value #WIDTH}) with lo a
 * random integer, so about 1 % of the collection matches and 100 of those are returned in price order.
 */
final class RangeQueryWorkload extends TimedWorkload {
    static final int WIDTH = 10;
    static final int LIMIT = 100;
    static final String SQL = "SELECT id, doc FROM " + Targets.LIMIT_TABLE
            + " WHERE (doc->>'price')::float8 >= ? AND (doc->>'price')::float8 < ?"
            + " ORDER BY (doc->>'price')::float8 LIMIT " + LIMIT;
    static final String COUNT_SQL = "SELECT count(*) FROM " + Targets.LIMIT_TABLE
            + " WHERE (doc->>'price')::float8 >= ? AND (doc->>'price')::float8 < ?";

    RangeQueryWorkload(int threads) {
        super("range-query-" + threads, threads);
    }

    @Override
    public String title() {
        return "range query + sort + limit " + LIMIT + ", " + threadsLabel();
    }

    @Override
    public String tuskOperation() {
        return "find({price: {$gte: lo, $lt: lo+" + WIDTH + "}}).sort({price: 1}).limit(" + LIMIT + ")";
    }

    @Override
    public String limitOperation() {
        return SQL;
    }

    @Override
    Operation operation(Side side, Targets t, SplittableRandom rnd) {
        int maxLo = (int) DocumentGenerator.PRICE_MAX - WIDTH;
        return side == Side.TUSK
                ? () -> requireSome(tuskIds(t, rnd.nextInt(maxLo + 1)).size(), "tusk")
                : () -> requireSome(limitIds(t, rnd.nextInt(maxLo + 1)).size(), "limit");
    }

    /** About 1 % of the collection matches: only a tiny collection returns fewer than LIMIT, none is wrong. */
    private static void requireSome(int got, String side) {
        if (got == 0) {
            throw new AssertionError(side + ": range query returned nothing");
        }
    }

    private static Bson filter(int lo) {
        return and(gte("price", lo), lt("price", lo + WIDTH));
    }

    static List<String> tuskIds(Targets t, int lo) {
        List<String> ids = new ArrayList<>(LIMIT);
        for (RawBsonDocument d : t.tusk.find(filter(lo)).sort(Sorts.ascending("price")).limit(LIMIT)) {
            ids.add(d.getString("_id").getValue());
        }
        return ids;
    }

    static List<String> limitIds(Targets t, int lo) throws Exception {
        List<String> ids = new ArrayList<>(LIMIT);
        try (Connection c = t.limit.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setInt(1, lo);
            ps.setInt(2, lo + WIDTH);
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

    private static long limitCount(Targets t, int lo) throws Exception {
        try (Connection c = t.limit.getConnection(); PreparedStatement ps = c.prepareStatement(COUNT_SQL)) {
            ps.setInt(1, lo);
            ps.setInt(2, lo + WIDTH);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** For a few ranges: the same number of matches, and the same 100 `_id`s in the same order. */
    @Override
    public Verification verify(Targets t) throws Exception {
        long matched = 0;
        for (int lo : new int[] {0, 250, 500, 750, (int) DocumentGenerator.PRICE_MAX - WIDTH}) {
            long tuskCount = t.tusk.countDocuments(filter(lo));
            long limitCount = limitCount(t, lo);
            if (tuskCount != limitCount) {
                return Verification.different("price in [" + lo + ", " + (lo + WIDTH) + "): tusk counts " + tuskCount
                        + ", limit " + limitCount);
            }
            List<String> a = tuskIds(t, lo);
            List<String> b = limitIds(t, lo);
            if (!a.equals(b)) {
                return Verification.different("price in [" + lo + ", " + (lo + WIDTH) + "): tusk " + a + " vs limit " + b);
            }
            matched += tuskCount;
        }
        return Verification.same("5 ranges: same match counts (" + matched + " in all) and the same "
                + LIMIT + " _ids in the same order");
    }
}
