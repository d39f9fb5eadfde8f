package dev.tusk.bench;

import java.util.SplittableRandom;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * YCSB-like documents of about 1 KB: strings, numbers, a date, a boolean, nested documents and
 * arrays. Document {@code i} depends only on the seed and {@code i}, so both sides (and every run
 * with the same seed) hold exactly the same data.
 *
 * <p>Fields the workloads rely on: {@code _id} ("user" + 10 digits), {@code price} (double, uniform
 * in [0, 1000): range query), {@code category} (one of {@value #CATEGORIES}), {@code active} (boolean,
 * ~50 %), {@code amount} (int 0..9999), {@code score} (double 0..100): aggregation; {@code field1}
 * (string, $set) and {@code counter} (int, $inc): updates. The range/aggregation fields are never updated.
 */
final class DocumentGenerator {
    static final int CATEGORIES = 10;
    static final double PRICE_MAX = 1000.0;
    static final int FIELD_LENGTH = 80;

    /** How the limit side stores a document: relaxed extended JSON, as a Java application would write it. */
    static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private static final long BASE_DATE = 1_577_836_800_000L; // 2020-01-01T00:00:00Z
    private static final long FOUR_YEARS_MS = 4L * 365 * 24 * 3600 * 1000;
    private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf",
        "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
        "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu"};
    private static final String[] CITIES = {"Amsterdam", "Berlin", "Chicago", "Dublin", "Lisbon", "Nairobi",
        "Osaka", "Paris", "Quito", "Toronto"};
    private static final String[] ACTIONS = {"created", "viewed", "ordered", "shipped", "returned"};

    private final long seed;

    DocumentGenerator(long seed) {
        this.seed = seed;
    }

    /** The `_id` of document {@code i}: fixed width, so string order is numeric order. */
    static String key(long i) {
        String digits = Long.toString(i);
        return "user" + "0".repeat(Math.max(0, 10 - digits.length())) + digits;
    }

    BsonDocument document(long i) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        BsonDocument d = new BsonDocument("_id", new BsonString(key(i)));
        d.put("name", new BsonString(word(r) + " " + word(r)));
        d.put("age", new BsonInt32(18 + r.nextInt(73)));
        d.put("active", BsonBoolean.valueOf(r.nextBoolean()));
        d.put("category", new BsonString("cat" + r.nextInt(CATEGORIES)));
        d.put("amount", new BsonInt32(r.nextInt(10_000)));
        d.put("price", new BsonDouble(r.nextDouble() * PRICE_MAX));
        d.put("score", new BsonDouble(r.nextDouble() * 100));
        d.put("counter", new BsonInt32(0));
        d.put("createdAt", new BsonDateTime(BASE_DATE + r.nextLong(FOUR_YEARS_MS)));
        BsonArray tags = new BsonArray();
        for (int t = 2 + r.nextInt(4); t > 0; t--) {
            tags.add(new BsonString(word(r)));
        }
        d.put("tags", tags);
        d.put("address", new BsonDocument("street", new BsonString((1 + r.nextInt(999)) + " " + word(r) + " street"))
                .append("city", new BsonString(CITIES[r.nextInt(CITIES.length)]))
                .append("zip", new BsonString(String.format("%05d", r.nextInt(100_000))))
                .append("geo", new BsonDocument("lat", new BsonDouble(r.nextDouble() * 180 - 90))
                        .append("lon", new BsonDouble(r.nextDouble() * 360 - 180))));
        BsonArray history = new BsonArray();
        for (int h = 2 + r.nextInt(2); h > 0; h--) {
            history.add(new BsonDocument("at", new BsonDateTime(BASE_DATE + r.nextLong(FOUR_YEARS_MS)))
                    .append("action", new BsonString(ACTIONS[r.nextInt(ACTIONS.length)]))
                    .append("qty", new BsonInt32(1 + r.nextInt(20))));
        }
        d.put("history", history);
        for (int f = 0; f < 6; f++) {
            d.put("field" + f, new BsonString(text(r, FIELD_LENGTH)));
        }
        return d;
    }

    /** A random string of lowercase letters, as the values YCSB writes. */
    static String text(SplittableRandom r, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = (char) ('a' + r.nextInt(26));
        }
        return new String(c);
    }

    private static String word(SplittableRandom r) {
        return WORDS[r.nextInt(WORDS.length)];
    }
}
