package dev.tusk.bench;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Sorts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bson.RawBsonDocument;

/**
 * A top-k without an index: the 10 highest scores of one category (no index on either field, so
 * both sides read every document of the collection and sort the category's matches).
 */
final class SortLimitWorkload extends TimedWorkload {
    static final int LIMIT = 10;
    static final String SQL = "SELECT id, doc FROM " + Targets.LIMIT_TABLE
            + " WHERE doc->>'category' = ? ORDER BY (doc->>'score')::float8 DESC LIMIT " + LIMIT;

    SortLimitWorkload(int threads) {
        super("sort-limit-" + threads, threads);
    }

    @Override
    public String title() {
        return "sort + limit " + LIMIT + " without an index, " + threadsLabel();
    }

    @Override
    public String tuskOperation() {
        return "find({category: c}).sort({score: -1}).limit(" + LIMIT + ")";
    }

    @Override
    public String limitOperation() {
        return SQL;
    }

    @Override
    Operation operation(Side side, Targets t, SplittableRandom rnd) {
        return side == Side.TUSK
                ? () -> requireFull(tuskIds(t, category(rnd)), "tusk")
                : () -> requireFull(limitIds(t, category(rnd)), "limit");
    }

    private static String category(SplittableRandom rnd) {
        return "cat" + rnd.nextInt(DocumentGenerator.CATEGORIES);
    }

    private static void requireFull(List<String> ids, String side) {
        if (ids.size() != LIMIT) {
            throw new AssertionError(side + ": " + ids.size() + " results instead of " + LIMIT);
        }
    }

    static List<String> tuskIds(Targets t, String category) {
        List<String> ids = new ArrayList<>(LIMIT);
        for (RawBsonDocument d : t.tusk.find(eq("category", category)).sort(Sorts.descending("score")).limit(LIMIT)) {
            ids.add(d.getString("_id").getValue());
        }
        return ids;
    }

    static List<String> limitIds(Targets t, String category) throws Exception {
        List<String> ids = new ArrayList<>(LIMIT);
        try (Connection c = t.limit.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setString(1, category);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** For 3 categories: the same 10 `_id`s in the same order on both sides. */
    @Override
    public Verification verify(Targets t) throws Exception {
        for (int c = 0; c < 3; c++) {
            String category = "cat" + c;
            List<String> a = tuskIds(t, category);
            List<String> b = limitIds(t, category);
            if (a.size() != LIMIT || !a.equals(b)) {
                return Verification.different(category + ": tusk " + a + " vs limit " + b);
            }
        }
        return Verification.same("3 categories: the same top " + LIMIT + " _ids in the same order on both sides");
    }
}
