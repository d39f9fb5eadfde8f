package dev.tusk.it.spec;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failure message into a short reason that groups similar failures ("command X not
 * implemented", "failPoint not supported"), so the expected-failure list says what to build next.
 */
final class FailureReasons {
    private record Rule(Pattern pattern, String reason) {}

    /** Errors that name the missing piece; they win over everything else. */
    private static final List<Rule> ERRORS = List.of(
            rule("unsupported operation (count|mapReduce) ", "driver 5.2: no $1 helper"),
            rule("unsupported operation (\\w+)", "runner: unsupported operation $1"),
            rule("unsupported argument (sort) for (\\S+)", "driver 5.2: no $1 option for $2"),
            rule("unsupported argument (\\S+) for (\\S+)", "runner: unsupported argument $1 for $2"),
            rule("unsupported eventType (\\w+)", "runner: $1 events not supported"),
            rule("unsupported (\\S+ option \\S+|\\S+Options\\.\\S+|client option \\S+)", "runner: unsupported $1"),
            rule("configureFailPoint", "failPoint (configureFailPoint) not supported"),
            rule("no such (?:command|cmd): '?(commitTransaction|abortTransaction)", "transactions not implemented (no $1)"),
            rule("no such (?:command|cmd): '?(\\w+)", "command $1 not implemented"),
            rule("(?:NotImplemented\\): '|code=238, message=')(.*?)'(?: on server|, details|\\.)", "not implemented: $1"));

    /** Last resort: the failing operation and what went wrong. */
    private static final List<Rule> SYMPTOMS = List.of(
            rule("readConcern(?:\\.afterClusterTime)?: missing; expected \\{\"afterClusterTime\"",
                    "readConcern.afterClusterTime missing in a causally consistent session"),
            rule("readConcern\\.atClusterTime: missing", "snapshot reads: no atClusterTime"),
            rule("^\\w+: (\\w+) failed: Mongo\\w*Exception: .*?error (\\d+) \\((\\w+)\\): '([^']{0,100})",
                    "$1 fails with $2 $3: $4"),
            rule("^\\w+: (\\w+) failed: Mongo\\w*Exception: .*?WriteError\\{code=(\\d+), message='([^']{0,100})",
                    "$1 fails with write error $2: $3"),
            rule("^\\w+: (\\w+): expected an error, the operation succeeded", "$1 succeeds where MongoDB 7.0 fails"));

    /** Cases whose file says what they test, when no server error names the gap. */
    private static final List<Rule> FILES = List.of(
            rule("-collation: ", "collation not implemented (accepted and ignored)"),
            rule("-let: ", "let option not implemented (variables undefined)"),
            rule("/snapshot-sessions", "snapshot reads not implemented"),
            rule("dots_and_dollars: ", "$-prefixed / dotted field names not supported"),
            rule("-hint-unacknowledged: Unacknowledged findOneAnd", "unacknowledged (w:0) findAndModify: result is not null"),
            rule("crud/bulkWrite-comment: ", "driver 5.2: replaceOne and updateOne go in separate update commands"),
            rule("crud/find: Find with batchSize equal to limit", "driver 5.2: batchSize equal to limit sent as limit"),
            rule("^transactions", "transactions not implemented"));

    private FailureReasons() {}

    private static Rule rule(String regex, String reason) {
        return new Rule(Pattern.compile(regex), reason);
    }

    static String of(String caseId, String message) {
        String text = message == null ? "" : message;
        for (Rule r : ERRORS) {
            Matcher m = r.pattern().matcher(text);
            if (m.find()) {
                return clean(expand(r.reason(), m));
            }
        }
        for (Rule f : FILES) {
            if (f.pattern().matcher(caseId).find()) {
                return f.reason();
            }
        }
        for (Rule r : SYMPTOMS) {
            Matcher m = r.pattern().matcher(text);
            if (m.find()) {
                return clean(expand(r.reason(), m));
            }
        }
        String first = text.lines().findFirst().orElse("(no message)").replaceFirst("^\\w+: ", "");
        return clean(first.length() > 140 ? first.substring(0, 140) + "…" : first);
    }

    private static String expand(String template, Matcher m) {
        String out = template;
        for (int g = m.groupCount(); g >= 1; g--) {
            out = out.replace("$" + g, m.group(g) == null ? "" : m.group(g).strip());
        }
        return out;
    }

    /** No pipes (the list's separator), no server addresses (ports differ per run). */
    private static String clean(String reason) {
        return reason.replace('|', '/').replaceAll("127\\.0\\.0\\.1:\\d+", "<server>").strip();
    }
}
