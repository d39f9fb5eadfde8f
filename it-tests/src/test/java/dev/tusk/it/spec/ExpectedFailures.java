package dev.tusk.it.spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * spec-expected-failures.txt (test resource): {@code <area>/<file>: <description> | <reason>} per
 * line, {@code #} comments. The only way a failing case may keep the build green.
 */
final class ExpectedFailures {
    static final String RESOURCE = "spec-expected-failures.txt";
    private final Map<String, String> reasons;

    private ExpectedFailures(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    static ExpectedFailures load() {
        Map<String, String> reasons = new LinkedHashMap<>();
        try (InputStream in = ExpectedFailures.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in != null) {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    int bar = line.lastIndexOf(" | ");
                    String id = (bar < 0 ? line : line.substring(0, bar)).strip();
                    reasons.put(id, bar < 0 ? "(no reason given)" : line.substring(bar + 3).strip());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        return new ExpectedFailures(reasons);
    }

    Optional<String> reason(String caseId) {
        return Optional.ofNullable(reasons.get(caseId));
    }
}
