package dev.tusk.sql;

import dev.tusk.bson.FieldPath;
import dev.tusk.storage.QueryForm;

/**
 * SQL/JSON path text over the query form: paths ({@code $."a"."b"}) and literals, escaped per
 * PostgreSQL's jsonpath grammar. Field names are written as stored ({@link QueryForm#storedName}).
 */
final class JsonPathText {
    private JsonPathText() {}

    /**
     * The lax path a field path reaches. A numeric component ({@code a.0.b}) can be an array index or
     * a field named "0", so it becomes {@code .**} (any descendant, the current level included): a
     * superset that callers must not treat as exact.
     */
    static String path(FieldPath path) {
        StringBuilder sb = new StringBuilder("$");
        for (String part : path.parts()) {
            if (FieldPath.isIndex(part)) {
                sb.append(".**");
            } else {
                sb.append('.');
                string(sb, QueryForm.storedName(part));
            }
        }
        return sb.toString();
    }

    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        string(sb, s);
        return sb.toString();
    }

    /** A jsonpath string literal of s as stored (U+0000 mapped, see QueryForm). */
    static void string(StringBuilder sb, String s) {
        String stored = QueryForm.storedString(s);
        sb.append('"');
        for (int i = 0; i < stored.length(); i++) {
            char c = stored.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !paired(stored, i)) {
                        sb.append(String.format("\\u%04x", Character.isSurrogate(c) ? 0xfffd : (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean paired(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c)
                ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** {@code @.type() == "object" && @."$marker" op literal}: the guard stops lax unwrapping of nested arrays. */
    static String marker(String marker, String op, String literal) {
        return "(@.type() == \"object\" && @." + string(marker) + " " + op + " " + literal + ")";
    }

    static String markerExists(String marker) {
        return "(@.type() == \"object\" && exists(@." + string(marker) + "))";
    }

    static String typed(String jsonType, String op, String literal) {
        return "(@.type() == \"" + jsonType + "\" && @ " + op + " " + literal + ")";
    }
}
