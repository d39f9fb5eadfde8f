package dev.tusk.it.spec;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/** Short relaxed-JSON renderings of values for failure messages. */
final class Json {
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private static final int MAX = 600;

    private Json() {}

    static String of(BsonValue v) {
        String s = v.isDocument() ? v.asDocument().toJson(RELAXED)
                : new BsonDocument("v", v).toJson(RELAXED).replaceFirst("^\\{\"v\": ", "").replaceFirst("}$", "");
        return s.length() > MAX ? s.substring(0, MAX) + "…" : s;
    }
}
