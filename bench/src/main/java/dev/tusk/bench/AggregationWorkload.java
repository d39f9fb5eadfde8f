package dev.tusk.bench;

import static com.mongodb.client.model.Accumulators.avg;
import static com.mongodb.client.model.Accumulators.sum;
import static com.mongodb.client.model.Aggregates.group;
import static com.mongodb.client.model.Aggregates.match;
import static com.mongodb.client.model.Filters.eq;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * $match (active: true, about half the collection) + $group by category (10 groups) with $sum
 * (count and an int field) and $avg (a double field). The limit: WHERE doc @> '{"active": true}'
 * GROUP BY. Both read every row: there is no index that could help a 50 % match.
 */
final class AggregationWorkload extends TimedWorkload {
    static final String SQL = "SELECT doc->>'category', count(*), sum((doc->>'amount')::bigint), avg((doc->>'score')::float8)"
            + " FROM " + Targets.LIMIT_TABLE + " WHERE doc @> '{\"active\": true}' GROUP BY 1";
    static final List<Bson> PIPELINE = List.of(
            match(eq("active", true)),
            group("$category", sum("n", 1), sum("total", "$amount"), avg("avgScore", "$score")));

    /** One group's figures. */
    record Group(long n, long total, double avgScore) {
        boolean sameAs(Group o) {
            return n == o.n && total == o.total && Math.abs(avgScore - o.avgScore) <= 1e-9 * Math.abs(avgScore);
        }
    }

    AggregationWorkload(int threads) {
        super("aggregate-" + threads, threads);
    }

    @Override
    public String title() {
        return "aggregate $match + $group ($sum/$avg), " + threadsLabel();
    }

    @Override
    public String tuskOperation() {
        return "aggregate([{$match: {active: true}}, {$group: {_id: '$category', n: {$sum: 1}, total: {$sum: '$amount'}, "
                + "avgScore: {$avg: '$score'}}}])";
    }

    @Override
    public String limitOperation() {
        return SQL;
    }

    @Override
    Operation operation(Side side, Targets t, SplittableRandom rnd) {
        return side == Side.TUSK ? () -> check(tusk(t), "tusk") : () -> check(limit(t), "limit");
    }

    private static void check(Map<String, Group> groups, String side) {
        if (groups.size() != DocumentGenerator.CATEGORIES) {
            throw new AssertionError(side + ": " + groups.size() + " groups");
        }
    }

    static Map<String, Group> tusk(Targets t) {
        Map<String, Group> out = new TreeMap<>();
        for (Document d : t.client.getDatabase(Targets.DATABASE).getCollection(Targets.COLLECTION).aggregate(PIPELINE)) {
            out.put(d.getString("_id"), new Group(((Number) d.get("n")).longValue(), ((Number) d.get("total")).longValue(),
                    ((Number) d.get("avgScore")).doubleValue()));
        }
        return out;
    }

    static Map<String, Group> limit(Targets t) throws Exception {
        Map<String, Group> out = new TreeMap<>();
        try (Connection c = t.limit.getConnection(); PreparedStatement ps = c.prepareStatement(SQL);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new Group(rs.getLong(2), rs.getLong(3), rs.getDouble(4)));
            }
        }
        return out;
    }

    @Override
    public Verification verify(Targets t) throws Exception {
        Map<String, Group> a = tusk(t);
        Map<String, Group> b = limit(t);
        if (!a.keySet().equals(b.keySet())) {
            return Verification.different("groups: tusk " + a.keySet() + " vs limit " + b.keySet());
        }
        long docs = 0;
        for (String k : a.keySet()) {
            if (!a.get(k).sameAs(b.get(k))) {
                return Verification.different("group " + k + ": tusk " + a.get(k) + " vs limit " + b.get(k));
            }
            docs += a.get(k).n();
        }
        return Verification.same(a.size() + " groups over " + docs + " documents: same counts and sums, averages within 1e-9");
    }
}
