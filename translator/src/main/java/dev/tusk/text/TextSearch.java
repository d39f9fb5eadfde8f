package dev.tusk.text;

import dev.tusk.error.ErrorCode;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** The argument of {@code $text}: {@code {$search, $language, $caseSensitive, $diacriticSensitive}}, validated. */
public record TextSearch(String search, Optional<TextLanguage> language, boolean caseSensitive, boolean diacriticSensitive) {

    public static TextSearch parse(BsonValue arg) {
        if (!arg.isDocument()) {
            throw ErrorCode.BAD_VALUE.error("$text expects an object");
        }
        String search = null;
        Optional<TextLanguage> language = Optional.empty();
        boolean caseSensitive = false;
        boolean diacriticSensitive = false;
        for (Map.Entry<String, BsonValue> e : arg.asDocument().entrySet()) {
            BsonValue v = e.getValue();
            switch (e.getKey()) {
                case "$search" -> {
                    if (!v.isString()) {
                        throw ErrorCode.BAD_VALUE.error("$search requires a string value");
                    }
                    search = v.asString().getValue();
                }
                case "$language" -> {
                    if (!v.isString()) {
                        throw ErrorCode.BAD_VALUE.error("$language requires a string value");
                    }
                    String name = v.asString().getValue();
                    language = Optional.of(TextLanguage.of(name).orElseThrow(() -> ErrorCode.BAD_VALUE.error(
                            "unsupported language: \"%s\" for text index version 3", name)));
                }
                case "$caseSensitive" -> caseSensitive = flag(e.getKey(), v);
                case "$diacriticSensitive" -> diacriticSensitive = flag(e.getKey(), v);
                default -> throw ErrorCode.BAD_VALUE.error("extra fields in $text");
            }
        }
        if (search == null) {
            throw ErrorCode.BAD_VALUE.error("$search required");
        }
        return new TextSearch(search, language, caseSensitive, diacriticSensitive);
    }

    private static boolean flag(String name, BsonValue v) {
        if (!v.isBoolean()) {
            throw ErrorCode.BAD_VALUE.error("%s requires a boolean value", name);
        }
        return v.asBoolean().getValue();
    }

    /** The search as the original {@code $text} argument (explain, error messages). */
    public BsonDocument toDocument() {
        BsonDocument out = new BsonDocument("$search", new org.bson.BsonString(search));
        language.ifPresent(l -> out.append("$language", new org.bson.BsonString(l.mongoName())));
        out.append("$caseSensitive", org.bson.BsonBoolean.valueOf(caseSensitive));
        out.append("$diacriticSensitive", org.bson.BsonBoolean.valueOf(diacriticSensitive));
        return out;
    }
}
