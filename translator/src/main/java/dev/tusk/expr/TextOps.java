package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import dev.tusk.query.PcreSyntax;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonValue;

/** $trim $ltrim $rtrim $regexMatch $regexFind $regexFindAll $replaceOne $replaceAll: the named-argument string operators. */
final class TextOps {
    private static final String WHITESPACE = "\u0000 \t\n\u000B\f\r\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A";

    private TextOps() {}

    static Expr trim(String name, BsonValue arg, ParseContext cx) {
        return trimOp(name, arg, cx, true, true);
    }

    static Expr ltrim(String name, BsonValue arg, ParseContext cx) {
        return trimOp(name, arg, cx, true, false);
    }

    static Expr rtrim(String name, BsonValue arg, ParseContext cx) {
        return trimOp(name, arg, cx, false, true);
    }

    private static Expr trimOp(String name, BsonValue arg, ParseContext cx, boolean left, boolean right) {
        if (!(arg instanceof BsonDocument d)) {
            throw ErrorCode.LOCATION_50696.error("%s only supports an object as an argument, found %s", name, Values.typeName(arg));
        }
        for (String k : d.keySet()) {
            if (!k.equals("input") && !k.equals("chars")) {
                throw ErrorCode.LOCATION_50694.error("%s found an unknown argument: %s", name, k);
            }
        }
        Args.require(d, "input", ErrorCode.LOCATION_50695, name + " requires an 'input' field");
        Expr input = ExprParser.parse(d.get("input"), cx);
        Expr chars = d.containsKey("chars") ? ExprParser.parse(d.get("chars"), cx) : new Expr.Constant(BsonNull.VALUE);
        return Args.eager(name, List.of(input, chars), v -> {
            BsonValue in = v.get(0);
            if (Values.nullish(in)) {
                return BsonNull.VALUE;
            }
            if (!in.isString()) {
                throw ErrorCode.LOCATION_50699.error("%s requires its input to be a string, got %s (of type %s) instead.",
                        name, Values.text(in), Values.typeName(in));
            }
            String set = WHITESPACE;
            if (d.containsKey("chars")) {
                BsonValue c = v.get(1);
                if (Values.nullish(c)) {
                    return BsonNull.VALUE;
                }
                if (!c.isString()) {
                    throw ErrorCode.LOCATION_50700.error("%s requires 'chars' to be a string, got %s (of type %s) instead.",
                            name, Values.text(c), Values.typeName(c));
                }
                set = c.asString().getValue();
            }
            int[] cps = in.asString().getValue().codePoints().toArray();
            int[] trim = set.codePoints().toArray();
            int from = 0;
            int to = cps.length;
            while (left && from < to && contains(trim, cps[from])) {
                from++;
            }
            while (right && to > from && contains(trim, cps[to - 1])) {
                to--;
            }
            return new BsonString(new String(cps, from, to - from));
        });
    }

    private static boolean contains(int[] set, int cp) {
        for (int c : set) {
            if (c == cp) {
                return true;
            }
        }
        return false;
    }

    private enum RegexMode { MATCH, FIND, FIND_ALL }

    static Expr regexMatch(String name, BsonValue arg, ParseContext cx) {
        return regex(name, arg, cx, RegexMode.MATCH);
    }

    static Expr regexFind(String name, BsonValue arg, ParseContext cx) {
        return regex(name, arg, cx, RegexMode.FIND);
    }

    static Expr regexFindAll(String name, BsonValue arg, ParseContext cx) {
        return regex(name, arg, cx, RegexMode.FIND_ALL);
    }

    private static Expr regex(String name, BsonValue arg, ParseContext cx, RegexMode mode) {
        if (!(arg instanceof BsonDocument d)) {
            throw ErrorCode.LOCATION_51103.error("%s expects an object of named arguments but found: %s", name, Values.typeName(arg));
        }
        for (String k : d.keySet()) {
            if (!k.equals("input") && !k.equals("regex") && !k.equals("options")) {
                throw ErrorCode.LOCATION_31024.error("%s found an unknown argument: %s", name, k);
            }
        }
        Args.require(d, "input", ErrorCode.LOCATION_31022, name + " requires 'input' parameter");
        Args.require(d, "regex", ErrorCode.LOCATION_31023, name + " requires 'regex' parameter");
        Expr options = d.containsKey("options") ? ExprParser.parse(d.get("options"), cx) : new Expr.Constant(BsonNull.VALUE);
        List<Expr> args = List.of(ExprParser.parse(d.get("input"), cx), ExprParser.parse(d.get("regex"), cx), options);
        return Args.eager(name, args, v -> {
            BsonValue input = v.get(0);
            BsonValue regex = v.get(1);
            BsonValue opts = v.get(2);
            String pattern;
            String flags = "";
            if (!Values.nullish(opts)) {
                if (!opts.isString()) {
                    throw ErrorCode.LOCATION_51106.error("%s needs 'options' to be of type string", name);
                }
                flags = opts.asString().getValue();
            }
            if (Values.nullish(regex)) {
                pattern = null;
            } else if (regex instanceof BsonRegularExpression r) {
                if (!r.getOptions().isEmpty() && !flags.isEmpty()) {
                    throw ErrorCode.LOCATION_51107.error("%s: found regex option(s) specified in both 'regex' and 'option' fields", name);
                }
                pattern = r.getPattern();
                flags = flags.isEmpty() ? r.getOptions() : flags;
            } else if (regex.isString()) {
                pattern = regex.asString().getValue();
            } else {
                throw ErrorCode.LOCATION_51105.error("%s needs 'regex' to be of type string or regex", name);
            }
            if (!Values.nullish(input) && !input.isString()) {
                throw ErrorCode.LOCATION_51104.error("%s needs 'input' to be of type string", name);
            }
            if (pattern == null || Values.nullish(input)) {
                return switch (mode) {
                    case MATCH -> Values.FALSE;
                    case FIND -> BsonNull.VALUE;
                    case FIND_ALL -> new BsonArray();
                };
            }
            Pattern p = compile(name, pattern, flags);
            String s = input.asString().getValue();
            Matcher m = p.matcher(s);
            return switch (mode) {
                case MATCH -> Values.bool(m.find());
                case FIND -> m.find() ? matchDocument(s, m) : BsonNull.VALUE;
                case FIND_ALL -> {
                    BsonArray all = new BsonArray();
                    int from = 0;
                    while (from <= s.length() && m.find(from)) {
                        all.add(matchDocument(s, m));
                        if (m.end() > m.start()) {
                            from = m.end();
                        } else if (m.end() < s.length()) {
                            from = s.offsetByCodePoints(m.end(), 1);
                        } else {
                            break;
                        }
                    }
                    yield all;
                }
            };
        });
    }

    private static BsonDocument matchDocument(String s, Matcher m) {
        BsonArray captures = new BsonArray();
        for (int g = 1; g <= m.groupCount(); g++) {
            captures.add(m.group(g) == null ? BsonNull.VALUE : new BsonString(m.group(g)));
        }
        return new BsonDocument("match", new BsonString(m.group()))
                .append("idx", new BsonInt32(s.codePointCount(0, m.start())))
                .append("captures", captures);
    }

    static Pattern compile(String name, String pattern, String options) {
        if (pattern.indexOf('\0') >= 0) {
            throw ErrorCode.LOCATION_51109.error("%s: regular expression cannot contain an embedded null byte", name);
        }
        int flags = Pattern.UNIX_LINES;
        for (char c : options.toCharArray()) {
            flags |= switch (c) {
                case 'i' -> Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                case 'x' -> Pattern.COMMENTS;
                case 'u' -> 0;
                default -> throw ErrorCode.LOCATION_51108.error("%s invalid flag in regex options: %c", name, c);
            };
        }
        try {
            return Pattern.compile(PcreSyntax.toJava(pattern), flags);
        } catch (PatternSyntaxException e) {
            throw ErrorCode.LOCATION_51111.error("Invalid Regex in %s: %s", name, e.getDescription());
        }
    }

    static Expr replaceOne(String name, BsonValue arg, ParseContext cx) {
        return replace(name, arg, cx, false);
    }

    static Expr replaceAll(String name, BsonValue arg, ParseContext cx) {
        return replace(name, arg, cx, true);
    }

    private static Expr replace(String name, BsonValue arg, ParseContext cx, boolean all) {
        if (!(arg instanceof BsonDocument d)) {
            throw ErrorCode.LOCATION_51751.error("%s requires an object as an argument, found: %s", name, Values.typeName(arg));
        }
        for (String k : d.keySet()) {
            if (!k.equals("input") && !k.equals("find") && !k.equals("replacement")) {
                throw ErrorCode.LOCATION_51750.error("%s found an unknown argument: %s", name, k);
            }
        }
        Args.require(d, "input", ErrorCode.LOCATION_51749, name + " requires 'input' to be specified");
        Args.require(d, "find", ErrorCode.LOCATION_51748, name + " requires 'find' to be specified");
        Args.require(d, "replacement", ErrorCode.LOCATION_51747, name + " requires 'replacement' to be specified");
        List<Expr> args = List.of(ExprParser.parse(d.get("input"), cx), ExprParser.parse(d.get("find"), cx),
                ExprParser.parse(d.get("replacement"), cx));
        return Args.eager(name, args, v -> {
            String[] names = {"input", "find", "replacement"};
            ErrorCode[] codes = {ErrorCode.LOCATION_51746, ErrorCode.LOCATION_51745, ErrorCode.LOCATION_51744};
            boolean anyNull = false;
            for (int i = 0; i < 3; i++) {
                BsonValue x = v.get(i);
                if (Values.nullish(x)) {
                    anyNull = true;
                } else if (!x.isString()) {
                    throw codes[i].error("%s requires that '%s' be a string, found: %s", name, names[i], Values.text(x));
                }
            }
            if (anyNull) {
                return BsonNull.VALUE;
            }
            String s = v.get(0).asString().getValue();
            String find = v.get(1).asString().getValue();
            String repl = v.get(2).asString().getValue();
            if (!all) {
                int at = s.indexOf(find);
                return new BsonString(at < 0 ? s : s.substring(0, at) + repl + s.substring(at + find.length()));
            }
            return new BsonString(find.isEmpty() ? emptyFindAll(s, repl) : s.replace(find, repl));
        });
    }

    /** Replacing "" everywhere inserts the replacement between code points and at both ends, as MongoDB does. */
    private static String emptyFindAll(String s, String repl) {
        StringBuilder sb = new StringBuilder(repl);
        s.codePoints().forEach(cp -> sb.appendCodePoint(cp).append(repl));
        return sb.toString();
    }
}
