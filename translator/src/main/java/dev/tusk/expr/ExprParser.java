package dev.tusk.expr;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Parses BSON into an {@link Expr}: {@code "$path"} and {@code "$$var.path"} strings, operator
 * documents (exactly one {@code $}-field, looked up in {@link ExprOperators}), documents and
 * arrays of expressions, and constants.
 */
public final class ExprParser {
    private static final List<String> SYSTEM_VARIABLES = List.of("CURRENT", "ROOT", "REMOVE", "NOW", "CLUSTER_TIME");

    private ExprParser() {}

    public static Expr parse(BsonValue v, ParseContext cx) {
        if (v instanceof BsonString s && s.getValue().startsWith("$")) {
            return fieldRef(s.getValue(), cx);
        }
        if (v instanceof BsonDocument d) {
            return document(d, cx);
        }
        if (v instanceof BsonArray a) {
            List<Expr> elements = new ArrayList<>(a.size());
            for (BsonValue e : a) {
                elements.add(parse(e, cx));
            }
            return new Expr.ArrayExpr(elements);
        }
        return new Expr.Constant(v);
    }

    /** Parses with the default context (no user variables, $$NOW = now). */
    /** Whether an expression reads the document ($path, $$ROOT, $$CURRENT) and so is not constant. */
    public static boolean readsDocument(BsonValue v) {
        if (v.isString()) {
            String s = v.asString().getValue();
            return s.startsWith("$") && (!s.startsWith("$$") || s.startsWith("$$ROOT") || s.startsWith("$$CURRENT"));
        }
        if (v.isDocument()) {
            BsonDocument d = v.asDocument();
            return !d.containsKey("$literal") && d.values().stream().anyMatch(ExprParser::readsDocument);
        }
        return v.isArray() && v.asArray().stream().anyMatch(ExprParser::readsDocument);
    }

    public static Expr parse(BsonValue v) {
        return parse(v, ParseContext.defaults());
    }

    private static Expr document(BsonDocument d, ParseContext cx) {
        if (!d.isEmpty() && d.getFirstKey().startsWith("$")) {
            if (d.size() != 1) {
                throw ErrorCode.LOCATION_15983.error("An object representing an expression must have exactly one field: "
                        + BsonText.value(d));
            }
            String name = d.getFirstKey();
            return ExprOperators.parse(name, d.get(name), cx);
        }
        List<Map.Entry<String, Expr>> fields = new ArrayList<>();
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            validateFieldName(e.getKey());
            fields.add(new SimpleImmutableEntry<>(e.getKey(), parse(e.getValue(), cx)));
        }
        return new Expr.DocumentExpr(fields);
    }

    /** A field name in an expression object or a computed projection ({@code $} and {@code .} are not allowed). */
    static void validateFieldName(String name) {
        if (name.isEmpty()) {
            throw ErrorCode.LOCATION_16412.error("FieldPath cannot be constructed with empty string");
        }
        if (name.startsWith("$")) {
            throw ErrorCode.LOCATION_16410.error("FieldPath field names may not start with '$'. Consider using $getField or $setField.");
        }
        if (name.contains(".")) {
            throw ErrorCode.LOCATION_16412.error("FieldPath field names may not contain '.'. Consider using $getField or $setField.");
        }
    }

    private static Expr fieldRef(String text, ParseContext cx) {
        if (text.startsWith("$$")) {
            String[] parts = text.substring(2).split("\\.", -1);
            String name = parts[0];
            checkPathParts(parts, 1);
            // a bound name was validated when bound, or is a stage's own ($redact's $$KEEP)
            if (!SYSTEM_VARIABLES.contains(name) && !cx.isDefined(name)) {
                validateVariableName(name, true);
                throw ErrorCode.LOCATION_17276.error("Use of undefined variable: " + name);
            }
            return new Expr.FieldRef(name, Arrays.asList(parts).subList(1, parts.length));
        }
        if (text.length() == 1) {
            throw ErrorCode.LOCATION_16872.error("'$' by itself is not a valid FieldPath");
        }
        String[] parts = text.substring(1).split("\\.", -1);
        checkPathParts(parts, 0);
        return new Expr.FieldRef("CURRENT", Arrays.asList(parts));
    }

    private static void checkPathParts(String[] parts, int from) {
        for (int i = from; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                throw ErrorCode.LOCATION_15998.error("FieldPath field names may not be empty strings.");
            }
            if (parts[i].startsWith("$")) {
                throw ErrorCode.LOCATION_16410.error("FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }
        }
    }

    /** A user variable name: a lower-case letter or non-ASCII first, then letters, digits, '_' or non-ASCII. */
    public static void validateVariableName(String name) {
        validateVariableName(name, false);
    }

    private static void validateVariableName(String name, boolean reference) {
        if (name.isEmpty()) {
            throw ErrorCode.LOCATION_16866.error("empty variable names are not allowed");
        }
        char first = name.charAt(0);
        // a read may start upper-case (MongoDB's validateNameForUserRead): $$FOO is then 17276, not 16870
        if (!(first >= 'a' && first <= 'z') && !(reference && first >= 'A' && first <= 'Z') && first < 0x80) {
            throw ErrorCode.LOCATION_16870.error("'%s' starts with an invalid character for a user variable name", name);
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '_' && c < 0x80) {
                throw ErrorCode.LOCATION_16871.error("'%s' contains an invalid character for a variable name: '%c'", name, c);
            }
        }
    }
}
