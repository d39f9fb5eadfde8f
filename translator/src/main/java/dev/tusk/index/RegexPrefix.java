package dev.tusk.index;

import java.util.Optional;

/**
 * The literal prefix every string an anchored regex matches starts with ({@code /^abc/}, {@code /^abc.*d/}),
 * so an index scans only the strings from "abc" up to the next prefix, as MongoDB's tight bounds for
 * such regexes. None for options that change what {@code ^} or the letters mean (i, m, x), alternations,
 * or a pattern without a literal start.
 */
final class RegexPrefix {
    private static final String META = "\\.^$|?*+()[]{}";

    private RegexPrefix() {}

    static Optional<String> of(String pattern, String options) {
        if (!pattern.startsWith("^") || pattern.contains("|") || options.chars().anyMatch(c -> c == 'i' || c == 'm' || c == 'x')) {
            return Optional.empty();
        }
        int end = 1;
        while (end < pattern.length() && META.indexOf(pattern.charAt(end)) < 0) {
            end++;
        }
        if (end < pattern.length() && "?*{".indexOf(pattern.charAt(end)) >= 0) {
            end = pattern.offsetByCodePoints(end, -1); // the last literal may be absent
        }
        String prefix = pattern.substring(1, Math.max(1, end));
        return prefix.isEmpty() ? Optional.empty() : Optional.of(prefix);
    }
}
