package dev.tusk.text;

import org.bson.BsonValue;

/** Whether a projection, sort or pipeline asks for {@code {$meta: "textScore"}} anywhere. */
public final class TextScoreUse {
    private TextScoreUse() {}

    public static boolean in(BsonValue spec) {
        if (spec.isDocument()) {
            var doc = spec.asDocument();
            BsonValue meta = doc.get("$meta");
            if (meta != null && meta.isString() && meta.asString().getValue().equals("textScore")) {
                return true;
            }
            return doc.values().stream().anyMatch(TextScoreUse::in);
        }
        return spec.isArray() && spec.asArray().stream().anyMatch(TextScoreUse::in);
    }
}
